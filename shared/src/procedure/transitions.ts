/**
 * The procedure's transitions: one pure function per action, typed on its legal source state(s), and
 * procedureApply, the dispatcher the server calls. The server loads the state, calls procedureApply with
 * the clock reading and the conflict's windows, then stores the new state and the event.
 */

import type { ConflictAction, ProcedureAction } from './actions.js';
import { adviceDraft } from './advice.js';
import {
  type ProcedureFailure,
  failure,
  gateConfirmAdvice,
  gateContactLogius,
  gateDecide,
  gateEscalate,
  gateEscalateLevel,
  gateMoveWindow,
  gateOpenAssessment,
  gateResolve,
  gateSubmitAssessment,
} from './gates.js';
import type {
  Advice,
  Assessment,
  AssessmentAspects,
  Escalated,
  EscalatedBelowTop,
  JointAssessment,
  JointAssessmentWithDraft,
  LogiusContacted,
  LogiusDecides,
  OpenProcedureState,
  OpenProcedureStep,
  PlannerAdjusts,
  PlanningAdjusted,
  ProcedureActor,
  ProcedureEvent,
  ProcedureEventPayload,
  ProcedureState,
  ProcedureWindow,
  Resolved,
  StepDeadlines,
  WindowMove,
} from './types.js';
import { ESCALATION_TITLES, PROCEDURE_DEADLINES_DEFAULT } from './types.js';
import { type HolidayRule, DUTCH_HOLIDAY_RULES, workingDaysAdd } from './working-days.js';

export type { ProcedureFailure } from './gates.js';

/** Everything a transition needs besides the state and the action. */
export interface ProcedureContext {
  readonly actor: ProcedureActor;
  /** The clock reading, ms since the epoch; the core never reads the clock itself. */
  readonly now: number;
  /** The windows of this conflict. */
  readonly windows: readonly ProcedureWindow[];
  /** Working days per step; missing steps take PROCEDURE_DEADLINES_DEFAULT. */
  readonly deadlines?: Partial<StepDeadlines>;
  /** Public holidays for the deadlines; DUTCH_HOLIDAY_RULES when absent. */
  readonly holidays?: readonly HolidayRule[];
}

/** The parts of the context that set a new step's clock. */
export type StepClock = Pick<ProcedureContext, 'now' | 'deadlines' | 'holidays'>;

export type ProcedureResult =
  | { readonly ok: true; readonly state: ProcedureState; readonly event: ProcedureEvent }
  | ProcedureFailure;

function stepEnter(step: OpenProcedureStep, clock: StepClock): { enteredAt: number; deadline: number } {
  const days = clock.deadlines?.[step] ?? PROCEDURE_DEADLINES_DEFAULT[step];
  return { enteredAt: clock.now, deadline: workingDaysAdd(clock.now, days, clock.holidays ?? DUTCH_HOLIDAY_RULES) };
}

function common(state: ProcedureState): Pick<ProcedureState, 'conflictId' | 'afnemers'> {
  return { conflictId: state.conflictId, afnemers: state.afnemers };
}

/**
 * Returns the state a new conflict starts in: step 1, with its deadline counted from `now`.
 * Edge: a conflict found on a Saturday gets until the end of Tuesday with the default 2 working days.
 */
export function procedureInitial(
  conflictId: number,
  afnemers: readonly string[],
  now: number,
  deadlines?: Partial<StepDeadlines>,
  holidays?: readonly HolidayRule[],
): PlannerAdjusts {
  return {
    step: 'planner-adjusts',
    conflictId,
    afnemers: [...afnemers],
    ...stepEnter('planner-adjusts', { now, deadlines, holidays }),
  };
}

/**
 * Returns the state unchanged: a move never changes the step (the recompute decides whether the conflict is gone).
 * Edge: the state keeps its enteredAt and deadline; the move lives only in the event.
 */
export function procedureMoveWindow<S extends OpenProcedureState>(state: S): S {
  return state;
}

/**
 * Returns step 2, recording the planner's message to Logius.
 * Edge: accepts step 1 only; the new deadline counts from `now`.
 */
