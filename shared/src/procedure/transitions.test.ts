import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ActionType, ProcedureAction, SystemActionType } from './actions.js';
import {
  ACTORS,
  ADVICE,
  DAY,
  HOUR,
  END_ISO,
  NOW,
  OIN_A,
  OIN_B,
  OIN_C,
  START_ISO,
  STATES,
  WINDOWS,
  type ActorKey,
  type StateKey,
  actionCanonical,
  aspectsUniform,
} from './procedure.fixtures.js';
import {
  type ProcedureContext,
  type ProcedureResult,
  procedureAfnemersUpdate,
  procedureApply,
  procedureAcceptAdvice,
  procedureConfirmAdvice,
  procedureDue,
  procedureEscalateLevel,
  procedureInitial,
} from './transitions.js';
import type { JointAssessmentReady, LogiusDecides, PlannerAdjusts, ProcedureState } from './types.js';
import { PROCEDURE_DEADLINES_DEFAULT } from './types.js';
import { workingDaysAdd } from '../time/working-days.js';

function ctx(actorKey: ActorKey, extra: Partial<ProcedureContext> = {}): ProcedureContext {
  return { actor: ACTORS[actorKey], now: NOW, windows: WINDOWS, ...extra };
}

function apply(state: ProcedureState, action: ProcedureAction, actorKey: ActorKey, extra: Partial<ProcedureContext> = {}) {
  return procedureApply(state, action, ctx(actorKey, extra));
}

function okState(result: ProcedureResult): ProcedureState {
  if (!result.ok) throw new Error(`expected ok, got ${result.kind}: ${result.message}`);
  return result.state;
}

/**
 * The rules of the procedure as one table, written out by hand: per action and actor, one letter per state
 * column: o = accepted, F = forbidden, I = illegal. Actors not listed for an action are forbidden throughout.
 * The capacity manager answers on behalf of B (actionCanonical), whose assessment and answer are missing.
 *
 * Columns: pa (step 1), pa! (step 1 overdue), lc (2), ja (3, B's assessment missing), ja+ (3, both in, by their
 *          planners), ja! (3, B missing, overdue), pj (4), e0 (5, no answers), e1 (5, A accepted), e! (5, overdue),
 *          ld (6, level 0), ld3 (6, top of the ladder), r (resolved).
 */
const COLUMNS: StateKey[] = ['pa', 'pa!', 'lc', 'ja', 'ja+', 'ja!', 'pj', 'e0', 'e1', 'e!', 'ld', 'ld3', 'r'];
const EVERYONE = (row: string) => Object.fromEntries((Object.keys(ACTORS) as ActorKey[]).map((key) => [key, row]));
const RULES: Record<ActionType | SystemActionType, Partial<Record<ActorKey, string>>> = {
  //                     pa pa! lc ja ja+ ja! pj e0 e1 e! ld ld3 r
  'move-window': {
    plannerA: 'o  o   o  o  o   o   o  o  o  o  o  o   I',
    capacity: 'I  I   I  I  I   I   I  I  I  I  o  o   I',
    service: 'I  I   I  I  I   I   I  I  I  I  o  o   I',
  },
  'contact-logius': {
    plannerA: 'o  o   I  I  I   I   I  I  I  I  I  I   I',
  },
  'open-assessment': {
    capacity: 'I  o   o  I  I   I   I  I  I  I  I  I   I',
  },
  'submit-assessment': {
    plannerA: 'I  I   I  o  o   o   I  I  I  I  I  I   I',
    // On behalf of B: not over what B's own planner submitted (ja+).
    capacity: 'I  I   I  o  I   o   I  I  I  I  I  I   I',
  },
  'confirm-advice': {
    // With B's assessment missing only after the deadline (ja!), B then counts as "geen reactie".
    capacity: 'I  I   I  I  o   o   I  I  I  I  I  I   I',
  },
  escalate: {
    plannerA: 'I  I   I  I  I   I   o  I  I  I  I  I   I',
    capacity: 'I  I   I  I  I   I   o  I  I  I  I  I   I',
  },
  'accept-advice': {
    // A answered already in e1; after the deadline (e!) Logius leads.
    klantraadA: 'I  I   I  I  I   I   I  o  I  I  I  I   I',
    capacity: 'I  I   I  I  I   I   I  o  o  I  I  I   I',
  },
  'reject-advice': {
    klantraadA: 'I  I   I  I  I   I   I  o  I  I  I  I   I',
    capacity: 'I  I   I  I  I   I   I  o  o  I  I  I   I',
  },
  'escalate-level': {
    capacity: 'I  I   I  I  I   I   I  I  I  I  o  I   I',
    service: 'I  I   I  I  I   I   I  I  I  I  o  I   I',
  },
  decide: {
    capacity: 'I  I   I  I  I   I   I  I  I  I  o  o   I',
    service: 'I  I   I  I  I   I   I  I  I  I  o  o   I',
  },
  resolve: EVERYONE('o  o   o  o  o   o   o  o  o  o  o  o   I'),
  'deadline-passed': EVERYONE('I  I   I  I  I   I   I  I  I  o  I  I   I'),
  // No column has every answer in as an acceptance: see its own tests.
  'advice-fell-short': EVERYONE('I  I   I  I  I   I   I  I  I  I  I  I   I'),
};

