import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ActionType, ProcedureAction } from './actions.js';
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
  procedureConfirmAdvice,
  procedureEscalateLevel,
  procedureInitial,
} from './transitions.js';
import type { Escalated, JointAssessmentWithDraft, PlannerAdjusts, ProcedureState } from './types.js';
import { PROCEDURE_DEADLINES_DEFAULT } from './types.js';
import { workingDaysAdd } from './working-days.js';

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
 *
 * Columns: pa (step 1), pa! (step 1 overdue), lc (2), ja (3, assessments missing), ja+ (3, draft present),
 *          pj (4), e0 (5, level 0), e3 (5, level 3), ld (6), r (resolved).
 */
const COLUMNS: StateKey[] = ['pa', 'pa!', 'lc', 'ja', 'ja+', 'pj', 'e0', 'e3', 'ld', 'r'];
const RULES: Record<ActionType | 'resolve', Partial<Record<ActorKey, string>>> = {
  //                     pa pa! lc ja ja+ pj e0 e3 ld r
  'move-window': {
    plannerA:           'o  o   o  o  o   o  o  o  o  I',
    capacity:           'I  I   I  I  I   I  I  I  o  I',
    service:            'I  I   I  I  I   I  I  I  o  I',
  },
  'contact-logius': {
    plannerA:           'o  o   I  I  I   I  I  I  I  I',
  },
  'open-assessment': {
    capacity:           'I  o   o  I  I   I  I  I  I  I',
  },
  'submit-assessment': {
    plannerA:           'I  I   I  o  o   I  I  I  I  I',
  },
  'confirm-advice': {
    capacity:           'I  I   I  I  o   I  I  I  I  I',
  },
  escalate: {
    plannerA:           'I  I   I  I  I   o  I  I  I  I',
    capacity:           'I  I   I  I  I   o  I  I  I  I',
  },
  'escalate-level': {
    klantraadA:         'I  I   I  I  I   I  o  I  I  I',
    capacity:           'I  I   I  I  I   I  o  I  I  I',
    service:            'I  I   I  I  I   I  o  I  I  I',
  },
  decide: {
    capacity:           'I  I   I  I  I   I  o  o  I  I',
    service:            'I  I   I  I  I   I  o  o  I  I',
  },
  resolve: Object.fromEntries(
    (Object.keys(ACTORS) as ActorKey[]).map((key) => [key, 'o  o   o  o  o   o  o  o  o  I']),
  ),
};

const OUTCOME = { o: 'ok', F: 'forbidden', I: 'illegal' } as const;

const TABLE = (Object.keys(RULES) as (ActionType | 'resolve')[]).flatMap((type) =>
  (Object.keys(ACTORS) as ActorKey[]).flatMap((actorKey) => {
    const row = (RULES[type][actorKey] ?? 'F F F F F F F F F F').split(/\s+/);
    return COLUMNS.map((stateKey, i) => ({ type, actorKey, stateKey, expected: OUTCOME[row[i] as 'o' | 'F' | 'I'] }));
  }),
);