export function procedureContactLogius(
  state: PlannerAdjusts,
  input: { readonly message: string },
  by: string,
  clock: StepClock,
): LogiusContacted {
  return {
    ...common(state),
    step: 'logius-contacted',
    contact: { message: input.message, by, at: clock.now },
    ...stepEnter('logius-contacted', clock),
  };
}

/**
 * Returns step 3 with no assessments and no draft yet.
 * Edge: accepts step 2, and step 1 (procedureApply allows that only once step 1 is overdue).
 */
export function procedureOpenAssessment(state: PlannerAdjusts | LogiusContacted, clock: StepClock): JointAssessment {
  return {
    ...common(state),
    step: 'joint-assessment',
    assessments: {},
    draftAdvice: null,
    ...stepEnter('joint-assessment', clock),
  };
}

/**
 * Returns step 3 with the Afnemer's assessment stored, and the draft advice once every Afnemer has one.
 * Edge: a second submission of an Afnemer replaces its first and recomputes the draft; the step's clock keeps running.
 */
export function procedureSubmitAssessment(
  state: JointAssessment,
  input: { readonly afnemer: string; readonly aspects: AssessmentAspects; readonly motivation: string },
  by: string,
  now: number,
  windows: readonly ProcedureWindow[],
): JointAssessment {
  const assessment: Assessment = { afnemer: input.afnemer, aspects: input.aspects, motivation: input.motivation, by, at: now };
  const assessments = { ...state.assessments, [input.afnemer]: assessment };
  return { ...state, assessments, draftAdvice: draftWhenComplete(state.afnemers, assessments, windows) };
}

/** The draft over the involved Afnemers' assessments once all are in, else null. */
function draftWhenComplete(
  afnemers: readonly string[],
  assessments: JointAssessment['assessments'],
  windows: readonly ProcedureWindow[],
): Advice | null {
  if (!afnemers.every((afnemer) => afnemer in assessments)) return null;
  const involved = Object.fromEntries(afnemers.map((afnemer) => [afnemer, assessments[afnemer]!]));
  return adviceDraft(involved, windows);
}

/**
 * Returns the state with the involved Afnemers replaced (the recompute found others), in step 3 with the
 * draft advice recomputed over the Afnemers now involved.
 * Edge: assessments of Afnemers no longer involved are kept but no longer count; a resolved state is returned as is.
 */
export function procedureAfnemersUpdate(
  state: ProcedureState,
  afnemers: readonly string[],
  windows: readonly ProcedureWindow[],
): ProcedureState {
  if (state.step === 'resolved') return state;
  if (state.step !== 'joint-assessment') return { ...state, afnemers: [...afnemers] };
  return { ...state, afnemers: [...afnemers], draftAdvice: draftWhenComplete(afnemers, state.assessments, windows) };
}

/**
 * Returns step 4 with the agreed advice: the draft as is, or with the given text and/or windows.
 * Edge: `drafted` stays true only when neither the text nor the set of windows differs from the draft;
 * the moving Afnemers follow the chosen windows.
 */
export function procedureConfirmAdvice(
  state: JointAssessmentWithDraft,
  input: { readonly text?: string | undefined; readonly moveWindowIds?: readonly number[] | undefined },
  windows: readonly ProcedureWindow[],
  clock: StepClock,
): PlanningAdjusted {
  const draft = state.draftAdvice;
  const ids = input.moveWindowIds ? [...new Set(input.moveWindowIds)].sort((a, b) => a - b) : draft.moveWindowIds;
  const text = input.text ?? draft.text;
  const sameIds = ids.length === draft.moveWindowIds.length && ids.every((id) => draft.moveWindowIds.includes(id));
  const moveAfnemers = sameIds
    ? draft.moveAfnemers
    : [...new Set(windows.filter((w) => ids.includes(w.id)).map((w) => w.afnemer))].sort();
  const advice: Advice = { moveWindowIds: ids, moveAfnemers, text, drafted: draft.drafted && sameIds && text === draft.text };
  return { ...common(state), step: 'planning-adjusted', advice, ...stepEnter('planning-adjusted', clock) };
}

/**
 * Returns step 5 at level 0 (the klantraad-managers), on the advice with the escalation's text.
 * Edge: the advice is no longer 'drafted' when the text differs from the agreed one.
 */
