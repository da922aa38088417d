/** fast-check generators shared by the planning property tests (not exported from the package). */
import fc from 'fast-check';
import { BUCKET_MS } from './bucket.js';
import { capacityProfileUniform } from './capacity.js';
import type { LevellingInput } from './levelling.js';
import { amsterdamDayNumber, amsterdamDayStart } from '../time/local-time.js';
import { DAY_MS as DAY, HOUR_MS as HOUR, MINUTE_MS as MINUTE } from '../time/units.js';
import type { CapacityPeriod, MaintenanceWindow, PlanWindow } from './types.js';

export { DAY, HOUR, MINUTE };

/** Midnight UTC of the DST Sundays of 2026/2027 and of an ordinary winter and summer Wednesday. */
export const ANCHORS = [
  Date.UTC(2026, 2, 29),
  Date.UTC(2026, 9, 25),
  Date.UTC(2027, 2, 28),
  Date.UTC(2027, 9, 31),
  Date.UTC(2027, 0, 13),
  Date.UTC(2027, 6, 14),
] as const;

export const OINS = ['00000001003214345000', '00000001234567890000', '00000003273229750000'] as const;

export interface Scenario {
  anchor: number;
  fromBucket: number;
  toBucket: number;
  windows: PlanWindow[];
  maintenance: MaintenanceWindow[];
  profile: number[];
}

/** Instants around an anchor: mostly on whole minutes, sometimes on quarters, sometimes arbitrary ms. */
function instantNear(anchor: number, spanMs: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: -spanMs / MINUTE, max: spanMs / MINUTE }).map((m) => anchor + m * MINUTE),
    fc.integer({ min: -spanMs / BUCKET_MS, max: spanMs / BUCKET_MS }).map((q) => anchor + q * BUCKET_MS),
    fc.integer({ min: -spanMs, max: spanMs }).map((ms) => anchor + ms),
  );
}

const durationArb = fc.oneof(
  fc.integer({ min: 1, max: 10 * 60 }).map((m) => m * MINUTE),
  fc.integer({ min: 1, max: 40 }).map((q) => q * BUCKET_MS),
  fc.integer({ min: 1, max: 3 * BUCKET_MS }),
);

export function windowArb(anchor: number, spanMs: number, id: number): fc.Arbitrary<PlanWindow> {
  return fc
    .record({
      start: instantNear(anchor, spanMs),
      duration: durationArb,
      volume: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 50 })),
      status: fc.constantFrom('concept', 'definitief', 'definitief', 'geannuleerd') as fc.Arbitrary<PlanWindow['status']>,
      afnemer: fc.constantFrom(...OINS),
    })
    .map(({ start, duration, volume, status, afnemer }) => ({
      id,
      afnemer,
      kenmerk: `K-${id}`,
      start,
      end: start + duration,
      volume,
      status,
    }));
}

export const profileArb: fc.Arbitrary<number[]> = fc.oneof(
  fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 12_000 }), weight: 5 }), {
    minLength: 168,
    maxLength: 168,
  }),
  fc.integer({ min: 0, max: 12_000 }).map((r) => new Array<number>(168).fill(r)),
  // Distinct rate per hour of week, so any mistake in the local hour shows.
  fc.constant(Array.from({ length: 168 }, (_, h) => 1000 + 37 * h)),
  fc.constant(new Array<number>(168).fill(0)),
);

export function maintenanceArb(anchor: number, spanMs: number): fc.Arbitrary<MaintenanceWindow[]> {
  return fc
    .array(
      fc.record({
        start: instantNear(anchor, spanMs),
        duration: fc.integer({ min: 1, max: 6 * 60 }).map((m) => m * MINUTE),
        factor: fc.oneof(
          fc.constant(0),
          fc.constant(1),
          fc.constant(0.5),
          fc.integer({ min: 0, max: 1000 }).map((f) => f / 1000),
        ),
      }),
      { maxLength: 4 },
    )
    .map((list) => list.map((m, i) => ({ id: i + 1, start: m.start, end: m.start + m.duration, factor: m.factor })));
}

/** A few days around an anchor (often a DST Sunday) with random windows, maintenance and profile. */
export function scenarioArb(options: { maxWindows?: number; days?: number } = {}): fc.Arbitrary<Scenario> {
  const maxWindows = options.maxWindows ?? 25;
  const days = options.days ?? 2;
  return fc.constantFrom(...ANCHORS).chain((anchor) => {
    const span = days * DAY;
    return fc
      .record({
        windows: fc
          .array(windowArb(anchor, span, 0), { maxLength: maxWindows })
          .map((list) => list.map((w, i) => ({ ...w, id: i + 1, kenmerk: `K-${i + 1}` }))),
        maintenance: maintenanceArb(anchor, span),
        profile: profileArb,
        edge: fc.integer({ min: -8, max: 8 }),
      })
      .map(({ windows, maintenance, profile, edge }) => ({
        anchor,
        fromBucket: Math.floor((anchor - span) / BUCKET_MS) + edge,
        toBucket: Math.floor((anchor + span) / BUCKET_MS) - edge,
        windows,
        maintenance,
        profile,
      }));
  });
}

