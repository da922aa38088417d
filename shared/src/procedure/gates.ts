/**
 * Who may take which action in which step: the role and state rules shared by procedureApply and
 * procedureActionsFor, so the two cannot disagree. Each gate answers 'forbidden' first (role or Afnemer,
 * whatever the state), then 'illegal' (the state), and on success hands back the state narrowed to the
 * action's legal source. Payload checks ('invalid') are procedureApply's.
 */

import { ROLE_LABELS } from '../roles.js';
import type { ActionType } from './actions.js';
import { dutchList, instantDutch } from './dutch-text.js';
import { PROCEDURE_ACTION_LABELS, PROCEDURE_STEP_LABELS } from './labels.js';
import { procedureOverdue } from './overdue.js';
import type {
  Escalated,
  EscalatedBelowTop,
  JointAssessment,
  JointAssessmentWithDraft,
  LogiusContacted,
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

function roleForbidden(actor: ProcedureActor, type: ActionType | 'resolve'): ProcedureFailure {
  return failure(
    'forbidden',
    `De rol ${ROLE_LABELS[actor.role]} mag de actie '${PROCEDURE_ACTION_LABELS[type]}' niet uitvoeren.`,
  );
}

const NOT_INVOLVED = 'Uw Afnemer is niet betrokken bij dit conflict.';

/** Forbidden unless the actor has this Afnemer-bound role for an Afnemer involved in the conflict. */
function involvedAs(
  role: 'planner' | 'klantraad-manager',
  state: ProcedureState,
  actor: ProcedureActor,
  type: ActionType,
): ProcedureFailure | null {
  if (actor.role !== role) return roleForbidden(actor, type);
  if (actor.afnemer === null || !state.afnemers.includes(actor.afnemer)) return failure('forbidden', NOT_INVOLVED);
  return null;
}

function illegal(state: ProcedureState, type: ActionType | 'resolve', onlyIn: string): ProcedureFailure {
  if (state.step === 'resolved') return failure('illegal', 'Dit conflict is al opgelost.');
  return failure(
    'illegal',
    `'${PROCEDURE_ACTION_LABELS[type]}' kan niet in stap '${PROCEDURE_STEP_LABELS[state.step]}'; ${onlyIn}`,
  );
}

function logiusManager(actor: ProcedureActor): boolean {
  return actor.role === 'capacity-manager' || actor.role === 'service-manager';
}

/** The Afnemers of the conflict that have not yet submitted an assessment, in conflict order. */
export function assessmentsMissing(state: JointAssessment): string[] {
  return state.afnemers.filter((afnemer) => !(afnemer in state.assessments));
}

export function gateMoveWindow(state: ProcedureState, actor: ProcedureActor): Gated<OpenProcedureState> {
  const onBehalf = logiusManager(actor);
  if (!onBehalf) {
    const denied = involvedAs('planner', state, actor, 'move-window');
    if (denied) return denied;
  }
  if (state.step === 'resolved') return illegal(state, 'move-window', '');
  if (onBehalf && state.step !== 'logius-decides') {
    return illegal(state, 'move-window', 'Logius verplaatst vensters namens een Afnemer alleen in stap 6, na het besluit.');
  }
  return { ok: true, state };
}

export function gateContactLogius(state: ProcedureState, actor: ProcedureActor): Gated<PlannerAdjusts> {
  const denied = involvedAs('planner', state, actor, 'contact-logius');
  if (denied) return denied;
  if (state.step !== 'planner-adjusts') return illegal(state, 'contact-logius', 'dat kan alleen in stap 1.');
  return { ok: true, state };
}

export function gateOpenAssessment(
  state: ProcedureState,
  actor: ProcedureActor,
  now: number,
): Gated<PlannerAdjusts | LogiusContacted> {
  if (actor.role !== 'capacity-manager') return roleForbidden(actor, 'open-assessment');
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

export function gateSubmitAssessment(state: ProcedureState, actor: ProcedureActor): Gated<JointAssessment> {
  const denied = involvedAs('planner', state, actor, 'submit-assessment');
  if (denied) return denied;
  if (state.step !== 'joint-assessment') return illegal(state, 'submit-assessment', 'dat kan alleen in stap 3.');
  return { ok: true, state };
}

export function gateConfirmAdvice(state: ProcedureState, actor: ProcedureActor): Gated<JointAssessmentWithDraft> {
  if (actor.role !== 'capacity-manager') return roleForbidden(actor, 'confirm-advice');
  if (state.step !== 'joint-assessment') return illegal(state, 'confirm-advice', 'dat kan alleen in stap 3.');
  const missing = assessmentsMissing(state);
  if (missing.length === 0 && state.draftAdvice === null) {
    // Only when the Afnemers changed without procedureAfnemersUpdate, which recomputes the draft.
    return failure('illegal', 'Er is nog geen conceptadvies; dien een afweging opnieuw in om het te berekenen.');
  }
  if (missing.length > 0 || state.draftAdvice === null) {
    return failure(
      'illegal',
      `Nog niet alle afwegingen zijn binnen; ontbrekend: ${dutchList(missing.map((oin) => `Afnemer ${oin}`))}.`,
    );
  }
  return { ok: true, state: { ...state, draftAdvice: state.draftAdvice } };
}

export function gateEscalate(state: ProcedureState, actor: ProcedureActor): Gated<PlanningAdjusted> {
  if (actor.role !== 'capacity-manager') {
    const denied = involvedAs('planner', state, actor, 'escalate');
    if (denied) return denied;
  }
  if (state.step !== 'planning-adjusted') return illegal(state, 'escalate', 'dat kan alleen in stap 4.');
  return { ok: true, state };
}

export function gateEscalateLevel(state: ProcedureState, actor: ProcedureActor): Gated<EscalatedBelowTop> {
  if (!logiusManager(actor)) {
    const denied = involvedAs('klantraad-manager', state, actor, 'escalate-level');
    if (denied) return denied;
  }
  if (state.step !== 'escalated') return illegal(state, 'escalate-level', 'dat kan alleen in stap 5.');
  if (state.level === 3) {
    return failure(
      'illegal',
      'Het hoogste niveau van de escalatieladder (Afdelingshoofd) is bereikt; de volgende stap is het besluit van Logius.',
    );
  }
  return { ok: true, state: { ...state, level: state.level } };
}

export function gateDecide(state: ProcedureState, actor: ProcedureActor): Gated<Escalated> {
  if (!logiusManager(actor)) return roleForbidden(actor, 'decide');
  if (state.step !== 'escalated') {
    return illegal(state, 'decide', 'Logius besluit alleen over een geëscaleerd conflict (stap 5).');
  }
  return { ok: true, state };
}

/** The system action: no role check, because no user can post it. */
export function gateResolve(state: ProcedureState): Gated<OpenProcedureState> {
  if (state.step === 'resolved') return illegal(state, 'resolve', '');
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
  'escalate-level': gateEscalateLevel,
  decide: gateDecide,
} satisfies Record<ActionType, (state: ProcedureState, actor: ProcedureActor, now: number) => Gated<ProcedureState>>;
