/**
 * The procedure's transitions: one pure function per action, typed on its legal source state(s), and
 * procedureApply, the dispatcher the server calls. The server loads the state, calls procedureApply with
 * the clock reading and the conflict's windows, then stores the new state and the event.
 */

import type { ActionType, ConflictAction, ProcedureAction } from './actions.js';
import { adviceDraft, adviceEdit } from './advice.js';
import {
  type ProcedureFailure,
  actorActsOnBehalf,
  answersMissing,
  failure,
  gateAcceptAdvice,
  gateAdviceFellShort,
  gateConfirmAdvice,
  gateContactLogius,
  gateDeadlinePassed,
  gateDecide,
  gateEscalate,
  gateEscalateLevel,
  gateMoveWindow,
  gateOpenAssessment,
  gateRejectAdvice,
  gateResolve,
  gateSubmitAssessment,
} from './gates.js';
import type {
  Advice,
  Assessment,
  AssessmentAspects,
  Decision,
  Escalated,
  JointAssessment,
  JointAssessmentReady,
  KlantraadAnswer,
  LogiusContacted,
  LogiusDecides,
  LogiusDecidesBelowTop,
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
  StepSixCause,
  WindowMove,
} from './types.js';
import { ESCALATION_TITLES, PROCEDURE_DEADLINES_DEFAULT } from './types.js';
import { procedureOverdue } from './overdue.js';
import { type HolidayRule, DUTCH_HOLIDAY_RULES, workingDaysAdd } from '../time/working-days.js';

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

