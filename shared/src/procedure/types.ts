/**
 * The conflict procedure (DAP Bijlage 3) as a union of read-only states told apart by `step`.
 * All instants are ms since the epoch; OINs are 20-digit strings.
 */

import type { Role } from '../roles.js';

/** The step ids, in procedure order; the first six are open, 'resolved' is terminal. */
export const PROCEDURE_STEPS = [
  'planner-adjusts',
  'logius-contacted',
  'joint-assessment',
  'planning-adjusted',
  'escalated',
  'logius-decides',
  'resolved',
] as const;
export type ProcedureStep = (typeof PROCEDURE_STEPS)[number];
export type OpenProcedureStep = Exclude<ProcedureStep, 'resolved'>;

/** The number of each open step in Bijlage 3. */
export const PROCEDURE_STEP_NUMBERS: Readonly<Record<OpenProcedureStep, 1 | 2 | 3 | 4 | 5 | 6>> = {
  'planner-adjusts': 1,
  'logius-contacted': 2,
  'joint-assessment': 3,
  'planning-adjusted': 4,
  escalated: 5,
  'logius-decides': 6,
};

/** Working days each open step may take before it is overdue. */
export type StepDeadlines = Readonly<Record<OpenProcedureStep, number>>;

export const PROCEDURE_DEADLINES_DEFAULT: StepDeadlines = {
  'planner-adjusts': 2,
  'logius-contacted': 2,
  'joint-assessment': 5,
  'planning-adjusted': 3,
  escalated: 5,
  'logius-decides': 2,
};