export function procedureEscalate(
  state: PlanningAdjusted,
  input: { readonly adviceText: string },
  clock: StepClock,
): Escalated {
  const advice: Advice = {
    ...state.advice,
    text: input.adviceText,
    drafted: state.advice.drafted && input.adviceText === state.advice.text,
  };
  return { ...common(state), step: 'escalated', advice, level: 0, ladder: [], ...stepEnter('escalated', clock) };
}

/**
 * Returns step 5 one level up the production-capacity ladder, with the entry appended.
 * Edge: accepts levels 0-2 only (level 3, Afdelingshoofd, is the top); each level gets a fresh deadline.
 */
export function procedureEscalateLevel(
  state: EscalatedBelowTop,
  input: { readonly reason: string },
  by: string,
  clock: StepClock,
): Escalated {
  const level = (state.level + 1) as 1 | 2 | 3;
  const entry = { level, title: ESCALATION_TITLES[level], reason: input.reason, by, at: clock.now };
  return { ...state, level, ladder: [...state.ladder, entry], ...stepEnter('escalated', clock) };
}

/**
 * Returns step 6 with Logius' decision and the moves it orders.
 * Edge: accepts step 5 at any level; the advice and the ladder are kept.
 */
export function procedureDecide(
  state: Escalated,
  input: { readonly decision: string; readonly moves: readonly WindowMove[] },
  by: string,
  clock: StepClock,
): LogiusDecides {
  return {
    ...common(state),
    step: 'logius-decides',
    advice: state.advice,
    ladder: state.ladder,
    decision: { text: input.decision, by, at: clock.now, moves: input.moves },
    ...stepEnter('logius-decides', clock),
  };
}

/**
 * Returns the terminal state, remembering the step the conflict was resolved from.
 * Edge: accepts any open step; the deadline becomes null.
 */
export function procedureResolve(state: OpenProcedureState, input: { readonly reason: string }, now: number): Resolved {
  return {
    ...common(state),
    step: 'resolved',
    enteredAt: now,
    deadline: null,
    resolvedAt: now,
    reason: input.reason,
    resolvedFrom: state.step,
  };
}

const invalid = (message: string): ProcedureFailure => failure('invalid', message);

function span(start: string, end: string): { ok: true; start: number; end: number } | ProcedureFailure {
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (Number.isNaN(s) || Number.isNaN(e)) return invalid('Geef begin en einde als datum en tijd in ISO 8601 met tijdzone.');
  if (e <= s) return invalid('Het einde moet na het begin liggen.');
  return { ok: true, start: s, end: e };
}

function windowNotInConflict(id: number): ProcedureFailure {
  return invalid(`Venster ${id} hoort niet bij dit conflict.`);
}

function success(from: ProcedureState, to: ProcedureState, payload: ProcedureEventPayload): ProcedureResult {
  return { ok: true, state: to, event: { from: from.step, to: to.step, payload } };
}

/**
 * Returns the new state and the event to store, or why not: 'forbidden' (role or Afnemer, HTTP 403), then
 * 'illegal' (not from this step, 409), then 'invalid' (the payload does not fit this conflict), in that order.
 * Edge: times in the action are ISO strings and become ms in state and event; 'resolve' is the system's own
 * action and is not checked against the actor; a move-window keeps the state as it is.
 */