describe('procedureApply', () => {
  describe('the table of every state, action and role', () => {
    it('covers 9 actions × 9 actors × 10 states', () => {
      expect(TABLE).toHaveLength(9 * 9 * 10);
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
      expect(result).toEqual({ ok: false, kind: 'forbidden', message: 'Venster 3 is van een andere Afnemer; u verplaatst alleen vensters van uw eigen Afnemer.' });
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

  describe('confirm-advice', () => {
    it('moves to step 4 with the draft as is when nothing is edited', () => {
      expect(apply(STATES['ja+'], { type: 'confirm-advice' }, 'capacity')).toMatchObject({
        ok: true,
        state: { step: 'planning-adjusted', advice: ADVICE, enteredAt: NOW, deadline: workingDaysAdd(NOW, 3) },
        event: { from: 'joint-assessment', to: 'planning-adjusted', payload: { advice: ADVICE } },
      });
    });

    it('takes edited windows and text, derives the moving Afnemers, and marks the advice not drafted', () => {
      const state = okState(apply(STATES['ja+'], { type: 'confirm-advice', text: 'B schuift.', moveWindowIds: [3, 3] }, 'capacity'));
      expect(state).toMatchObject({ advice: { moveWindowIds: [3], moveAfnemers: [OIN_B], text: 'B schuift.', drafted: false } });
    });

    it('keeps drafted true when the edit repeats the draft', () => {
      const state = okState(apply(STATES['ja+'], { type: 'confirm-advice', text: ADVICE.text, moveWindowIds: [2, 1] }, 'capacity'));
      expect(state).toMatchObject({ advice: ADVICE });
    });

    it('names the Afnemers whose assessment is still missing', () => {
      expect(apply(STATES.ja, { type: 'confirm-advice' }, 'capacity')).toEqual({
        ok: false,
        kind: 'illegal',
        message: `Nog niet alle afwegingen zijn binnen; ontbrekend: Afnemer ${OIN_B}.`,
      });
    });

    it('asks for a new submission when every assessment is in but no draft was computed', () => {
      const result = apply({ ...STATES['ja+'], draftAdvice: null }, { type: 'confirm-advice' }, 'capacity');
      expect(result).toMatchObject({ kind: 'illegal', message: expect.stringContaining('nog geen conceptadvies') });
    });

    it('rejects a window outside the conflict as invalid', () => {
      const result = apply(STATES['ja+'], { type: 'confirm-advice', moveWindowIds: [1, 42] }, 'capacity');
      expect(result).toEqual({ ok: false, kind: 'invalid', message: 'Venster 42 hoort niet bij dit conflict.' });
    });
  });

  describe('escalate', () => {
    it('moves to step 5 at level 0 and puts the advice text and whom to notify in the event', () => {
      const result = apply(STATES.pj, { type: 'escalate', adviceText: 'A schuift naar donderdag.' }, 'plannerA');
      expect(result).toEqual({
        ok: true,
        state: {
          step: 'escalated',
          conflictId: 7,
          afnemers: [OIN_A, OIN_B],
          enteredAt: NOW,
          deadline: workingDaysAdd(NOW, 5),
          advice: { ...ADVICE, text: 'A schuift naar donderdag.', drafted: false },
          level: 0,
          ladder: [],
        },
        event: {
          from: 'planning-adjusted',
          to: 'escalated',
          payload: {
            type: 'escalate',
            by: ACTORS.plannerA.email,
            adviceText: 'A schuift naar donderdag.',
            advice: { ...ADVICE, text: 'A schuift naar donderdag.', drafted: false },
            notifyAfnemers: [OIN_A, OIN_B],
          },
        },
      });
    });
  });

  describe('escalate-level', () => {
    it('climbs the production-capacity ladder one level at a time', () => {
      let state: ProcedureState = STATES.e0;
      const titles: string[] = [];
      for (const actorKey of ['klantraadA', 'service', 'capacity'] as const) {
        const result = apply(state, { type: 'escalate-level', reason: `door ${actorKey}` }, actorKey, { now: NOW + titles.length * DAY });
        state = okState(result);
        if (state.step !== 'escalated') throw new Error('expected escalated');
        titles.push(state.ladder[state.ladder.length - 1]!.title);
        expect(state.enteredAt).toBe(NOW + (titles.length - 1) * DAY);
      }
      expect(state).toMatchObject({
        level: 3,
        ladder: [{ level: 1 }, { level: 2 }, { level: 3, by: ACTORS.capacity.email, reason: 'door capacity' }],
      });
      expect(titles).toEqual(['Service manager', 'Teamleider PD Levering', 'Afdelingshoofd']);
    });

    it('refuses at the top of the ladder, pointing to Logius’ decision', () => {
      const result = apply(STATES.e3, actionCanonical('escalate-level'), 'service');
      expect(result).toMatchObject({ ok: false, kind: 'illegal', message: expect.stringContaining('besluit van Logius') });
    });

    it('forbids a klantraad-manager of an uninvolved Afnemer', () => {
      expect(apply(STATES.e0, actionCanonical('escalate-level'), 'klantraadX')).toMatchObject({ kind: 'forbidden' });
    });
  });

  describe('decide', () => {
    it('moves to step 6 with the decision, its moves in ms, the advice and the ladder', () => {
      const result = apply(STATES.e3, actionCanonical('decide'), 'capacity');
      expect(result).toMatchObject({
        ok: true,
        state: {
          step: 'logius-decides',
          advice: ADVICE,
          ladder: STATES.e3.ladder,
          enteredAt: NOW,
          deadline: workingDaysAdd(NOW, 2),
          decision: {
            text: 'B schuift venster 3 een week op.',
            by: ACTORS.capacity.email,
            at: NOW,
            moves: [{ windowId: 3, start: Date.parse(START_ISO), end: Date.parse(END_ISO) }],
          },
        },
        event: { from: 'escalated', to: 'logius-decides', payload: { type: 'decide' } },
      });
    });

    it('accepts a decision without moves', () => {
      expect(apply(STATES.e0, { type: 'decide', decision: 'Niemand schuift; Logius verhoogt de capaciteit.' }, 'service').ok).toBe(true);
    });

    it('rejects a move of a window outside the conflict, and a window moved twice', () => {
      const move = { windowId: 1, start: START_ISO, end: END_ISO };
      const outside = apply(STATES.e0, { type: 'decide', decision: 'x', moves: [{ ...move, windowId: 8 }] }, 'capacity');
      expect(outside).toMatchObject({ kind: 'invalid' });
      expect(apply(STATES.e0, { type: 'decide', decision: 'x', moves: [move, move] }, 'capacity')).toEqual({
        ok: false,
        kind: 'invalid',
        message: 'Venster 1 staat meer dan eens in het besluit.',
      });
    });
  });

  describe('resolve', () => {
    it.each(['pa', 'lc', 'ja+', 'e3', 'ld'] as const)('closes %s and remembers the step it came from', (key) => {
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
        [{ type: 'escalate', adviceText: 'B schuift.' }, plannerB],
        [{ type: 'escalate-level', reason: 'geen akkoord' }, ACTORS.klantraadA],
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
    const atTop: Escalated = STATES.e3;
    const neverCalled = () => [
      // @ts-expect-error step 1 is no legal source of confirm-advice
      procedureConfirmAdvice(step1, {}, WINDOWS, { now: NOW }),
      // @ts-expect-error a step 3 whose draft may be missing is not accepted either
      procedureConfirmAdvice(STATES.ja, {}, WINDOWS, { now: NOW }),
      // @ts-expect-error level 3 is the top of the ladder
      procedureEscalateLevel(atTop, { reason: 'x' }, 'a@b.nl', { now: NOW }),
    ];
    expect(typeof neverCalled).toBe('function');
    expectTypeOf(procedureConfirmAdvice).parameter(0).toEqualTypeOf<JointAssessmentWithDraft>();
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
      message: `Nog niet alle afwegingen zijn binnen; ontbrekend: Afnemer ${OIN_C}.`,
    });
  });

  it('only replaces the Afnemers in other open steps, and leaves a resolved state alone', () => {
    expect(procedureAfnemersUpdate(STATES.e0, [OIN_B], WINDOWS)).toEqual({ ...STATES.e0, afnemers: [OIN_B] });
    expect(procedureAfnemersUpdate(STATES.r, [OIN_B], WINDOWS)).toBe(STATES.r);
  });
});