const OUTCOME = { o: 'ok', F: 'forbidden', I: 'illegal' } as const;

const TABLE = (Object.keys(RULES) as (ActionType | SystemActionType)[]).flatMap((type) =>
  (Object.keys(ACTORS) as ActorKey[]).flatMap((actorKey) => {
    const row = (RULES[type][actorKey] ?? COLUMNS.map(() => 'F').join(' ')).split(/\s+/);
    return COLUMNS.map((stateKey, i) => ({ type, actorKey, stateKey, expected: OUTCOME[row[i] as 'o' | 'F' | 'I'] }));
  }),
);

describe('procedureApply', () => {
  describe('the table of every state, action and role', () => {
    it('covers 13 actions (10 of users, 3 of the system) × 9 actors × 13 states', () => {
      expect(TABLE).toHaveLength(13 * 9 * 13);
    });

    it.each(TABLE)('$type by $actorKey in $stateKey is $expected', ({ type, actorKey, stateKey, expected }) => {
      const result = apply(STATES[stateKey], actionCanonical(type, ACTORS[actorKey]), actorKey);
      expect(result.ok ? 'ok' : result.kind).toBe(expected);
      if (!result.ok) expect(result.message).toMatch(/\S/);
    });
  });

  describe('move-window', () => {
    it('keeps the step, enteredAt and deadline, and records the move in ms in the event', () => {
      const result = apply(STATES.ja, actionCanonical('move-window', ACTORS.plannerA), 'plannerA');
      expect(result).toEqual({
        ok: true,
        state: STATES.ja,
        event: {
          from: 'joint-assessment',
          to: 'joint-assessment',
          payload: {
            type: 'move-window',
            by: ACTORS.plannerA.email,
            windowId: 1,
            afnemer: OIN_A,
            start: Date.parse(START_ISO),
            end: Date.parse(END_ISO),
            onBehalf: false,
          },
        },
      });
    });

    it('marks a move by Logius in step 6 as on behalf of the window’s Afnemer', () => {
      const result = apply(STATES.ld, { type: 'move-window', windowId: 3, start: START_ISO, end: END_ISO }, 'service');
      expect(result.ok && result.event.payload).toMatchObject({ type: 'move-window', afnemer: OIN_B, onBehalf: true });
    });

    it("forbids a planner to move another Afnemer's window (403, not a bad request)", () => {
      const result = apply(STATES.pa, { type: 'move-window', windowId: 3, start: START_ISO, end: END_ISO }, 'plannerA');
      expect(result).toEqual({
        ok: false,
        kind: 'forbidden',
        message: 'Venster 3 is van een andere Afnemer; u verplaatst alleen vensters van uw eigen Afnemer.',
      });
    });

    it('rejects a window outside the conflict as invalid', () => {
      const result = apply(STATES.pa, { type: 'move-window', windowId: 99, start: START_ISO, end: END_ISO }, 'plannerA');
      expect(result).toEqual({ ok: false, kind: 'invalid', message: 'Venster 99 hoort niet bij dit conflict.' });
    });

    it('rejects an end that is not after the start as invalid', () => {
      const result = apply(STATES.pa, { type: 'move-window', windowId: 1, start: END_ISO, end: START_ISO }, 'plannerA');
      expect(result).toEqual({ ok: false, kind: 'invalid', message: 'Het einde moet na het begin liggen.' });
    });

    it('answers forbidden before illegal and illegal before invalid', () => {
      const bad = { type: 'move-window', windowId: 99, start: END_ISO, end: START_ISO } as const;
      expect(apply(STATES.r, bad, 'plannerX')).toMatchObject({ kind: 'forbidden' });
      expect(apply(STATES.r, bad, 'plannerA')).toMatchObject({ kind: 'illegal', message: 'Dit conflict is al opgelost.' });
      expect(apply(STATES.pa, bad, 'plannerA')).toMatchObject({ kind: 'invalid' });
    });
  });

  describe('contact-logius', () => {
    it('moves step 1 to step 2 with the contact, a fresh enteredAt and a 2-working-day deadline', () => {
      const result = apply(STATES.pa, actionCanonical('contact-logius'), 'plannerA');
      expect(result).toMatchObject({
        ok: true,
        state: {
          step: 'logius-contacted',
          conflictId: 7,
          afnemers: [OIN_A, OIN_B],
          enteredAt: NOW,
          // Wednesday 13 January + 2 working days: end of Friday 15 January, local midnight.
          deadline: Date.parse('2027-01-15T23:00:00Z'),
          contact: { by: ACTORS.plannerA.email, at: NOW },
        },
        event: { from: 'planner-adjusts', to: 'logius-contacted', payload: { type: 'contact-logius' } },
      });
    });

    it('tells a planner of an uninvolved Afnemer that its Afnemer is not involved', () => {
      expect(apply(STATES.pa, actionCanonical('contact-logius'), 'plannerX')).toEqual({
        ok: false,
        kind: 'forbidden',
        message: 'Uw Afnemer is niet betrokken bij dit conflict.',
      });
    });
  });

  describe('open-assessment', () => {
    it('opens step 3 from step 2 with no assessments and no draft', () => {
      expect(okState(apply(STATES.lc, { type: 'open-assessment' }, 'capacity'))).toEqual({
        step: 'joint-assessment',
        conflictId: 7,
        afnemers: [OIN_A, OIN_B],
        enteredAt: NOW,
        deadline: workingDaysAdd(NOW, 5),
        assessments: {},
        draftAdvice: null,
      });
    });

    it('opens step 3 straight from an overdue step 1 and says so in the event', () => {
      const result = apply(STATES['pa!'], { type: 'open-assessment' }, 'capacity');
      expect(result.ok && result.event.payload).toEqual({ type: 'open-assessment', by: ACTORS.capacity.email, overdue: true });
    });

    it('refuses step 1 before its deadline with the deadline in the message', () => {
      const result = apply(STATES.pa, { type: 'open-assessment' }, 'capacity');
      expect(result).toMatchObject({ ok: false, kind: 'illegal', message: expect.stringContaining('15-01-2027 10:00') });
    });

    it('opens step 3 from step 1 at the deadline instant itself', () => {
      const result = apply({ ...STATES.pa, deadline: NOW }, { type: 'open-assessment' }, 'capacity');
      expect(result.ok).toBe(true);
    });
  });

  describe('submit-assessment', () => {
    const open = okState(apply(STATES.lc, { type: 'open-assessment' }, 'capacity'));
    const plannerB = { email: 'planner-b@example.nl', role: 'planner', afnemer: OIN_B } as const;

    it('stores the assessment under the planner’s Afnemer and keeps the step clock', () => {
      const result = apply(open, actionCanonical('submit-assessment'), 'plannerA', { now: NOW + HOUR });
      expect(result).toMatchObject({
        ok: true,
        state: {
          step: 'joint-assessment',
          enteredAt: NOW,
          assessments: { [OIN_A]: { afnemer: OIN_A, by: ACTORS.plannerA.email, at: NOW + HOUR } },
          draftAdvice: null,
        },
        event: { payload: { type: 'submit-assessment', replaced: false, draftAdvice: null } },
      });
    });

    it('computes the draft advice once every involved Afnemer has submitted', () => {
      const low = { type: 'submit-assessment', aspects: aspectsUniform('laag'), motivation: 'x' } as const;
      const one = okState(apply(open, low, 'plannerA'));
      const both = procedureApply(
        one,
        { type: 'submit-assessment', aspects: aspectsUniform('hoog'), motivation: 'Belastingaanslagen.' },
        { actor: plannerB, now: NOW, windows: WINDOWS },
      );
      expect(both).toMatchObject({
        ok: true,
        state: { draftAdvice: { moveWindowIds: [1, 2], moveAfnemers: [OIN_A], drafted: true } },
        event: { payload: { draftAdvice: { moveAfnemers: [OIN_A] } } },
      });
    });

    it('replaces a second submission and recomputes the draft', () => {
      const lowA = okState(apply(open, { type: 'submit-assessment', aspects: aspectsUniform('laag'), motivation: 'x' }, 'plannerA'));
      const both = okState(
        procedureApply(
          lowA,
          { type: 'submit-assessment', aspects: aspectsUniform('middel'), motivation: 'y' },
          { actor: plannerB, now: NOW, windows: WINDOWS },
        ),
      );
      const result = apply(both, { type: 'submit-assessment', aspects: aspectsUniform('hoog'), motivation: 'z' }, 'plannerA');
      expect(result).toMatchObject({
        ok: true,
        state: { assessments: { [OIN_A]: { motivation: 'z' } }, draftAdvice: { moveAfnemers: [OIN_B], moveWindowIds: [3] } },
        event: { payload: { replaced: true } },
      });
    });

    it('accepts an afnemer field equal to the planner’s own', () => {
      expect(apply(open, { ...actionCanonical('submit-assessment'), afnemer: OIN_A } as ProcedureAction, 'plannerA').ok).toBe(true);
    });

    it('forbids a planner to submit for another Afnemer, even in the wrong step', () => {
      const forOther = { ...actionCanonical('submit-assessment'), afnemer: OIN_B } as ProcedureAction;
      expect(apply(open, forOther, 'plannerA')).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(apply(STATES.r, forOther, 'plannerA')).toMatchObject({ ok: false, kind: 'forbidden' });
    });
  });

  describe('submit-assessment on an Afnemer’s behalf', () => {
    it('lets the capacity manager record B’s assessment, marked as on its behalf, which completes the draft', () => {
      const result = apply(STATES.ja, actionCanonical('submit-assessment', ACTORS.capacity), 'capacity');
      expect(result).toMatchObject({
        ok: true,
        state: {
          assessments: { [OIN_B]: { afnemer: OIN_B, by: ACTORS.capacity.email, onBehalf: true } },
          draftAdvice: { moveAfnemers: [OIN_A] },
        },
        event: { payload: { type: 'submit-assessment', afnemer: OIN_B, onBehalf: true, replaced: false } },
      });
    });

    it('asks which Afnemer when the capacity manager names none, and refuses one that is not involved', () => {
      const none = { type: 'submit-assessment', aspects: aspectsUniform('laag'), motivation: 'x' } as const;
      expect(apply(STATES.ja, none, 'capacity')).toMatchObject({ ok: false, kind: 'invalid', message: expect.stringContaining('namens welke Afnemer') });
      expect(apply(STATES.ja, { ...none, afnemer: OIN_C }, 'capacity')).toEqual({
        ok: false,
        kind: 'invalid',
        message: `Afnemer ${OIN_C} is niet betrokken bij dit conflict.`,
      });
    });

    it('does not overwrite what the Afnemer’s own planner submitted, but replaces its own record', () => {
      const forA = { type: 'submit-assessment', aspects: aspectsUniform('hoog'), motivation: 'telefonisch', afnemer: OIN_A } as const;
      expect(apply(STATES.ja, forA, 'capacity')).toMatchObject({ ok: false, kind: 'illegal' });
      const recorded = okState(apply(STATES.ja, actionCanonical('submit-assessment', ACTORS.capacity), 'capacity'));
      const again = apply(recorded, { ...forA, afnemer: OIN_B }, 'capacity');
      expect(again).toMatchObject({ ok: true, event: { payload: { replaced: true, onBehalf: true } } });
    });

    it('lets the Afnemer’s own planner replace an assessment Logius recorded for it', () => {
      const recorded = okState(apply(STATES.ja, actionCanonical('submit-assessment', ACTORS.capacity), 'capacity'));
      const plannerB = { email: 'planner-b@example.nl', role: 'planner', afnemer: OIN_B } as const;
      const own = procedureApply(
        recorded,
        { type: 'submit-assessment', aspects: aspectsUniform('laag'), motivation: 'zelf' },
        { actor: plannerB, now: NOW, windows: WINDOWS },
      );
      expect(own).toMatchObject({ ok: true, state: { assessments: { [OIN_B]: { onBehalf: false, by: plannerB.email } } } });
    });
  });

  describe('confirm-advice', () => {
    it('drafts the advice anew over the current windows: A moves both windows to their proposed moment', () => {
      const result = apply(STATES['ja+'], { type: 'confirm-advice' }, 'capacity');
      expect(result).toMatchObject({
        ok: true,
        state: {
          step: 'planning-adjusted',
          enteredAt: NOW,
          deadline: workingDaysAdd(NOW, 3),
          advice: { moveWindowIds: [1, 2], moveAfnemers: [OIN_A], drafted: true, moves: ADVICE.moves, noResponse: [] },
        },
        event: { from: 'joint-assessment', to: 'planning-adjusted', payload: { type: 'confirm-advice', noResponse: [] } },
      });
      expect(okState(result)).toMatchObject({
        advice: {
          text:
            `Advies: ${OIN_A} verplaatst A-1 (01-02-2027 10:00 tot 11:00) naar 01-02-2027 12:00 tot 13:00 en ` +
            `A-2 (01-02-2027 10:00 tot 11:00) naar 01-02-2027 12:00 tot 13:00 (gecombineerde urgentie 4 tegen 36 van ${OIN_B}).`,
        },
      });
    });

    it('takes edited windows and text, derives the moving Afnemers, and marks the advice not drafted', () => {
      const state = okState(apply(STATES['ja+'], { type: 'confirm-advice', text: 'B schuift.', moveWindowIds: [3, 3] }, 'capacity'));
      expect(state).toMatchObject({ advice: { moveWindowIds: [3], moveAfnemers: [OIN_B], text: 'B schuift.', drafted: false, moves: [] } });
    });

    it('takes explicit moves, and writes the text anew naming the window by kenmerk and both times', () => {
      const moves = [{ windowId: 3, start: START_ISO, end: END_ISO }];
      const state = okState(apply(STATES['ja+'], { type: 'confirm-advice', moves }, 'capacity'));
      expect(state).toMatchObject({
        advice: {
          moveWindowIds: [3],
          moveAfnemers: [OIN_B],
          moves: [{ windowId: 3, start: Date.parse(START_ISO), end: Date.parse(END_ISO) }],
          drafted: false,
          text: `Advies (aangepast door Logius): ${OIN_B} verplaatst B-1 (01-02-2027 10:00 tot 11:00) naar 20-01-2027 08:00 tot 10:00.`,
        },
      });
    });

    it('keeps drafted true when the edit repeats the draft', () => {
      const draft = okState(apply(STATES['ja+'], { type: 'confirm-advice' }, 'capacity'));
      if (draft.step !== 'planning-adjusted') throw new Error('expected step 4');
      const state = okState(apply(STATES['ja+'], { type: 'confirm-advice', text: draft.advice.text, moveWindowIds: [2, 1] }, 'capacity'));
      expect(state).toMatchObject({ advice: { drafted: true } });
    });

    it('names the Afnemers whose assessment is missing and when the advice can be set without them', () => {
      expect(apply(STATES.ja, { type: 'confirm-advice' }, 'capacity')).toEqual({
        ok: false,
        kind: 'illegal',
        message:
          `Nog niet alle afwegingen zijn binnen; ontbrekend: ${OIN_B}. Na de termijn (15-01-2027 10:00) kunt u het advies ` +
          'vaststellen; de ontbrekende afwegingen worden dan als "geen reactie" vastgelegd.',
      });
    });

    it('after the deadline records the missing Afnemer as "geen reactie", which then moves first', () => {
      const result = apply(STATES['ja!'], { type: 'confirm-advice' }, 'capacity');
      expect(result).toMatchObject({
        ok: true,
        state: { step: 'planning-adjusted', advice: { moveAfnemers: [OIN_B], moveWindowIds: [3], moves: [], noResponse: [OIN_B] } },
        event: { payload: { noResponse: [OIN_B] } },
      });
      expect(okState(result)).toMatchObject({
        advice: {
          text:
            `Advies: ${OIN_B} verplaatst B-1 (01-02-2027 10:00 tot 11:00; geen vrij moment gevonden) ` +
            `(gecombineerde urgentie geen (geen reactie) tegen 4 van ${OIN_A}).`,
        },
      });
    });

    it('rejects a window outside the conflict as invalid', () => {
      const result = apply(STATES['ja+'], { type: 'confirm-advice', moveWindowIds: [1, 42] }, 'capacity');
      expect(result).toEqual({ ok: false, kind: 'invalid', message: 'Venster 42 hoort niet bij dit conflict.' });
    });
  });

  describe('escalate', () => {
    it('moves to step 5 with the agreed advice unchanged and the reason beside it', () => {
      const result = apply(STATES.pj, { type: 'escalate', reason: 'A kan niet schuiven.' }, 'plannerA');
      expect(result).toEqual({
        ok: true,
        state: {
          step: 'escalated',
          conflictId: 7,
          afnemers: [OIN_A, OIN_B],
          enteredAt: NOW,
          deadline: workingDaysAdd(NOW, 5),
          advice: ADVICE,
          reason: 'A kan niet schuiven.',
          answers: {},
        },
        event: {
          from: 'planning-adjusted',
          to: 'escalated',
          payload: { type: 'escalate', by: ACTORS.plannerA.email, reason: 'A kan niet schuiven.', advice: ADVICE, notifyAfnemers: [OIN_A, OIN_B] },
        },
      });
    });

    it('cannot change the advice: an advice text sent along is ignored', () => {
      const sneaky = { type: 'escalate', reason: 'x', adviceText: 'B schuift.' } as unknown as ProcedureAction;
      expect(okState(apply(STATES.pj, sneaky, 'capacity'))).toMatchObject({ advice: ADVICE });
    });
  });

  describe('accept-advice and reject-advice', () => {
    const klantraadB = { email: 'klantraad-b@example.nl', role: 'klantraad-manager', afnemer: OIN_B } as const;

    it('records an acceptance and keeps step 5 and its clock while answers are missing', () => {
      const result = apply(STATES.e0, { type: 'accept-advice' }, 'klantraadA', { now: NOW + HOUR });
      expect(result).toMatchObject({
        ok: true,
        state: { step: 'escalated', enteredAt: STATES.e0.enteredAt, answers: { [OIN_A]: { accepted: true, onBehalf: false, at: NOW + HOUR } } },
        event: { from: 'escalated', to: 'escalated', payload: { type: 'accept-advice', carryOut: null } },
      });
    });

    it('hands the advice’s moves to carry out once every Afnemer accepted', () => {
      const result = procedureApply(STATES.e1, { type: 'accept-advice' }, { actor: klantraadB, now: NOW, windows: WINDOWS });
      expect(result).toMatchObject({ ok: true, state: { step: 'escalated' }, event: { payload: { carryOut: ADVICE.moves } } });
    });

    it('lets the capacity manager answer on behalf of B, which says so', () => {
      const result = apply(STATES.e1, actionCanonical('accept-advice', ACTORS.capacity), 'capacity');
      expect(result).toMatchObject({
        ok: true,
        event: { payload: { answer: { afnemer: OIN_B, onBehalf: true, by: ACTORS.capacity.email }, carryOut: ADVICE.moves } },
      });
    });

    it('moves to step 6 on one rejection, with the reason and a fresh deadline', () => {
      const result = procedureApply(STATES.e1, { type: 'reject-advice', reason: 'Wettelijke termijn.' }, { actor: klantraadB, now: NOW, windows: WINDOWS });
      expect(result).toMatchObject({
        ok: true,
        state: {
          step: 'logius-decides',
          cause: 'rejected',
          level: 0,
          ladder: [],
          decisions: [],
          advice: ADVICE,
          enteredAt: NOW,
          deadline: workingDaysAdd(NOW, 2),
          answers: { [OIN_A]: { accepted: true }, [OIN_B]: { accepted: false, reason: 'Wettelijke termijn.' } },
        },
        event: { from: 'escalated', to: 'logius-decides', payload: { type: 'reject-advice', carryOut: null } },
      });
    });

    it('refuses a second answer from the same Afnemer', () => {
      expect(apply(STATES.e1, { type: 'reject-advice', reason: 'toch niet' }, 'klantraadA')).toEqual({
        ok: false,
        kind: 'illegal',
        message: 'Uw Afnemer heeft het advies al beantwoord.',
      });
      const onBehalfOfA = { type: 'accept-advice', afnemer: OIN_A } as const;
      expect(apply(STATES.e1, onBehalfOfA, 'capacity')).toMatchObject({ kind: 'illegal', message: `${OIN_A} heeft het advies al beantwoord.` });
    });

    it('forbids a klantraad-manager to answer for another Afnemer, even in the wrong step', () => {
      expect(apply(STATES.e0, { type: 'accept-advice', afnemer: OIN_B }, 'klantraadA')).toMatchObject({ kind: 'forbidden' });
      expect(apply(STATES.pa, { type: 'accept-advice', afnemer: OIN_B }, 'klantraadA')).toMatchObject({ kind: 'forbidden' });
    });

    it('refuses answers after the step-5 deadline: Logius leads', () => {
      expect(apply(STATES['e!'], { type: 'accept-advice' }, 'klantraadA')).toMatchObject({
        kind: 'illegal',
        message: expect.stringContaining('Logius voert nu de regie (stap 6)'),
      });
    });
  });

  describe('deadline-passed', () => {
    it('moves an overdue step 5 to step 6, its clock counted from the deadline that passed', () => {
      const result = apply(STATES['e!'], { type: 'deadline-passed' }, 'admin', { now: NOW + DAY });
      expect(result).toMatchObject({
        ok: true,
        state: { step: 'logius-decides', cause: 'deadline', enteredAt: STATES['e!'].deadline, deadline: workingDaysAdd(STATES['e!'].deadline, 2) },
        event: { from: 'escalated', to: 'logius-decides', payload: { type: 'deadline-passed', by: null, deadline: STATES['e!'].deadline } },
      });
    });

    it('refuses before the deadline, at which instant it may', () => {
      expect(apply(STATES.e0, { type: 'deadline-passed' }, 'admin')).toMatchObject({ kind: 'illegal' });
      expect(apply(STATES.e0, { type: 'deadline-passed' }, 'admin', { now: STATES.e0.deadline }).ok).toBe(true);
    });
  });

  describe('procedureDue', () => {
    it('makes an overdue step 5 the step 6 that deadline-passed gives, and leaves other states alone', () => {
      const passed = okState(apply(STATES['e!'], { type: 'deadline-passed' }, 'admin'));
      expect(procedureDue(STATES['e!'], { now: NOW })).toEqual(passed);
      for (const key of ['e0', 'ja!', 'pa!', 'ld', 'r'] as const) expect(procedureDue(STATES[key], { now: NOW })).toBe(STATES[key]);
    });
  });

  describe('advice-fell-short', () => {
    it('moves step 5 to step 6 once every Afnemer accepted', () => {
      const klantraadB = { email: 'klantraad-b@example.nl', role: 'klantraad-manager', afnemer: OIN_B } as const;
      const all = okState(procedureApply(STATES.e1, { type: 'accept-advice' }, { actor: klantraadB, now: NOW, windows: WINDOWS }));
      expect(apply(all, { type: 'advice-fell-short' }, 'admin')).toMatchObject({ ok: true, state: { step: 'logius-decides', cause: 'advice-fell-short' } });
    });

    it('refuses while an answer is missing', () => {
      expect(apply(STATES.e1, { type: 'advice-fell-short' }, 'admin')).toMatchObject({ ok: false, kind: 'illegal' });
    });
  });

  describe('escalate-level', () => {
    it('climbs the production-capacity ladder one level at a time in step 6', () => {
      let state: ProcedureState = STATES.ld;
      const titles: string[] = [];
      for (const actorKey of ['service', 'capacity', 'service'] as const) {
        const result = apply(state, { type: 'escalate-level', reason: `door ${actorKey}` }, actorKey, { now: NOW + titles.length * DAY });
        state = okState(result);
        if (state.step !== 'logius-decides') throw new Error('expected step 6');
        titles.push(state.ladder[state.ladder.length - 1]!.title);
        expect(state.enteredAt).toBe(NOW + (titles.length - 1) * DAY);
      }
      expect(state).toMatchObject({
        level: 3,
        ladder: [{ level: 1 }, { level: 2, by: ACTORS.capacity.email }, { level: 3, by: ACTORS.service.email, reason: 'door service' }],
      });
      expect(titles).toEqual(['Service manager', 'Teamleider PD Levering', 'Afdelingshoofd']);
    });

    it('refuses at the top of the ladder, pointing to the decision', () => {
      const result = apply(STATES.ld3, actionCanonical('escalate-level'), 'service');
      expect(result).toMatchObject({ ok: false, kind: 'illegal', message: expect.stringContaining('leg de uitkomst vast met een besluit') });
    });

    it('forbids a klantraad-manager: they answer the advice, Logius climbs the ladder', () => {
      expect(apply(STATES.ld, actionCanonical('escalate-level'), 'klantraadA')).toMatchObject({ kind: 'forbidden' });
    });
  });

  describe('decide', () => {
    it('appends the decision with its moves in ms, keeps step 6 and gives it a fresh deadline', () => {
      const result = apply(STATES.ld3, actionCanonical('decide'), 'capacity');
      expect(result).toMatchObject({
        ok: true,
        state: {
          step: 'logius-decides',
          advice: ADVICE,
          ladder: STATES.ld3.ladder,
          enteredAt: STATES.ld3.enteredAt,
          deadline: workingDaysAdd(NOW, 2),
          decisions: [
            STATES.ld3.decisions[0],
            {
              text: 'B schuift venster 3 een week op.',
              by: ACTORS.capacity.email,
              at: NOW,
              moves: [{ windowId: 3, start: Date.parse(START_ISO), end: Date.parse(END_ISO) }],
            },
          ],
        },
        event: { from: 'logius-decides', to: 'logius-decides', payload: { type: 'decide' } },
      });
    });

    it('accepts a decision without moves', () => {
      expect(apply(STATES.ld, { type: 'decide', text: 'Niemand schuift; Logius verhoogt de capaciteit.' }, 'service').ok).toBe(true);
    });

    it('is refused in step 5: the klantraad-managers decide there', () => {
      expect(apply(STATES.e0, actionCanonical('decide'), 'capacity')).toMatchObject({ kind: 'illegal' });
    });

    it('rejects a move of a window outside the conflict, and a window moved twice', () => {
      const move = { windowId: 1, start: START_ISO, end: END_ISO };
      const outside = apply(STATES.ld, { type: 'decide', text: 'x', moves: [{ ...move, windowId: 8 }] }, 'capacity');
      expect(outside).toMatchObject({ kind: 'invalid' });
      expect(apply(STATES.ld, { type: 'decide', text: 'x', moves: [move, move] }, 'capacity')).toEqual({
        ok: false,
        kind: 'invalid',
        message: 'Venster 1 staat meer dan eens in de verplaatsingen.',
      });
    });
  });

  describe('resolve', () => {
    it.each(['pa', 'lc', 'ja+', 'e1', 'ld3'] as const)('closes %s and remembers the step it came from', (key) => {
      const result = apply(STATES[key], { type: 'resolve', reason: 'Weg na herberekening.' }, 'admin', { now: NOW + DAY });
      expect(result).toEqual({
        ok: true,
        state: {
          step: 'resolved',
          conflictId: 7,
          afnemers: [OIN_A, OIN_B],
          enteredAt: NOW + DAY,
          deadline: null,
          resolvedAt: NOW + DAY,
          reason: 'Weg na herberekening.',
          resolvedFrom: STATES[key].step,
        },
        event: { from: STATES[key].step, to: 'resolved', payload: { type: 'resolve', by: null, reason: 'Weg na herberekening.' } },
      });
    });
  });

  describe('deadlines', () => {
    it('uses the configured working days per step, defaulting the rest', () => {
      const state = okState(apply(STATES.pj, actionCanonical('escalate'), 'capacity', { deadlines: { escalated: 1 } }));
      expect(state.deadline).toBe(workingDaysAdd(NOW, 1));
      const other = okState(apply(STATES.lc, { type: 'open-assessment' }, 'capacity', { deadlines: { escalated: 1 } }));
      expect(other.deadline).toBe(workingDaysAdd(NOW, PROCEDURE_DEADLINES_DEFAULT['joint-assessment']));
    });

    it('uses the configured holidays', () => {
      // Thursday 14 and Friday 15 January as holidays push 2 working days to Tuesday 19 January.
      const holidays = [
        { kind: 'fixed', name: 'Test 1', month: 1, day: 14 },
        { kind: 'fixed', name: 'Test 2', month: 1, day: 15 },
      ] as const;
      const state = okState(apply(STATES.pa, actionCanonical('contact-logius'), 'plannerA', { holidays }));
      expect(state.deadline).toBe(Date.parse('2027-01-19T23:00:00Z'));
    });
  });

  describe('a conflict from start to finish', () => {
    it('runs all six steps and resolves', () => {
      const plannerB = { email: 'planner-b@example.nl', role: 'planner', afnemer: OIN_B } as const;
      const steps: [ProcedureAction, ProcedureContext['actor']][] = [
        [actionCanonical('move-window', ACTORS.plannerA), ACTORS.plannerA],
        [actionCanonical('contact-logius'), ACTORS.plannerA],
        [{ type: 'open-assessment' }, ACTORS.capacity],
        [{ type: 'submit-assessment', aspects: aspectsUniform('hoog'), motivation: 'a' }, ACTORS.plannerA],
        [{ type: 'submit-assessment', aspects: aspectsUniform('laag'), motivation: 'b' }, plannerB],
        [{ type: 'confirm-advice' }, ACTORS.capacity],
        [{ type: 'escalate', reason: 'B kan niet schuiven.' }, plannerB],
        [{ type: 'accept-advice' }, ACTORS.klantraadA],
        [{ type: 'reject-advice', reason: 'Wettelijke termijn.', afnemer: OIN_B }, ACTORS.capacity],
        [{ type: 'escalate-level', reason: 'geen akkoord' }, ACTORS.service],
        [actionCanonical('decide'), ACTORS.service],
        [{ type: 'resolve', reason: 'Weg na herberekening.' }, ACTORS.admin],
      ];
      let state: ProcedureState = procedureInitial(7, [OIN_A, OIN_B], NOW);
      const path: string[] = [state.step];
      for (const [action, actor] of steps) {
        state = okState(procedureApply(state, action, { actor, now: NOW, windows: WINDOWS }));
        path.push(state.step);
      }
      expect(path).toEqual([
        'planner-adjusts',
        'planner-adjusts',
        'logius-contacted',
        'joint-assessment',
        'joint-assessment',
        'joint-assessment',
        'planning-adjusted',
        'escalated',
        'escalated',
        'logius-decides',
        'logius-decides',
        'logius-decides',
        'resolved',
      ]);
      expect(state).toMatchObject({ resolvedFrom: 'logius-decides' });
    });
  });
});

