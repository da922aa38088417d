import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, type ActionType, type ProcedureAction } from './actions.js';
import { procedureActionsFor } from './available-actions.js';
import { ACTORS, DAY, NOW, OIN_A, OIN_B, STATES, WINDOWS, actionCanonical, aspectsUniform } from './procedure.fixtures.js';
import { procedureApply, procedureInitial } from './transitions.js';
import type { ProcedureActor, ProcedureState, ProcedureWindow } from './types.js';

const plannerB: ProcedureActor = { email: 'planner-b@example.nl', role: 'planner', afnemer: OIN_B };
const plannerWithout: ProcedureActor = { email: 'nobody@example.nl', role: 'planner', afnemer: null };
const klantraadB: ProcedureActor = { email: 'klantraad-b@example.nl', role: 'klantraad-manager', afnemer: OIN_B };
const actors: ProcedureActor[] = [...Object.values(ACTORS), plannerB, plannerWithout, klantraadB];

const ACTION_POOL: ProcedureAction[] = [
  ...ACTION_TYPES.map((type) => actionCanonical(type)),
  { type: 'move-window', windowId: 3, start: '2027-01-20T08:00:00+01:00', end: '2027-01-20T09:00:00+01:00' },
  { type: 'submit-assessment', aspects: aspectsUniform('hoog'), motivation: 'hoog' },
  { type: 'submit-assessment', aspects: aspectsUniform('laag'), motivation: 'laag' },
  { type: 'confirm-advice', moveWindowIds: [3] },
  { type: 'submit-assessment', aspects: aspectsUniform('middel'), motivation: 'telefonisch', afnemer: OIN_A },
  { type: 'accept-advice', afnemer: OIN_A },
  { type: 'accept-advice', afnemer: OIN_B },
  { type: 'reject-advice', reason: 'Wettelijke termijn.', afnemer: OIN_A },
  { type: 'decide', text: 'Niemand schuift.' },
];

const ON_BEHALF: readonly ActionType[] = ['submit-assessment', 'accept-advice', 'reject-advice'];

/** Whether procedureApply accepts some valid payload of the type: for an on-behalf record, for any involved Afnemer. */
function acceptsSome(state: ProcedureState, type: ActionType, actor: ProcedureActor, windows: readonly ProcedureWindow[], now: number) {
  const canonical = actionCanonical(type, actor, windows);
  const variants =
    actor.role === 'capacity-manager' && ON_BEHALF.includes(type)
      ? state.afnemers.map((afnemer) => ({ ...canonical, afnemer }) as ProcedureAction)
      : [canonical];
  return variants.some((action) => procedureApply(state, action, { actor, now, windows }).ok);
}

/**
 * A walk through the procedure: each step picks one of the (actor, action) pairs procedureApply accepts
 * at that moment, after the clock advanced; now and then the system resolves the conflict instead.
 */
const walkArb = fc.array(fc.record({ pick: fc.nat(), advance: fc.integer({ min: 0, max: 4 * DAY }), resolve: fc.nat(40) }), { maxLength: 20 }).map((steps) => {
  let state: ProcedureState = procedureInitial(7, [OIN_A, OIN_B], NOW);
  let now = NOW;
  for (const { pick, advance, resolve } of steps) {
    now += advance;
    if (resolve === 0) {
      const result = procedureApply(state, { type: 'resolve', reason: 'Weg.' }, { actor: ACTORS.admin, now, windows: WINDOWS });
      if (result.ok) state = result.state;
      continue;
    }
    // Grouped by the step they lead to, so the walk moves on as often as it stays.
    const byStep = new Map<string, ProcedureState[]>();
    for (const actor of actors) {
      for (const action of ACTION_POOL) {
        const result = procedureApply(state, action, { actor, now, windows: WINDOWS });
        if (result.ok) byStep.set(result.state.step, [...(byStep.get(result.state.step) ?? []), result.state]);
      }
    }
    const groups = [...byStep.values()];
    if (groups.length === 0) continue;
    const group = groups[pick % groups.length]!;
    state = group[Math.floor(pick / groups.length) % group.length]!;
  }
  return { state, now };
});

