import { describe, expect, it } from 'vitest';
import { capacityProfileUniform, levellingPropose, type LevellingInput, type PlanWindow } from '@cd/shared';
import { levellingRunPiece, levellingWireOf } from './cpu-tasks.js';
import { levellingSearchParallel } from './levelling-search.js';

const QUARTER = 900_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const t0 = Date.UTC(2027, 2, 28, 0); // the spring DST Sunday (Europe/Amsterdam)

/** A seeded generator (mulberry32). */
function randomSeeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Three days of windows on a flat 1,000 per quarter, crowded in the daytime: overload to level. */
export function levellingInputRandom(seed: number, count: number): LevellingInput {
  const random = randomSeeded(seed);
  const statuses = ['concept', 'concept', 'definitief', 'geannuleerd'] as const;
  const windows: PlanWindow[] = Array.from({ length: count }, (_, i) => {
    const day = Math.floor(random() * 3);
    const start = t0 + day * DAY + (7 + Math.floor(random() * 12)) * HOUR + Math.floor(random() * 4) * QUARTER;
    const quarters = 1 + Math.floor(random() * 8);
    const bounded = random() < 0.3;
    return {
      id: 10_000 - i * 3,
      afnemer: random() < 0.5 ? '00000001003214345000' : '00000001234567890000',
      kenmerk: `K-${i}`,
      start,
      end: start + quarters * QUARTER,
      volume: Math.round(100 + random() * 2400),
      status: statuses[Math.floor(random() * statuses.length)]!,
      earliestStart: bounded ? start - 6 * HOUR : null,
      latestEnd: bounded ? start + quarters * QUARTER + 10 * HOUR : undefined,
    };
  });
  return {
    windows,
    profile: capacityProfileUniform(4000),
    maintenance: [{ id: 1, start: t0 + DAY + 9 * HOUR, end: t0 + DAY + 11 * HOUR, factor: 0.5 }],
    period: { from: t0, to: t0 + 3 * DAY },
    now: t0 - DAY,
  };
}

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
        async (moveCostHours, state) => {
          asked.push(`${moveCostHours}${state ? '+' : ''}`);
          parallelOf.push(++running);
          await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
          const reply = structuredClone(levellingRunPiece(seed * 10 + parallel, wire, moveCostHours, state && structuredClone(state)));
          running--;
          return reply;
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

  it('passes on a failing piece (a bad input) as the error, once', async () => {
    const input = { ...levellingInputRandom(5, 50), horizonMs: -1 };
    expect(() => levellingPropose(input)).toThrow(RangeError);
    const wire = levellingWireOf(input);
    await expect(levellingSearchParallel(input, async (l, s) => levellingRunPiece(99, wire, l, s), 2)).rejects.toThrow(/horizonMs/);
  });
});