describe('procedureInitial', () => {
  it('starts in step 1 with the deadline two working days after the local day', () => {
    // Saturday 2027-01-16 12:00 local: Monday and Tuesday count, so the end of Tuesday 19 January.
    const state = procedureInitial(12, [OIN_A, OIN_B], Date.UTC(2027, 0, 16, 11));
    expect(state).toEqual({
      step: 'planner-adjusts',
      conflictId: 12,
      afnemers: [OIN_A, OIN_B],
      enteredAt: Date.UTC(2027, 0, 16, 11),
      deadline: Date.parse('2027-01-19T23:00:00Z'),
    });
  });

  it('takes other working days for step 1', () => {
    expect(procedureInitial(1, [OIN_A], NOW, { 'planner-adjusts': 0 }).deadline).toBe(Date.parse('2027-01-13T23:00:00Z'));
  });
});

describe('the transition functions', () => {
  it('accept only their legal source states, so an illegal transition does not compile', () => {
    const step1: PlannerAdjusts = STATES.pa;
    const atTop: LogiusDecides = STATES.ld3;
    const neverCalled = () => [
      // @ts-expect-error step 1 is no legal source of confirm-advice
      procedureConfirmAdvice(step1, {}, WINDOWS, { now: NOW }),
      // @ts-expect-error a step 3 the gate has not found ready (all in, or past its deadline) is not accepted either
      procedureConfirmAdvice(STATES.ja, {}, WINDOWS, { now: NOW }),
      // @ts-expect-error level 3 is the top of the ladder
      procedureEscalateLevel(atTop, { reason: 'x' }, 'a@b.nl', { now: NOW }),
      // @ts-expect-error the klantraad-managers answer in step 5 only
      procedureAcceptAdvice(STATES.ld, STATES.e1.answers[OIN_A]!),
    ];
    expect(typeof neverCalled).toBe('function');
    expectTypeOf(procedureConfirmAdvice).parameter(0).toEqualTypeOf<JointAssessmentReady>();
  });

  it('are pure: applying an action leaves the old state untouched', () => {
    const before = structuredClone(STATES['ja+']);
    apply(STATES['ja+'], { type: 'confirm-advice', text: 'anders' }, 'capacity');
    expect(STATES['ja+']).toEqual(before);
  });
});

