/**
 * Who may take which action in which step: the role and state rules shared by procedureApply and
 * procedureActionsFor, so the two cannot disagree. Which roles may take an action, and whether only for their own
 * involved Afnemer, comes from the access table (PROCEDURE_ACTION_CAPABILITY); the steps and deadlines are this
 * state machine's. Each gate answers 'forbidden' first (role or Afnemer, whatever the state), then 'illegal' (the
 * state), and on success hands back the state narrowed to the action's legal source. Payload checks ('invalid')
 * are procedureApply's.
 */

import { ROLE_LABELS } from '../access/roles.js';
import { accessReach, type Capability } from '../access/table.js';
import type { ActionType, SystemActionType } from './actions.js';
import { dutchList } from './dutch-text.js';
import { instantDutch } from '../time/dutch-text.js';
import { PROCEDURE_ACTION_LABELS, PROCEDURE_STEP_LABELS } from './labels.js';
import { procedureOverdue } from './overdue.js';
import type {
  Escalated,
  JointAssessment,
  JointAssessmentReady,
  LogiusContacted,
  LogiusDecides,
  LogiusDecidesBelowTop,
  OpenProcedureState,
  PlannerAdjusts,
  PlanningAdjusted,
  ProcedureActor,
  ProcedureState,
} from './types.js';

export interface ProcedureFailure {
  readonly ok: false;
  /** forbidden → HTTP 403, illegal → 409, invalid → 422 (or 400). */
  readonly kind: 'forbidden' | 'illegal' | 'invalid';
  readonly message: string;
}

export type Gated<S> = ProcedureFailure | { readonly ok: true; readonly state: S };

/** A refusal of the given kind; the message is Dutch, for the user. */
export function failure(kind: ProcedureFailure['kind'], message: string): ProcedureFailure {
  return { ok: false, kind, message };
}

function roleForbidden(actor: ProcedureActor, type: ActionType | SystemActionType): ProcedureFailure {
  return failure('forbidden', `De rol ${ROLE_LABELS[actor.role]} mag de actie '${PROCEDURE_ACTION_LABELS[type]}' niet uitvoeren.`);
}

const NOT_INVOLVED = 'Uw Afnemer is niet betrokken bij dit conflict.';

/** The access-table row of each user action: which roles may take it, and which only for their own Afnemer. */
export const PROCEDURE_ACTION_CAPABILITY = {
  'move-window': 'conflict.move-window',
  'contact-logius': 'conflict.contact-logius',
  'open-assessment': 'conflict.open-assessment',
  'submit-assessment': 'conflict.submit-assessment',
  'confirm-advice': 'conflict.confirm-advice',
  escalate: 'conflict.escalate',
  'accept-advice': 'conflict.answer-advice',
  'reject-advice': 'conflict.answer-advice',
  'escalate-level': 'conflict.escalate-level',
  decide: 'conflict.decide',
} as const satisfies Record<ActionType, Capability>;

/**
 * Forbidden unless the access table lets the actor's role take the action: for any Afnemer, or (reach 'own') for
 * its own Afnemer when that is involved in the conflict.
 */
function mayTake(state: ProcedureState, actor: ProcedureActor, type: ActionType): ProcedureFailure | null {
  const reach = accessReach(actor.role, PROCEDURE_ACTION_CAPABILITY[type]);
  if (reach === null) return roleForbidden(actor, type);
  if (reach === 'own' && (actor.afnemer === null || !state.afnemers.includes(actor.afnemer))) return failure('forbidden', NOT_INVOLVED);
  return null;
}

function illegal(state: ProcedureState, type: ActionType | SystemActionType, onlyIn: string): ProcedureFailure {
  if (state.step === 'resolved') return failure('illegal', 'Dit conflict is al opgelost.');
  return failure('illegal', `'${PROCEDURE_ACTION_LABELS[type]}' kan niet in stap '${PROCEDURE_STEP_LABELS[state.step]}'; ${onlyIn}`);
}

/**
 * True when the actor takes the action on an Afnemer's behalf (reach 'any': Logius has the regie), false when it
 * acts for its own Afnemer. Edge: also false for a role that may not take the action at all.
 */
export function actorActsOnBehalf(actor: ProcedureActor, type: ActionType): boolean {
  return accessReach(actor.role, PROCEDURE_ACTION_CAPABILITY[type]) === 'any';
}