export type ProcedureResult = { readonly ok: true; readonly state: ProcedureState; readonly event: ProcedureEvent } | ProcedureFailure;

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
export function procedureContactLogius(state: PlannerAdjusts, input: { readonly message: string }, by: string, clock: StepClock): LogiusContacted {
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
 * Edge: a second submission for an Afnemer replaces the first and recomputes the draft; the step's clock keeps
 * running; `onBehalf` marks an assessment the capacity manager recorded for the Afnemer.
 */
export function procedureSubmitAssessment(
  state: JointAssessment,
  input: {
    readonly afnemer: string;
    readonly aspects: AssessmentAspects;
    readonly motivation: string;
    readonly onBehalf?: boolean;
  },
  by: string,
  now: number,
  windows: readonly ProcedureWindow[],
): JointAssessment {
  const assessment: Assessment = {
    afnemer: input.afnemer,
    aspects: input.aspects,
    motivation: input.motivation,
    by,
    at: now,
    onBehalf: input.onBehalf ?? false,
  };
  const assessments = { ...state.assessments, [input.afnemer]: assessment };
  return { ...state, assessments, draftAdvice: draftWhenComplete(state.afnemers, assessments, windows) };
}

function involvedAssessments(afnemers: readonly string[], assessments: JointAssessment['assessments']) {
  return Object.fromEntries(afnemers.filter((a) => a in assessments).map((afnemer) => [afnemer, assessments[afnemer]!]));
}

/** The draft over the involved Afnemers' assessments once all are in, else null. */
function draftWhenComplete(afnemers: readonly string[], assessments: JointAssessment['assessments'], windows: readonly ProcedureWindow[]): Advice | null {
  if (!afnemers.every((afnemer) => afnemer in assessments)) return null;
  return adviceDraft(involvedAssessments(afnemers, assessments), windows);
}

/**
 * True when `action` may draft the advice in `state`, so the windows it gets need their proposals (the costly
 * suggestions): a confirmation always; an assessment in step 3 when at most one involved Afnemer has none yet (this
 * one may complete them; with all in, the draft is made again). Edge: false for every other action and step, where
 * the proposals are never read.
 */
export function procedureActionDrafts(state: ProcedureState, action: { readonly type: string }): boolean {
  if (action.type === 'confirm-advice') return true;
  if (action.type !== 'submit-assessment' || state.step !== 'joint-assessment') return false;
  return state.afnemers.filter((a) => !(a in state.assessments)).length <= 1;
}

/**
 * Returns the state with the involved Afnemers replaced (the recompute found others), in step 3 with the
 * draft advice recomputed over the Afnemers now involved.
 * Edge: assessments of Afnemers no longer involved are kept but no longer count; a resolved state is returned as is.
 */
export function procedureAfnemersUpdate(state: ProcedureState, afnemers: readonly string[], windows: readonly ProcedureWindow[]): ProcedureState {
  if (state.step === 'resolved') return state;
  if (state.step !== 'joint-assessment') return { ...state, afnemers: [...afnemers] };
  return { ...state, afnemers: [...afnemers], draftAdvice: draftWhenComplete(afnemers, state.assessments, windows) };
}

const NO_AFNEMERS_ADVICE: Advice = {
  moveWindowIds: [],
  moveAfnemers: [],
  text: 'Advies: er is geen Afnemer bij dit conflict betrokken.',
  drafted: true,
  moves: [],
  noResponse: [],
};

/**
 * Returns step 4 with the agreed advice: drafted anew over the current windows and their proposals (the Afnemers
 * in `noResponse` counted as "geen reactie"), as is or with Logius' text, windows and/or moves.
 * Edge: `drafted` stays true only when neither the text nor the moves differ from the draft; the moving Afnemers
 * follow the chosen windows; from here on the advice is frozen (escalating does not change it).
 */
export function procedureConfirmAdvice(
  state: JointAssessmentReady,
  input: {
    readonly text?: string | undefined;
    readonly moveWindowIds?: readonly number[] | undefined;
    readonly moves?: readonly WindowMove[] | undefined;
  },
  windows: readonly ProcedureWindow[],
  clock: StepClock,
): PlanningAdjusted {
  const draft = adviceDraft(involvedAssessments(state.afnemers, state.assessments), windows, state.noResponse) ?? NO_AFNEMERS_ADVICE;
  const advice = adviceEdit(draft, input, windows);
  return { ...common(state), step: 'planning-adjusted', advice, ...stepEnter('planning-adjusted', clock) };
}

/**
 * Returns step 5: the agreed advice, unchanged, goes to the klantraad-managers with the reason for escalating.
 * Edge: the reason lives beside the advice and never alters it; no answers yet.
 */
export function procedureEscalate(state: PlanningAdjusted, input: { readonly reason: string }, clock: StepClock): Escalated {
  return {
    ...common(state),
    step: 'escalated',
    advice: state.advice,
    reason: input.reason,
    answers: {},
    ...stepEnter('escalated', clock),
  };
}

/**
 * Returns step 5 with the Afnemer's acceptance recorded.
 * Edge: the step's clock keeps running; once every Afnemer accepted, the shell carries out the advice.
 */
export function procedureAcceptAdvice(state: Escalated, answer: KlantraadAnswer): Escalated {
  return { ...state, answers: { ...state.answers, [answer.afnemer]: answer } };
}

/**
 * Returns step 6, which Logius leads: on a rejection, when step 5's deadline passed, or when the accepted advice was
 * carried out and the conflict remains. The ladder starts at level 0.
 * Edge: the new deadline counts from `clock.now` (for a passed deadline the shell passes that deadline itself).
 */
export function procedureTakeLead(state: Escalated, cause: StepSixCause, clock: StepClock): LogiusDecides {
  return {
    ...common(state),
    step: 'logius-decides',
    advice: state.advice,
    reason: state.reason,
    answers: state.answers,
    cause,
    level: 0,
    ladder: [],
    decisions: [],
    ...stepEnter('logius-decides', clock),
  };
}

/** Returns step 6 with the Afnemer's rejection recorded. Edge: one rejection suffices, whatever the others said. */
export function procedureRejectAdvice(state: Escalated, answer: KlantraadAnswer, clock: StepClock): LogiusDecides {
  return procedureTakeLead(procedureAcceptAdvice(state, answer), 'rejected', clock);
}

/**
 * Returns step 6 one level up the production-capacity ladder, with the entry appended.
 * Edge: accepts levels 0-2 only (level 3, Afdelingshoofd, is the top); each level gets a fresh deadline.
 */
export function procedureEscalateLevel(state: LogiusDecidesBelowTop, input: { readonly reason: string }, by: string, clock: StepClock): LogiusDecides {
  const level = (state.level + 1) as 1 | 2 | 3;
  const entry = { level, title: ESCALATION_TITLES[level], reason: input.reason, by, at: clock.now };
  return { ...state, level, ladder: [...state.ladder, entry], ...stepEnter('logius-decides', clock) };
}

/**
 * Returns step 6 with Logius' decision appended and a fresh deadline (the step keeps its enteredAt): if its moves
 * solve the conflict the recompute resolves it, else the case stays here.
 * Edge: accepts step 6 at any level of the ladder; the advice and the answers are kept.
 */
export function procedureDecide(
  state: LogiusDecides,
  input: { readonly text: string; readonly moves: readonly WindowMove[] },
  by: string,
  clock: StepClock,
): LogiusDecides {
  const decision: Decision = { text: input.text, by, at: clock.now, moves: input.moves };
  return { ...state, decisions: [...state.decisions, decision], deadline: stepEnter('logius-decides', clock).deadline };
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

/**
 * Returns the state as it stands at `now` once the system's due transition is made: an overdue step 5 becomes
 * step 6 (the klantraad-managers' time ran out); any other state is returned as is.
 * Edge: the shell stores that transition (deadline-passed) before anything else happens to the case.
 */
export function procedureDue(state: ProcedureState, clock: StepClock): ProcedureState {
  if (state.step === 'escalated' && procedureOverdue(state, clock.now)) {
    return procedureTakeLead(state, 'deadline', { ...clock, now: state.deadline });
  }
  return state;
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
 * Edge: times in the action are ISO strings and become ms in state and event; the system's own actions
 * ('resolve', 'deadline-passed', 'advice-fell-short') are not checked against the actor; a move-window keeps the
 * state as it is; the capacity manager names the Afnemer it records an assessment or answer for.
 */
export function procedureApply(state: ProcedureState, action: ProcedureAction, ctx: ProcedureContext): ProcedureResult {
  const { actor, now, windows } = ctx;
  switch (action.type) {
    case 'move-window': {
      const gate = gateMoveWindow(state, actor);
      if (!gate.ok) return gate;
      const window = windows.find((w) => w.id === action.windowId);
      if (!window) return windowNotInConflict(action.windowId);
      const onBehalf = actorActsOnBehalf(actor, 'move-window');
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
      const foreign = foreignAfnemerNamed(actor, action.type, action.afnemer, 'een afweging');
      if (foreign) return foreign;
      const gate = gateSubmitAssessment(state, actor);
      if (!gate.ok) return gate;
      const target = onBehalfTarget(state, actor, action.type, action.afnemer, 'een afweging');
      if (!target.ok) return target;
      const earlier = gate.state.assessments[target.afnemer];
      if (target.onBehalf && earlier && !earlier.onBehalf) {
        return failure('illegal', `${target.afnemer} heeft zelf al een afweging ingediend; Logius legt die niet opnieuw vast.`);
      }
      const next = procedureSubmitAssessment(gate.state, { ...action, afnemer: target.afnemer, onBehalf: target.onBehalf }, actor.email, now, windows);
      return success(state, next, {
        type: 'submit-assessment',
        by: actor.email,
        assessment: next.assessments[target.afnemer] as Assessment,
        replaced: earlier !== undefined,
        draftAdvice: next.draftAdvice,
        afnemer: target.afnemer,
        onBehalf: target.onBehalf,
      });
    }
    case 'confirm-advice': {
      const gate = gateConfirmAdvice(state, actor, now);
      if (!gate.ok) return gate;
      const ids = [...(action.moveWindowIds ?? []), ...(action.moves ?? []).map((m) => m.windowId)];
      const unknown = ids.find((id) => !windows.some((w) => w.id === id));
      if (unknown !== undefined) return windowNotInConflict(unknown);
      const moves = action.moves ? decisionMoves(action.moves, windows) : undefined;
      if (moves !== undefined && !Array.isArray(moves)) return moves;
      const next = procedureConfirmAdvice(gate.state, { text: action.text, moveWindowIds: action.moveWindowIds, moves }, windows, ctx);
      return success(state, next, {
        type: 'confirm-advice',
        by: actor.email,
        advice: next.advice,
        noResponse: gate.state.noResponse,
      });
    }
    case 'escalate': {
      const gate = gateEscalate(state, actor);
      if (!gate.ok) return gate;
      const next = procedureEscalate(gate.state, action, ctx);
      return success(state, next, {
        type: 'escalate',
        by: actor.email,
        reason: action.reason,
        advice: next.advice,
        notifyAfnemers: next.afnemers,
      });
    }
    case 'accept-advice':
    case 'reject-advice': {
      const foreign = foreignAfnemerNamed(actor, action.type, action.afnemer, 'een antwoord');
      if (foreign) return foreign;
      const gate = action.type === 'accept-advice' ? gateAcceptAdvice(state, actor, now) : gateRejectAdvice(state, actor, now);
      if (!gate.ok) return gate;
      const target = onBehalfTarget(state, actor, action.type, action.afnemer, 'een antwoord');
      if (!target.ok) return target;
      if (target.afnemer in gate.state.answers) return failure('illegal', `${target.afnemer} heeft het advies al beantwoord.`);
      const answer: KlantraadAnswer = {
        afnemer: target.afnemer,
        accepted: action.type === 'accept-advice',
        reason: action.type === 'reject-advice' ? action.reason : null,
        by: actor.email,
        at: now,
        onBehalf: target.onBehalf,
      };
      if (action.type === 'reject-advice') {
        const next = procedureRejectAdvice(gate.state, answer, ctx);
        return success(state, next, { type: action.type, by: actor.email, answer, carryOut: null });
      }
      const next = procedureAcceptAdvice(gate.state, answer);
      const all = answersMissing(next).length === 0 && Object.values(next.answers).every((a) => a.accepted);
      return success(state, next, { type: action.type, by: actor.email, answer, carryOut: all ? [...(next.advice.moves ?? [])] : null });
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
      const next = procedureDecide(gate.state, { text: action.text, moves }, actor.email, ctx);
      return success(state, next, { type: 'decide', by: actor.email, decision: next.decisions[next.decisions.length - 1]! });
    }
    case 'deadline-passed': {
      const gate = gateDeadlinePassed(state, now);
      if (!gate.ok) return gate;
      const next = procedureTakeLead(gate.state, 'deadline', { ...ctx, now: gate.state.deadline });
      return success(state, next, { type: 'deadline-passed', by: null, deadline: gate.state.deadline });
    }
    case 'advice-fell-short': {
      const gate = gateAdviceFellShort(state);
      if (!gate.ok) return gate;
      return success(state, procedureTakeLead(gate.state, 'advice-fell-short', ctx), { type: 'advice-fell-short', by: null });
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

/** Forbidden when an Afnemer-bound actor names another Afnemer than its own (whatever the step). */
function foreignAfnemerNamed(actor: ProcedureActor, type: ActionType, named: string | undefined, what: string): ProcedureFailure | null {
  if (actorActsOnBehalf(actor, type) || named === undefined || named === actor.afnemer) return null;
  return failure('forbidden', `U kunt alleen voor uw eigen Afnemer ${what} geven.`);
}

/**
 * Whom an answer (assessment or reply to the advice) is for: the actor's own Afnemer, or for the capacity manager
 * the Afnemer it names, on whose behalf it records it.
 */
function onBehalfTarget(
  state: ProcedureState,
  actor: ProcedureActor,
  type: ActionType,
  named: string | undefined,
  what: string,
): { ok: true; afnemer: string; onBehalf: boolean } | ProcedureFailure {
  if (actorActsOnBehalf(actor, type)) {
    if (named === undefined) return invalid(`Geef aan namens welke Afnemer u ${what} vastlegt (afnemer).`);
    if (!state.afnemers.includes(named)) return invalid(`Afnemer ${named} is niet betrokken bij dit conflict.`);
    return { ok: true, afnemer: named, onBehalf: true };
  }
  if (named !== undefined && named !== actor.afnemer) {
    return failure('forbidden', `U kunt alleen voor uw eigen Afnemer ${what} geven.`);
  }
  // The gates admit only Afnemer-bound roles here; a null Afnemer is refused there.
  return { ok: true, afnemer: actor.afnemer ?? '', onBehalf: false };
}

function decisionMoves(
  moves: NonNullable<Extract<ConflictAction, { type: 'decide' }>['moves']>,
  windows: readonly ProcedureWindow[],
): WindowMove[] | ProcedureFailure {
  const out: WindowMove[] = [];
  for (const move of moves) {
    if (!windows.some((w) => w.id === move.windowId)) return windowNotInConflict(move.windowId);
    if (out.some((m) => m.windowId === move.windowId)) {
      return invalid(`Venster ${move.windowId} staat meer dan eens in de verplaatsingen.`);
    }
    const times = span(move.start, move.end);
    if (!times.ok) return times;
    out.push({ windowId: move.windowId, start: times.start, end: times.end });
  }
  return out;
}