describe('procedureAfnemersUpdate', () => {
  it('drafts the advice when the Afnemer still missing is no longer involved', () => {
    const next = procedureAfnemersUpdate(STATES.ja, [OIN_A], WINDOWS);
    expect(next).toMatchObject({ afnemers: [OIN_A], draftAdvice: { moveAfnemers: [OIN_A], moveWindowIds: [1, 2] } });
    expect(apply(next, { type: 'confirm-advice' }, 'capacity').ok).toBe(true);
  });

  it('drops the draft when a newly involved Afnemer has not assessed yet, and names it', () => {
    const next = procedureAfnemersUpdate(STATES['ja+'], [OIN_A, OIN_B, OIN_C], WINDOWS);
    expect(next).toMatchObject({ draftAdvice: null });
    expect(apply(next, { type: 'confirm-advice' }, 'capacity')).toMatchObject({
      kind: 'illegal',
      message: expect.stringContaining(`Nog niet alle afwegingen zijn binnen; ontbrekend: ${OIN_C}.`),
    });
  });

  it('only replaces the Afnemers in other open steps, and leaves a resolved state alone', () => {
    expect(procedureAfnemersUpdate(STATES.e0, [OIN_B], WINDOWS)).toEqual({ ...STATES.e0, afnemers: [OIN_B] });
    expect(procedureAfnemersUpdate(STATES.r, [OIN_B], WINDOWS)).toBe(STATES.r);
  });
});
