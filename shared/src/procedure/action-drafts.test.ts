import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from './actions.js';
import { ACTORS, actionCanonical, assessment, NOW, OIN_A, OIN_B, OIN_C, STATES, WINDOWS } from './procedure.fixtures.js';
import { procedureActionDrafts, procedureApply } from './transitions.js';
import type { ProcedureState } from './types.js';

const WITHOUT_PROPOSALS = WINDOWS.map((w) => ({ ...w, proposal: null }));

/** Step 3 with any set of involved Afnemers and any subset of them assessed. */
const jointAssessment = fc
  .record({
    involved: fc.subarray([OIN_A, OIN_B, OIN_C], { minLength: 1 }),
    assessed: fc.subarray([OIN_A, OIN_B, OIN_C]),
  })
  .map(
    ({ involved, assessed }): ProcedureState => ({
      ...STATES.ja,
      afnemers: involved,
      assessments: Object.fromEntries(assessed.map((a) => [a, assessment(a, 'middel')])),
    }),
  );

const anyState = fc.oneof(jointAssessment, fc.constantFrom(...Object.values(STATES)));

describe('procedureActionDrafts', () => {
  it('when false, the proposals change nothing: the action gives the same result with them as without (brute force)', () => {
    fc.assert(
      fc.property(anyState, fc.constantFrom(...ACTION_TYPES), fc.constantFrom(...(Object.keys(ACTORS) as (keyof typeof ACTORS)[])), (state, type, actorKey) => {
        const action = actionCanonical(type, ACTORS[actorKey]);
        fc.pre(!procedureActionDrafts(state, action));
        const ctx = { actor: ACTORS[actorKey], now: NOW };
        expect(procedureApply(state, action, { ...ctx, windows: WINDOWS })).toEqual(procedureApply(state, action, { ...ctx, windows: WITHOUT_PROPOSALS }));
      }),
      { numRuns: 2000 },
    );
  });

  it('is true for the assessment that completes step 3 and for a confirmation, whose advice reads the proposals', () => {
    const lastMissing: ProcedureState = { ...STATES.ja, afnemers: [OIN_A, OIN_B] };
    expect(procedureActionDrafts(lastMissing, { type: 'submit-assessment' })).toBe(true);
    const done = procedureApply(lastMissing, actionCanonical('submit-assessment', ACTORS.capacity), { actor: ACTORS.capacity, now: NOW, windows: WINDOWS });
    const doneWithout = procedureApply(lastMissing, actionCanonical('submit-assessment', ACTORS.capacity), {
      actor: ACTORS.capacity,
      now: NOW,
      windows: WITHOUT_PROPOSALS,
    });
    expect(done).not.toEqual(doneWithout);
    expect(procedureActionDrafts({ ...STATES.ja, afnemers: [OIN_A, OIN_B, OIN_C] }, { type: 'submit-assessment' })).toBe(false);
    expect(procedureActionDrafts(STATES['ja+'], { type: 'confirm-advice' })).toBe(true);
    expect(procedureActionDrafts(STATES.pa, { type: 'submit-assessment' })).toBe(false);
  });
});
