/** Random levelling inputs for the tests of the parallel search and the levelling lane (tests only). */
import { capacityProfileUniform, type LevellingInput, type PlanWindow } from '@cd/shared';

const QUARTER = 900_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const t0 = Date.UTC(2027, 2, 28, 0); // the spring DST Sunday (Europe/Amsterdam)

/** A seeded generator (mulberry32). */
export function randomSeeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `days` days (default 3) of windows on a flat 1,000 per quarter, crowded in the daytime: overload to level. */
export function levellingInputRandom(seed: number, count: number, days = 3): LevellingInput {
  const random = randomSeeded(seed);
  const statuses = ['concept', 'concept', 'definitief', 'geannuleerd'] as const;
  const windows: PlanWindow[] = Array.from({ length: count }, (_, i) => {
    const day = Math.floor(random() * days);
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
    period: { from: t0, to: t0 + days * DAY },
    now: t0 - DAY,
  };
}