const windowsArb = fc.constantFrom(
  WINDOWS,
  WINDOWS.filter((w) => w.afnemer === OIN_B),
  [],
);

describe('procedureActionsFor', () => {
  it('lists exactly the actions procedureApply accepts, for every reachable state, actor, windows and time', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          walkArb,
          fc.constantFrom(...Object.values(STATES)).map((state) => ({ state, now: NOW })),
        ),
        fc.constantFrom(...actors),
        windowsArb,
        fc.integer({ min: 0, max: 6 * DAY }),
        ({ state, now: reached }, actor, windows, later) => {
          const now = reached + later;
          const listed = procedureActionsFor(state, actor, windows, now);
          for (const type of ACTION_TYPES) {
            const accepted = acceptsSome(state, type, actor, windows, now);
            expect({ type, listed: listed.includes(type) }).toEqual({ type, listed: accepted });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('offers a planner of an involved Afnemer the move and contact in step 1', () => {
    expect(procedureActionsFor(STATES.pa, ACTORS.plannerA, WINDOWS, NOW)).toEqual(['move-window', 'contact-logius']);
  });

  it('hides move-window from a planner with no window in the conflict', () => {
    expect(
      procedureActionsFor(
        STATES.pa,
        ACTORS.plannerA,
        WINDOWS.filter((w) => w.afnemer === OIN_B),
        NOW,
      ),
    ).toEqual(['contact-logius']);
  });

  it('offers the capacity-manager the assessment only once step 1 is overdue', () => {
    expect(procedureActionsFor(STATES.pa, ACTORS.capacity, WINDOWS, NOW)).toEqual([]);
    expect(procedureActionsFor(STATES['pa!'], ACTORS.capacity, WINDOWS, NOW)).toEqual(['open-assessment']);
  });

  it('offers Logius in step 6 moves, the ladder and the decision; at the top of the ladder no more climbing', () => {
    expect(procedureActionsFor(STATES.ld, ACTORS.service, WINDOWS, NOW)).toEqual(['move-window', 'escalate-level', 'decide']);
    expect(procedureActionsFor(STATES.ld3, ACTORS.capacity, WINDOWS, NOW)).toEqual(['move-window', 'decide']);
  });

  it('offers the klantraad-manager of an involved Afnemer to accept or reject in step 5, once', () => {
    expect(procedureActionsFor(STATES.e0, ACTORS.klantraadA, WINDOWS, NOW)).toEqual(['accept-advice', 'reject-advice']);
    expect(procedureActionsFor(STATES.e1, ACTORS.klantraadA, WINDOWS, NOW)).toEqual([]);
    expect(procedureActionsFor(STATES.e0, ACTORS.klantraadX, WINDOWS, NOW)).toEqual([]);
    expect(procedureActionsFor(STATES.e0, ACTORS.plannerA, WINDOWS, NOW)).toEqual(['move-window']);
  });

  it('offers the capacity manager to answer on an Afnemer’s behalf in steps 3 and 5, and to confirm after the deadline', () => {
    expect(procedureActionsFor(STATES.ja, ACTORS.capacity, WINDOWS, NOW)).toEqual(['submit-assessment']);
    expect(procedureActionsFor(STATES['ja!'], ACTORS.capacity, WINDOWS, NOW)).toEqual(['submit-assessment', 'confirm-advice']);
    // Both assessments came from the planners themselves: nothing to record, only to confirm.
    expect(procedureActionsFor(STATES['ja+'], ACTORS.capacity, WINDOWS, NOW)).toEqual(['confirm-advice']);
    expect(procedureActionsFor(STATES.e1, ACTORS.capacity, WINDOWS, NOW)).toEqual(['accept-advice', 'reject-advice']);
    expect(procedureActionsFor(STATES['e!'], ACTORS.capacity, WINDOWS, NOW)).toEqual([]);
  });

  it('offers nothing once resolved, and nothing to the admin', () => {
    for (const actor of actors) expect(procedureActionsFor(STATES.r, actor, WINDOWS, NOW)).toEqual([]);
    for (const state of Object.values(STATES)) expect(procedureActionsFor(state, ACTORS.admin, WINDOWS, NOW)).toEqual([]);
  });
});