export function procedureApply(state: ProcedureState, action: ProcedureAction, ctx: ProcedureContext): ProcedureResult {
  const { actor, now, windows } = ctx;
  switch (action.type) {
    case 'move-window': {
      const gate = gateMoveWindow(state, actor);
      if (!gate.ok) return gate;
      const window = windows.find((w) => w.id === action.windowId);
      if (!window) return windowNotInConflict(action.windowId);
      const onBehalf = actor.role !== 'planner';
      if (!onBehalf && window.afnemer !== actor.afnemer) {
        return failure('forbidden', `Venster ${window.id} is van een andere Afnemer; u verplaatst alleen vensters van uw eigen Afnemer.`);
      }
      const times = span(action.start, action.end);
      if (!times.ok) return times;
      return success(state, procedureMoveWindow(gate.state), {
        type: 'move-window',
        by: actor.email,
        windowId: window.id,
        afnemer: window.afnemer,
        start: times.start,
        end: times.end,
        onBehalf,
      });
    }
    case 'contact-logius': {
      const gate = gateContactLogius(state, actor);
      if (!gate.ok) return gate;
      const next = procedureContactLogius(gate.state, action, actor.email, ctx);
      return success(state, next, { type: 'contact-logius', by: actor.email, message: action.message });
    }
    case 'open-assessment': {
      const gate = gateOpenAssessment(state, actor, now);
      if (!gate.ok) return gate;
      const next = procedureOpenAssessment(gate.state, ctx);
      return success(state, next, { type: 'open-assessment', by: actor.email, overdue: gate.state.step === 'planner-adjusts' });
    }
    case 'submit-assessment': {
      if (actor.role === 'planner' && action.afnemer !== undefined && action.afnemer !== actor.afnemer) {
        return failure('forbidden', 'U kunt alleen een afweging indienen voor uw eigen Afnemer.');
      }
      const gate = gateSubmitAssessment(state, actor);
      if (!gate.ok) return gate;
      // The gate admits only planners of an involved Afnemer, so the actor's Afnemer is set.
      const afnemer = actor.afnemer as string;
      const next = procedureSubmitAssessment(gate.state, { ...action, afnemer }, actor.email, now, windows);
      return success(state, next, {
        type: 'submit-assessment',
        by: actor.email,
        assessment: next.assessments[afnemer] as Assessment,
        replaced: afnemer in gate.state.assessments,
        draftAdvice: next.draftAdvice,
      });
    }
    case 'confirm-advice': {
      const gate = gateConfirmAdvice(state, actor);
      if (!gate.ok) return gate;
      const unknown = (action.moveWindowIds ?? []).find((id) => !windows.some((w) => w.id === id));
      if (unknown !== undefined) return windowNotInConflict(unknown);
      const next = procedureConfirmAdvice(gate.state, action, windows, ctx);
      return success(state, next, { type: 'confirm-advice', by: actor.email, advice: next.advice });
    }
    case 'escalate': {
      const gate = gateEscalate(state, actor);
      if (!gate.ok) return gate;
      const next = procedureEscalate(gate.state, action, ctx);
      return success(state, next, {
        type: 'escalate',
        by: actor.email,
        adviceText: action.adviceText,
        advice: next.advice,
        notifyAfnemers: next.afnemers,
      });
    }
    case 'escalate-level': {
      const gate = gateEscalateLevel(state, actor);
      if (!gate.ok) return gate;
      const next = procedureEscalateLevel(gate.state, action, actor.email, ctx);
      return success(state, next, { type: 'escalate-level', by: actor.email, entry: next.ladder[next.ladder.length - 1]! });
    }
    case 'decide': {
      const gate = gateDecide(state, actor);
      if (!gate.ok) return gate;
      const moves = decisionMoves(action.moves ?? [], windows);
      if (!Array.isArray(moves)) return moves;
      const next = procedureDecide(gate.state, { decision: action.decision, moves }, actor.email, ctx);
      return success(state, next, { type: 'decide', by: actor.email, decision: next.decision });
    }
    case 'resolve': {
      const gate = gateResolve(state);
      if (!gate.ok) return gate;
      return success(state, procedureResolve(gate.state, action, now), { type: 'resolve', by: null, reason: action.reason });
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function decisionMoves(
  moves: NonNullable<Extract<ConflictAction, { type: 'decide' }>['moves']>,
  windows: readonly ProcedureWindow[],
): WindowMove[] | ProcedureFailure {
  const out: WindowMove[] = [];
  for (const move of moves) {
    if (!windows.some((w) => w.id === move.windowId)) return windowNotInConflict(move.windowId);
    if (out.some((m) => m.windowId === move.windowId)) {
      return invalid(`Venster ${move.windowId} staat meer dan eens in het besluit.`);
    }
    const times = span(move.start, move.end);
    if (!times.ok) return times;
    out.push({ windowId: move.windowId, start: times.start, end: times.end });
  }
  return out;
}