export const ASSESSMENT_LEVELS = ['laag', 'middel', 'hoog'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

export const ASSESSMENT_ASPECTS = ['administratief', 'financieel', 'juridisch', 'imago'] as const;
export type AssessmentAspect = (typeof ASSESSMENT_ASPECTS)[number];

export interface AspectScore {
  readonly urgency: AssessmentLevel;
  readonly impact: AssessmentLevel;
}

export type AssessmentAspects = Readonly<Record<AssessmentAspect, AspectScore>>;

/** One Afnemer's weighing of what changing its planning would cost it (step 3). */
export interface Assessment {
  readonly afnemer: string;
  readonly aspects: AssessmentAspects;
  readonly motivation: string;
  /** E-mail address of who submitted it. */
  readonly by: string;
  readonly at: number;
  /** True when Logius' capacity manager recorded it on the Afnemer's behalf (absent in older case files: false). */
  readonly onBehalf?: boolean;
}

/** Which windows move to solve the conflict, and where to. */
export interface Advice {
  readonly moveWindowIds: readonly number[];
  readonly moveAfnemers: readonly string[];
  readonly text: string;
  /** True while the advice is the system's draft, unedited. */
  readonly drafted: boolean;
  /**
   * The proposed new times of the windows that move; a window without one has no proposed moment (nothing
   * is carried out for it). Absent in case files from before proposals: nothing to carry out.
   */
  readonly moves?: readonly WindowMove[];
  /** Afnemers whose assessment was still missing at the step-3 deadline, counted as "geen reactie". */
  readonly noResponse?: readonly string[];
}

/** The production-capacity ladder (DAP section 7) that Logius climbs in step 6; level 0 is not yet climbed. */
export const ESCALATION_TITLES = {
  1: 'Service manager',
  2: 'Teamleider PD Levering',
  3: 'Afdelingshoofd',
} as const;
export type EscalationLevel = 0 | 1 | 2 | 3;
export type EscalationTitle = (typeof ESCALATION_TITLES)[keyof typeof ESCALATION_TITLES];

export interface EscalationEntry {
  readonly level: 1 | 2 | 3;
  readonly title: EscalationTitle;
  readonly reason: string;
  readonly by: string;
  readonly at: number;
}

/** A window move ordered by Logius' decision. */
export interface WindowMove {
  readonly windowId: number;
  readonly start: number;
  readonly end: number;
}

export interface Decision {
  readonly text: string;
  readonly by: string;
  readonly at: number;
  readonly moves: readonly WindowMove[];
}

/** A klantraad-manager's answer to the advice (step 5), or Logius' record of it on the Afnemer's behalf. */
export interface KlantraadAnswer {
  readonly afnemer: string;
  readonly accepted: boolean;
  /** Why the advice was rejected; null for an acceptance. */
  readonly reason: string | null;
  readonly by: string;
  readonly at: number;
  readonly onBehalf: boolean;
}

/** Why Logius took the lead (step 6). */
export const STEP_SIX_CAUSES = ['rejected', 'deadline', 'advice-fell-short'] as const;
export type StepSixCause = (typeof STEP_SIX_CAUSES)[number];

interface ProcedureBase {
  readonly conflictId: number;
  /** OINs of the Afnemers involved. */
  readonly afnemers: readonly string[];
  /** When the current step began. */
  readonly enteredAt: number;
  /** End of the step's last working day; null once resolved. */
  readonly deadline: number | null;
}

interface OpenBase extends ProcedureBase {
  readonly deadline: number;
}

/** Step 1: the planner who found the conflict tries to move its own windows. */
export interface PlannerAdjusts extends OpenBase {
  readonly step: 'planner-adjusts';
}

/** Step 2: a planner has contacted Logius. */
export interface LogiusContacted extends OpenBase {
  readonly step: 'logius-contacted';
  readonly contact: { readonly message: string; readonly by: string; readonly at: number };
}

/** Step 3: the planners weigh urgency and impact; the draft advice appears once every Afnemer has. */
export interface JointAssessment extends OpenBase {
  readonly step: 'joint-assessment';
  /** By OIN; at most one per Afnemer (a second submission replaces the first). */
  readonly assessments: Readonly<Record<string, Assessment>>;
  readonly draftAdvice: Advice | null;
}

/** Step 3 with every assessment in. */
export type JointAssessmentWithDraft = JointAssessment & { readonly draftAdvice: Advice };

/**
 * Step 3 from which the advice can be confirmed: every assessment in, or the deadline passed with the Afnemers in
 * `noResponse` still silent (given by gateConfirmAdvice, never stored).
 */
export type JointAssessmentReady = JointAssessment & { readonly noResponse: readonly string[] };

/** Step 4: the advice is agreed and the planning is being adjusted. */
export interface PlanningAdjusted extends OpenBase {
  readonly step: 'planning-adjusted';
  readonly advice: Advice;
}

/**
 * Step 5: escalated on the agreed advice (unchanged) to the klantraad-managers of the Afnemers involved, who each
 * accept or reject it. When all have accepted, the advice is carried out.
 */
export interface Escalated extends OpenBase {
  readonly step: 'escalated';
  readonly advice: Advice;
  /** Why it was escalated, shown apart from the advice. */
  readonly reason: string;
  /** By OIN; one answer per Afnemer. */
  readonly answers: Readonly<Record<string, KlantraadAnswer>>;
}

/** Step 6: Logius voert de regie: it climbs the production-capacity ladder and records (and carries out) outcomes. */
export interface LogiusDecides extends OpenBase {
  readonly step: 'logius-decides';
  readonly advice: Advice;
  readonly reason: string;
  readonly answers: Readonly<Record<string, KlantraadAnswer>>;
  readonly cause: StepSixCause;
  readonly level: EscalationLevel;
  readonly ladder: readonly EscalationEntry[];
  /** Oldest first; a decision that leaves the conflict open keeps the case here with a new deadline. */
  readonly decisions: readonly Decision[];
}

/** Step 6 below the top of the ladder: the only source of escalate-level. */
export type LogiusDecidesBelowTop = LogiusDecides & { readonly level: 0 | 1 | 2 };

/** Terminal: the conflict is gone (the recompute no longer finds it) or closed by the system. */
export interface Resolved extends ProcedureBase {
  readonly step: 'resolved';
  readonly deadline: null;
  readonly resolvedAt: number;
  readonly reason: string;
  readonly resolvedFrom: OpenProcedureStep;
}

export type ProcedureState = PlannerAdjusts | LogiusContacted | JointAssessment | PlanningAdjusted | Escalated | LogiusDecides | Resolved;

export type OpenProcedureState = Exclude<ProcedureState, Resolved>;

/** Who acts; `afnemer` is the OIN of a planner or klantraad-manager, null for Logius roles. */
export interface ProcedureActor {
  readonly email: string;
  readonly role: Role;
  readonly afnemer: string | null;
}

/** A send window of the conflict, as far as the procedure needs it. */
export interface ProcedureWindow {
  readonly id: number;
  readonly afnemer: string;
  /** When its prognose was delivered; the later delivery gives way on a tie. */
  readonly deliveredAt: number;
  /** How people know it; advice texts name windows by kenmerk, never by id. */
  readonly kenmerk: string;
  readonly start: number;
  readonly end: number;
  /** The nearest moment it fits (from the suggestions), proposed by the advice; null or absent when none is known. */
  readonly proposal?: { readonly start: number; readonly end: number } | null;
}

/** What the server stores per transition, beside from/to; `by` is null for the system. */
export type ProcedureEventPayload =
  | {
      readonly type: 'move-window';
      readonly by: string;
      readonly windowId: number;
      readonly afnemer: string;
      readonly start: number;
      readonly end: number;
      /** True when a Logius role moved it on the Afnemer's behalf (step 6). */
      readonly onBehalf: boolean;
    }
  | { readonly type: 'contact-logius'; readonly by: string; readonly message: string }
  | { readonly type: 'open-assessment'; readonly by: string; readonly overdue: boolean }
  | {
      readonly type: 'submit-assessment';
      readonly by: string;
      readonly assessment: Assessment;
      readonly replaced: boolean;
      readonly draftAdvice: Advice | null;
      /** The Afnemer it is for, and whether Logius recorded it on that Afnemer's behalf. */
      readonly afnemer: string;
      readonly onBehalf: boolean;
    }
  | {
      readonly type: 'confirm-advice';
      readonly by: string;
      readonly advice: Advice;
      /** The Afnemers recorded as "geen reactie" (confirmed after the deadline). */
      readonly noResponse: readonly string[];
    }
  | {
      readonly type: 'escalate';
      readonly by: string;
      readonly reason: string;
      /** The agreed advice, unchanged. */
      readonly advice: Advice;
      /** Whose klantraad-managers are to be asked. */
      readonly notifyAfnemers: readonly string[];
    }
  | {
      readonly type: 'accept-advice' | 'reject-advice';
      readonly by: string;
      readonly answer: KlantraadAnswer;
      /** The moves to carry out now that every Afnemer accepted; null while answers are missing. */
      readonly carryOut: readonly WindowMove[] | null;
    }
  | { readonly type: 'escalate-level'; readonly by: string; readonly entry: EscalationEntry }
  | { readonly type: 'decide'; readonly by: string; readonly decision: Decision }
  | { readonly type: 'deadline-passed'; readonly by: null; readonly deadline: number }
  | { readonly type: 'advice-fell-short'; readonly by: null }
  | { readonly type: 'resolve'; readonly by: null; readonly reason: string };

export interface ProcedureEvent {
  readonly from: ProcedureStep;
  readonly to: ProcedureStep;
  readonly payload: ProcedureEventPayload;
}
