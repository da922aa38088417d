import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, type SystemActionType } from './procedure/actions.js';
import { ACTORS, ADVICE, DAY, NOW, OIN_A, STATES, WINDOWS, actionCanonical } from './procedure/procedure.fixtures.js';
import { procedureApply, procedureInitial } from './procedure/transitions.js';
import type { ProcedureState } from './procedure/types.js';
import { ProcedureStateSchema } from './procedure-state-schema.js';

const SYSTEM_ACTIONS: readonly SystemActionType[] = ['resolve', 'deadline-passed', 'advice-fell-short'];

/** The state as conflict_cases.state holds it: JSON. */
const stored = (state: ProcedureState): unknown => JSON.parse(JSON.stringify(state));

/** Every state one transition away from these, for every actor, every action type and a day later too. */
function successors(states: readonly ProcedureState[]): ProcedureState[] {
  const next: ProcedureState[] = [];
  for (const state of states) {
    for (const now of [NOW, NOW + 6 * DAY]) {
      for (const actor of Object.values(ACTORS)) {
        for (const type of [...ACTION_TYPES, ...SYSTEM_ACTIONS]) {
          const result = procedureApply(state, actionCanonical(type, actor), { actor, now, windows: WINDOWS });
          if (result.ok) next.push(result.state);
        }
      }
    }
  }
  return next;
}

function issuePaths(value: unknown): string[] {
  const parsed = ProcedureStateSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
}

describe('ProcedureStateSchema', () => {
  it('reads back every fixture state exactly as it was stored', () => {
    for (const state of Object.values(STATES)) {
      expect(ProcedureStateSchema.parse(stored(state))).toStrictEqual(stored(state));
    }
  });

  it('reads back every state the transitions reach in two steps from the fixtures and from a new case', () => {
    const first = successors([...Object.values(STATES), procedureInitial(7, [OIN_A], NOW)]);
    const reached = [...first, ...successors(first)];
    // Every step is reached, so no branch of the union goes untested.
    expect(new Set(reached.map((s) => s.step)).size).toBe(7);
    for (const state of reached) {
      expect(ProcedureStateSchema.parse(stored(state))).toStrictEqual(stored(state));
    }
  });

  it('reads a case file from before proposals and on-behalf records (optional fields absent)', () => {
    const { moves: _moves, noResponse: _noResponse, ...oldAdvice } = ADVICE;
    const old = { ...STATES.pj, advice: oldAdvice };
    expect(ProcedureStateSchema.parse(stored(old))).toStrictEqual(stored(old));
    expect(STATES.ja.assessments[OIN_A]).not.toHaveProperty('onBehalf');
    expect(ProcedureStateSchema.parse(stored(STATES.ja))).toStrictEqual(stored(STATES.ja));
  });

  it('drops fields the state does not have', () => {
    const parsed = ProcedureStateSchema.parse({ ...STATES.pa, noResponse: ['x'], extra: 1 });
    expect(parsed).toStrictEqual(stored(STATES.pa));
  });

  it('refuses an unknown step, a missing field, a mistyped field and an open deadline of null, naming the path', () => {
    expect(issuePaths({ ...STATES.pa, step: 'herzien' })).toEqual(['step']);
    const { contact: _contact, ...noContact } = STATES.lc;
    expect(issuePaths(noContact)).toEqual(['contact']);
    expect(issuePaths({ ...STATES.pa, deadline: null })).toEqual(['deadline']);
    expect(issuePaths({ ...STATES.pa, deadline: '2027-01-15' })).toEqual(['deadline']);
    expect(issuePaths({ ...STATES.r, deadline: 1 })).toEqual(['deadline']);
    expect(issuePaths({ ...STATES.r, resolvedFrom: 'resolved' })).toEqual(['resolvedFrom']);
    expect(issuePaths(null)).toEqual(['']);
  });

  it('refuses an assessment without every aspect, a ladder past level 3 and an unknown cause', () => {
    const assessment = STATES.ja.assessments[OIN_A]!;
    const { imago: _imago, ...threeAspects } = assessment.aspects;
    expect(issuePaths({ ...STATES.ja, assessments: { [OIN_A]: { ...assessment, aspects: threeAspects } } })).toEqual([`assessments.${OIN_A}.aspects.imago`]);
    expect(issuePaths({ ...STATES.ld, level: 4 })).toEqual(['level']);
    expect(issuePaths({ ...STATES.ld3, ladder: [{ ...STATES.ld3.ladder[0], title: 'Directeur' }] })).toEqual(['ladder.0.title']);
    expect(issuePaths({ ...STATES.ld, cause: 'boos' })).toEqual(['cause']);
  });
});
