import { describe, expect, it } from 'vitest';
import { LevellingStopped, levellingPropose } from '@cd/shared';
import { levellingRunPiece, levellingWireOf } from './cpu-tasks.js';
import { levellingInputRandom, randomSeeded } from './levelling-search.fixture.js';
import { levellingSearchParallel } from './levelling-search.js';

describe('levellingSearchParallel', () => {
  it('gives exactly levellingPropose, whatever order the pieces come back in and however many run at once', async () => {
    const searched: number[] = [];
    // Bisected to λ = 3 (seeds 1, 2, 4 at 1.3), 0-24-48 with none meeting (seed 3), λ = 0 meeting at once (seed 2 at 1.4).
    for (const [seed, parallel, factor] of [
      [1, 2, 1.3],
      [2, 3, 1.3],
      [4, 1, 1.3],
      [3, 2, 1.3],
      [2, 2, 1.4],
    ] as const) {
      const input = { ...levellingInputRandom(seed, 150), maxMovedOverBound: factor };
      const whole = levellingPropose(input);
      // The pieces as the lane's workers run them (from the wire: columns and bounds), each after a random delay.
      const wire = structuredClone(levellingWireOf(input));
      const random = randomSeeded(seed * 7);
      const asked: string[] = [];
      const parallelOf: number[] = [];
      let running = 0;
      const result = await levellingSearchParallel(
        input,
        async (moveCostHours, state, signal) => {
          asked.push(`${moveCostHours}${state ? '+' : ''}`);
          parallelOf.push(++running);
          // A cancelled piece stops at once (as a queued one of the lane does), and so no longer counts as running.
          await new Promise((resolve, reject) => {
            const timer = setTimeout(resolve, Math.floor(random() * 5));
            const cancelled = () => {
              clearTimeout(timer);
              running--;
              reject(new Error('geannuleerd'));
            };
            signal.addEventListener('abort', cancelled, { once: true });
          });
          running--;
          return structuredClone(levellingRunPiece(seed * 10 + parallel, wire, moveCostHours, state && structuredClone(state)));
        },
        parallel,
      );
      expect(result).toEqual(whole);
      // It made every run the search made, and never more at once than allowed.
      for (const c of whole.candidates) expect(asked).toContain(`${c.moveCostHours}${c.improved ? '+' : ''}`);
      expect(Math.max(...parallelOf)).toBeLessThanOrEqual(parallel);
      if (parallel > 1 && whole.candidates.length > 2) expect(Math.max(...parallelOf)).toBe(parallel);
      searched.push(whole.candidates.length);
      if (parallel === 1) expect(asked).toEqual(whole.candidates.map((c) => `${c.moveCostHours}${c.improved ? '+' : ''}`));
    }
    // The cases searched as described: 7 runs (bisected, two drop searches), 7, 6, 4 (0, 24, 48 and a drop search), 2 (λ = 0 met).
    expect(searched).toEqual([7, 7, 6, 4, 2]);
  });

  it('gives the same answer when wrong guesses are cancelled, whether a cancelled piece stops, fails or still answers', async () => {
    let cancelled = 0;
    for (const [seed, parallel, factor] of [
      [1, 2, 1.3],
      [2, 3, 1.3],
      [3, 2, 1.3],
      [6, 2, 1.25],
    ] as const) {
      const input = { ...levellingInputRandom(seed, 150), maxMovedOverBound: factor };
      const whole = levellingPropose(input);
      const wire = levellingWireOf(input);
      for (const onCancel of ['stop', 'fail', 'answer'] as const) {
        const random = randomSeeded(seed * 13);
        const result = await levellingSearchParallel(
          input,
          async (moveCostHours, state, signal) => {
            await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
            const stopAfter = Math.floor(random() * 40);
            if (signal.aborted) {
              cancelled++;
              if (onCancel === 'fail') throw new Error('geannuleerd');
              if (onCancel === 'stop') {
                // As a lane worker: the run stops part-way, on the solver every later piece of the session uses.
                let asks = 0;
                try {
                  levellingRunPiece(seed, wire, moveCostHours, state && structuredClone(state), () => asks++ >= stopAfter);
                } catch (err) {
                  if (!(err instanceof LevellingStopped)) throw err;
                }
                throw new LevellingStopped();
              }
            }
            return structuredClone(levellingRunPiece(seed, wire, moveCostHours, state && structuredClone(state)));
          },
          parallel,
        );
        expect(result).toEqual(whole);
      }
    }
    // Guesses did prove wrong and were cancelled.
    expect(cancelled).toBeGreaterThan(0);
  });

  it('passes on a failing piece (a bad input) as the error, once', async () => {
    const input = { ...levellingInputRandom(5, 50), horizonMs: -1 };
    expect(() => levellingPropose(input)).toThrow(RangeError);
    const wire = levellingWireOf(input);
    await expect(levellingSearchParallel(input, async (l, s) => levellingRunPiece(99, wire, l, s), 2)).rejects.toThrow(/horizonMs/);
  });
});