/** Relative closeness for floating-point sums: |a - b| <= 1e-9 * max(1, |a|, |b|). */
export function close(a: number, b: number, rel = 1e-9): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Index of the first element where two series differ beyond `close`, or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>, rel = 1e-9): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!close(a[i]!, b[i]!, rel)) return i;
  return -1;
}

/**
 * One to four profiles in force one after another around an anchor: periods start at local midnights (as stored
 * profiles do, so also on the DST Sundays) or on any quarter, each with its own levels (sometimes none).
 */
export function scheduleArb(anchor: number, spanMs: number): fc.Arbitrary<CapacityPeriod[]> {
  const day = amsterdamDayNumber(anchor);
  const days = Math.ceil(spanMs / DAY);
  const startArb = fc.oneof(
    fc.integer({ min: -days, max: days }).map((d) => amsterdamDayStart(day + d)),
    fc.integer({ min: -spanMs / BUCKET_MS, max: spanMs / BUCKET_MS }).map((q) => Math.floor(anchor / BUCKET_MS) * BUCKET_MS + q * BUCKET_MS),
  );
  const levelsArb = fc.oneof(fc.constant({}), fc.record({ threshold: fc.constantFrom(1, 0.9, 1.25), warningLevel: fc.constantFrom(0.8, 0.5) }));
  return fc.array(fc.record({ from: startArb, profile: profileArb, levels: levelsArb }), { minLength: 1, maxLength: 4 }).map((list) => {
    const byFrom = new Map<number, CapacityPeriod>();
    for (const p of list) byFrom.set(p.from, { from: p.from, profile: p.profile, ...p.levels });
    return [...byFrom.values()].sort((a, b) => a.from - b.from);
  });
}

/**
 * Windows for the levelling property tests: aligned on a flat profile, starting `q` buckets after `t0`, `len` buckets
 * long with `per` messages per bucket, concept or definitief, some with an earliest start or latest end.
 */
export const levellingSpecArb = fc.record({
  q: fc.integer({ min: 0, max: 16 }),
  len: fc.integer({ min: 1, max: 12 }),
  per: fc.integer({ min: 1, max: 9 }).map((v) => v * 100),
  definitief: fc.boolean(),
  early: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  late: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
});

/** A levelling window spec; hand-written cases may leave out the bounds. */
export type LevellingSpec = { q: number; len: number; per: number; definitief: boolean; early?: number | undefined; late?: number | undefined };

/** The windows of levellingSpecArb's specs from `t0`: ids 1.., the three OINS in turn. */
export function levellingWindowsOf(specs: readonly LevellingSpec[], t0: number): PlanWindow[] {
  return specs.map((sp, i) => ({
    id: i + 1,
    afnemer: OINS[i % 3]!,
    kenmerk: `K-${i + 1}`,
    start: t0 + sp.q * BUCKET_MS,
    end: t0 + (sp.q + sp.len) * BUCKET_MS,
    volume: sp.per * sp.len,
    status: sp.definitief ? 'definitief' : 'concept',
    earliestStart: sp.early === undefined ? null : t0 + (sp.q - sp.early) * BUCKET_MS,
    latestEnd: sp.late === undefined ? null : t0 + (sp.q + sp.len + sp.late) * BUCKET_MS,
  }));
}

/**
 * The LevellingInput of the small levelling properties: `windows` (or the specs' windows around t0) on a flat profile
 * of 1,000 messages per bucket, the period a day either side of t0 with now at its start, no send hours, a 6-hour
 * horizon; `options` on top.
 */
export function levellingInputOf(windows: readonly LevellingSpec[] | PlanWindow[], t0: number, options: Partial<LevellingInput> = {}): LevellingInput {
  const planWindows = windows.length > 0 && 'q' in windows[0]! ? levellingWindowsOf(windows as readonly LevellingSpec[], t0) : (windows as PlanWindow[]);
  return {
    windows: planWindows,
    profile: capacityProfileUniform(4000),
    maintenance: [],
    period: { from: t0 - DAY, to: t0 + DAY },
    now: t0 - DAY,
    sendHours: null,
    horizonMs: 6 * HOUR,
    ...options,
  };
}
