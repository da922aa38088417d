import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LEVELLING_MAX_MOVED_OVER_BOUND,
  levellingPropose,
  levellingResultOf,
  levellingSearchStep,
  levellingSolverOf,
  LevellingStopped,
  type LevellingCandidateResult,
  type LevellingInput,
  type LevellingNeed,
  type LevellingRunState,
} from './levelling.js';
import { HOUR, levellingInputOf, levellingSpecArb, OINS } from './planning.arbitraries.js';
import type { PlanWindow } from './types.js';

const t0 = Date.UTC(2027, 0, 13, 9);

const keyOf = (n: LevellingNeed) => `${n.moveCostHours}/${n.improved}`;

/**
 * The search played piece by piece as the server's lane does: each piece on a solver of its own (another thread:
 * the state goes through structuredClone), extra runs at λs the search may never ask for made in between (a guess
 * that proved wrong), and the pieces' results read only through levellingSearchStep.
 */
function pieceByPiece(input: LevellingInput, extra: readonly number[]): ReturnType<typeof levellingPropose> {
  const known = new Map<string, LevellingCandidateResult>();
  const states = new Map<number, LevellingRunState>();
  const plan = levellingSolverOf(input).plan;
  const quick = (moveCostHours: number) => {
    const { result, state } = levellingSolverOf(structuredClone(input)).run(moveCostHours);
    known.set(keyOf({ moveCostHours, improved: false }), result);
    states.set(moveCostHours, structuredClone(state));
  };
  let k = 0;
  for (let guard = 0; guard < 50; guard++) {
    const step = levellingSearchStep(plan, (n) => known.get(keyOf(n)));
    if ('chosen' in step) return levellingResultOf(step.chosen, step.runs, plan.constraint);
    if (k < extra.length) quick(extra[k++]!);
    const { need } = step;
    if (!need.improved) quick(need.moveCostHours);
    else known.set(keyOf(need), levellingSolverOf(input).improve(need.moveCostHours, structuredClone(states.get(need.moveCostHours)!)));
  }
  throw new Error('the search did not end');
}

describe('levelling in pieces (the lane runs them in parallel)', () => {
  it('gives exactly what levellingPropose gives: the constrained search, a fixed λ, no drop search, no constraint', () => {
    let searched = 0;
    fc.assert(
      fc.property(
        fc.array(levellingSpecArb, { minLength: 2, maxLength: 10 }),
        fc.constantFrom<{ maxMovedOverBound?: number | null; moveCostHours?: number; dropSearch?: boolean }>(
          {},
          { maxMovedOverBound: 1 },
          { maxMovedOverBound: 1.1 },
          { maxMovedOverBound: LEVELLING_MAX_MOVED_OVER_BOUND, dropSearch: false },
          { maxMovedOverBound: null },
          { moveCostHours: 6 },
          { moveCostHours: 0, dropSearch: false },
        ),
        fc.array(fc.constantFrom(0, 3, 6, 12, 18, 24, 36, 48), { maxLength: 3 }),
        (specs, options, extra) => {
          const input = levellingInputOf(specs, t0, options);
          const whole = levellingPropose(input);
          expect(pieceByPiece(input, extra)).toEqual(whole);
          if (whole.candidates.length > 2) searched++;
        },
      ),
      { numRuns: 150 },
    );
    // The search did go past λ = 0 in some cases.
    expect(searched).toBeGreaterThan(0);
  });

  it('a run stopped part-way (a cancelled guess) leaves the solver as it was: the search on it gives the same answer', () => {
    let stopped = 0;
    fc.assert(
      fc.property(
        fc.array(levellingSpecArb, { minLength: 2, maxLength: 10 }),
        fc.constantFrom<number | null>(1, 1.1, LEVELLING_MAX_MOVED_OVER_BOUND),
        fc.array(fc.tuple(fc.constantFrom(0, 3, 12, 24, 48), fc.nat(12), fc.boolean()), { minLength: 1, maxLength: 3 }),
        (specs, maxMovedOverBound, cancels) => {
          const input = levellingInputOf(specs, t0, { maxMovedOverBound });
          const solver = levellingSolverOf(input);
          // Runs (quick ones, or drop searches on a quick run's state) stopped after `after` steps, before the search.
          for (const [moveCostHours, after, drop] of cancels) {
            let asks = 0;
            const stop = () => asks++ >= after;
            try {
              if (drop) solver.improve(moveCostHours, levellingSolverOf(input).run(moveCostHours).state, stop);
              else solver.run(moveCostHours, stop);
            } catch (err) {
              if (!(err instanceof LevellingStopped)) throw err;
              stopped++;
            }
          }
          const known = new Map<string, LevellingCandidateResult>();
          const states = new Map<number, LevellingRunState>();
          for (let guard = 0; guard < 50; guard++) {
            const step = levellingSearchStep(solver.plan, (n) => known.get(keyOf(n)));
            if ('chosen' in step) {
              expect(levellingResultOf(step.chosen, step.runs, solver.plan.constraint)).toEqual(levellingPropose(input));
              return;
            }
            const { need } = step;
            if (need.improved) known.set(keyOf(need), solver.improve(need.moveCostHours, states.get(need.moveCostHours)!));
            else {
              const { result, state } = solver.run(need.moveCostHours);
              known.set(keyOf(need), result);
              states.set(need.moveCostHours, state);
            }
          }
          throw new Error('the search did not end');
        },
      ),
      { numRuns: 100 },
    );
    // Runs did stop part-way.
    expect(stopped).toBeGreaterThan(0);
  });

  it('a solver of one input answers every piece the same however often and in whatever order it is asked', () => {
    const windows: PlanWindow[] = [
      { id: 1, afnemer: OINS[0], kenmerk: 'A', start: t0, end: t0 + 4 * HOUR, volume: 16_000, status: 'concept' },
      { id: 2, afnemer: OINS[1], kenmerk: 'B', start: t0, end: t0 + HOUR, volume: 1600, status: 'concept' },
      { id: 3, afnemer: OINS[2], kenmerk: 'C', start: t0 + HOUR, end: t0 + 2 * HOUR, volume: 1600, status: 'concept' },
    ];
    const input = levellingInputOf(windows, t0);
    const solver = levellingSolverOf(input);
    const at12 = solver.run(12);
    solver.run(0);
    expect(solver.run(12)).toEqual(at12);
    const improved = solver.improve(12, at12.state);
    expect(improved.improved).toBe(true);
    expect(levellingSolverOf(input).improve(12, at12.state)).toEqual(improved);
    // The same as a fixed λ = 12 with the drop search, less the search's figures; and it moved something.
    const { maxMovedOverBound: _m, candidates: _c, ...fixed } = levellingPropose({ ...input, moveCostHours: 12 });
    expect(improved).toEqual(fixed);
    expect(improved.moves.length).toBeGreaterThan(0);
  });
});