/** The Afnemers of the conflict that have not yet submitted an assessment, in conflict order. */
export function assessmentsMissing(state: JointAssessment): string[] {
  return state.afnemers.filter((afnemer) => !(afnemer in state.assessments));
}

/** The Afnemers of the conflict whose klantraad-manager has not yet answered the advice, in conflict order. */
export function answersMissing(state: Escalated): string[] {
  return state.afnemers.filter((afnemer) => !(afnemer in state.answers));
}

export function gateMoveWindow(state: ProcedureState, actor: ProcedureActor): Gated<OpenProcedureState> {
  const denied = mayTake(state, actor, 'move-window');
  if (denied) return denied;
  const onBehalf = actorActsOnBehalf(actor, 'move-window');
  if (state.step === 'resolved') return illegal(state, 'move-window', '');
  if (onBehalf && state.step !== 'logius-decides') {
    return illegal(state, 'move-window', 'Logius verplaatst vensters namens een Afnemer alleen in stap 6, na het besluit.');
  }
  return { ok: true, state };
}

export function gateContactLogius(state: ProcedureState, actor: ProcedureActor): Gated<PlannerAdjusts> {
  const denied = mayTake(state, actor, 'contact-logius');
  if (denied) return denied;
  if (state.step !== 'planner-adjusts') return illegal(state, 'contact-logius', 'dat kan alleen in stap 1.');
  return { ok: true, state };
}

export function gateOpenAssessment(state: ProcedureState, actor: ProcedureActor, now: number): Gated<PlannerAdjusts | LogiusContacted> {
  const denied = mayTake(state, actor, 'open-assessment');
  if (denied) return denied;
  if (state.step === 'logius-contacted') return { ok: true, state };
  if (state.step === 'planner-adjusts') {
    if (procedureOverdue(state, now)) return { ok: true, state };
    return failure(
      'illegal',
      `De planner heeft tot ${instantDutch(state.deadline)} om de planning zelf aan te passen; de gezamenlijke ` +
        'afweging kan eerder alleen open na contact met Logius.',
    );
  }
  return illegal(state, 'open-assessment', 'dat kan alleen in stap 2, of in stap 1 na de termijn.');
}

/** A planner for its own involved Afnemer, or the capacity manager on an Afnemer's behalf. */
export function gateSubmitAssessment(state: ProcedureState, actor: ProcedureActor): Gated<JointAssessment> {
  const denied = mayTake(state, actor, 'submit-assessment');
  if (denied) return denied;
  if (state.step !== 'joint-assessment') return illegal(state, 'submit-assessment', 'dat kan alleen in stap 3.');
  return { ok: true, state };
}

/**
 * The capacity manager, once every assessment is in, or after the step's deadline with the missing ones to be
 * recorded as "geen reactie".
 */
export function gateConfirmAdvice(state: ProcedureState, actor: ProcedureActor, now: number): Gated<JointAssessmentReady> {
  const denied = mayTake(state, actor, 'confirm-advice');
  if (denied) return denied;
  if (state.step !== 'joint-assessment') return illegal(state, 'confirm-advice', 'dat kan alleen in stap 3.');
  const missing = assessmentsMissing(state);
  if (missing.length > 0 && !procedureOverdue(state, now)) {
    return failure(
      'illegal',
      `Nog niet alle afwegingen zijn binnen; ontbrekend: ${dutchList(missing)}. Na de termijn (${instantDutch(state.deadline)}) ` +
        'kunt u het advies vaststellen; de ontbrekende afwegingen worden dan als "geen reactie" vastgelegd.',
    );
  }
  return { ok: true, state: { ...state, noResponse: missing } };
}

export function gateEscalate(state: ProcedureState, actor: ProcedureActor): Gated<PlanningAdjusted> {
  const denied = mayTake(state, actor, 'escalate');
  if (denied) return denied;
  if (state.step !== 'planning-adjusted') return illegal(state, 'escalate', 'dat kan alleen in stap 4.');
  return { ok: true, state };
}

/**
 * The klantraad-manager of an involved Afnemer that has not answered yet, or the capacity manager on behalf of an
 * Afnemer that has not; in step 5 before its deadline (after it, Logius has the lead).
 */
