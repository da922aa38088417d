import type {
  ActionType as SharedActionType,
  AssessmentAspect,
  AssessmentLevel,
  ConflictAction as SharedConflictAction,
  ConflictDetail,
  ConflictJson,
  ProcedureDetail,
  ProcedureSummary,
  ProcedureStep as SharedProcedureStep,
} from '@cd/shared';

/*
 * Types come from @cd/shared. The few constants are repeated here on purpose: importing a value from the shared
 * barrel would pull zod and every schema into the browser bundle. `satisfies` keeps them in step.
 */

export type ProcedureStep = SharedProcedureStep;
export const PROCEDURE_STEPS = [
  'planner-adjusts',
  'logius-contacted',
  'joint-assessment',
  'planning-adjusted',
  'escalated',
  'logius-decides',
  'resolved',
] as const satisfies readonly ProcedureStep[];

export type Aspect = AssessmentAspect;
export const ASPECTS = ['administratief', 'financieel', 'juridisch', 'imago'] as const satisfies readonly Aspect[];
export type Level = AssessmentLevel;
export const LEVELS = ['laag', 'middel', 'hoog'] as const satisfies readonly Level[];

export type ActionType = SharedActionType;
export type ConflictAction = SharedConflictAction;

/** A conflict as the list shows it: with a summary of where its procedure stands and who must act (null before a case exists). */
export type Conflict = ConflictJson;
export type ProcedureSummaryJson = ProcedureSummary;

/** A conflict with its whole case file. */
export type ConflictWithCase = ConflictDetail;
export type ProcedureJson = ProcedureDetail;
export type AssessmentJson = ProcedureDetail['assessments'][number];
export type AdviceJson = NonNullable<ProcedureDetail['advice']>;

/** The step of a procedure summary, when it is one the web knows (the list types it as a plain string). */
export function stepOf(p: { step: string } | null | undefined): ProcedureStep | null {
  return p && (PROCEDURE_STEPS as readonly string[]).includes(p.step) ? (p.step as ProcedureStep) : null;
}

/** Who must act now, as the API names it ("Wacht op Klantraad-manager DUO"). */
export type WaitingOnJson = NonNullable<ProcedureDetail['waitingOn']>;

/** The `waitingOn` of a case file or of a list summary; null when nobody must act. */
export function waitingOnOf(p: { waitingOn?: WaitingOnJson | null } | null | undefined): WaitingOnJson | null {
  return p?.waitingOn ?? null;
}