function gateAnswerAdvice(state: ProcedureState, actor: ProcedureActor, now: number, type: 'accept-advice' | 'reject-advice'): Gated<Escalated> {
  const denied = mayTake(state, actor, type);
  if (denied) return denied;
  const onBehalf = actorActsOnBehalf(actor, type);
  if (state.step !== 'escalated') return illegal(state, type, 'dat kan alleen in stap 5.');
  if (procedureOverdue(state, now)) {
    return failure('illegal', `De termijn van de klantraad-managers liep af op ${instantDutch(state.deadline)}; Logius voert nu de regie (stap 6).`);
  }
  if (!onBehalf && actor.afnemer !== null && actor.afnemer in state.answers) {
    return failure('illegal', 'Uw Afnemer heeft het advies al beantwoord.');
  }
  if (onBehalf && answersMissing(state).length === 0) return failure('illegal', 'Alle Afnemers hebben het advies al beantwoord.');
  return { ok: true, state };
}

export function gateAcceptAdvice(state: ProcedureState, actor: ProcedureActor, now: number): Gated<Escalated> {
  return gateAnswerAdvice(state, actor, now, 'accept-advice');
}

export function gateRejectAdvice(state: ProcedureState, actor: ProcedureActor, now: number): Gated<Escalated> {
  return gateAnswerAdvice(state, actor, now, 'reject-advice');
}

export function gateEscalateLevel(state: ProcedureState, actor: ProcedureActor): Gated<LogiusDecidesBelowTop> {
  const denied = mayTake(state, actor, 'escalate-level');
  if (denied) return denied;
  if (state.step !== 'logius-decides') {
    return illegal(state, 'escalate-level', 'Logius schaalt op in stap 6, als het de regie voert.');
  }
  if (state.level === 3) {
    return failure('illegal', 'Het hoogste niveau van de escalatieladder (Afdelingshoofd) is bereikt; leg de uitkomst vast met een besluit.');
  }
  return { ok: true, state: { ...state, level: state.level } };
}

export function gateDecide(state: ProcedureState, actor: ProcedureActor): Gated<LogiusDecides> {
  const denied = mayTake(state, actor, 'decide');
  if (denied) return denied;
  if (state.step !== 'logius-decides') {
    return illegal(state, 'decide', 'Logius legt de uitkomst vast in stap 6, nadat het advies is afgewezen of de termijn van stap 5 verstreek.');
  }
  return { ok: true, state };
}

/** The system closes a conflict: no role check, because no user can post it. */
export function gateResolve(state: ProcedureState): Gated<OpenProcedureState> {
  if (state.step === 'resolved') return illegal(state, 'resolve', '');
  return { ok: true, state };
}

/** The system moves step 5 on once its deadline passed. */
export function gateDeadlinePassed(state: ProcedureState, now: number): Gated<Escalated> {
  if (state.step !== 'escalated') return illegal(state, 'deadline-passed', 'dat gebeurt alleen in stap 5.');
  if (!procedureOverdue(state, now)) return failure('illegal', `De termijn van stap 5 loopt tot ${instantDutch(state.deadline)}.`);
  return { ok: true, state };
}

/** The system moves step 5 on when the advice every Afnemer accepted was carried out and the conflict remains. */
export function gateAdviceFellShort(state: ProcedureState): Gated<Escalated> {
  if (state.step !== 'escalated') return illegal(state, 'advice-fell-short', 'dat gebeurt alleen in stap 5.');
  if (answersMissing(state).length > 0 || Object.values(state.answers).some((a) => !a.accepted)) {
    return failure('illegal', 'Het advies is nog niet door alle Afnemers aanvaard.');
  }
  return { ok: true, state };
}

/** Every user action's gate, for procedureActionsFor. */
export const PROCEDURE_GATES = {
  'move-window': gateMoveWindow,
  'contact-logius': gateContactLogius,
  'open-assessment': gateOpenAssessment,
  'submit-assessment': gateSubmitAssessment,
  'confirm-advice': gateConfirmAdvice,
  escalate: gateEscalate,
  'accept-advice': gateAcceptAdvice,
  'reject-advice': gateRejectAdvice,
  'escalate-level': gateEscalateLevel,
  decide: gateDecide,
} satisfies Record<ActionType, (state: ProcedureState, actor: ProcedureActor, now: number) => Gated<ProcedureState>>;
