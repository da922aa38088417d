import { BUCKET_MS, bucketRangeLength } from './bucket.js';
import { capacityScheduleOf, capacitySchedulePieces } from './capacity-schedule.js';
import { amsterdamHourOfWeekByUtcHour, HOURS_PER_WEEK } from '../time/local-time.js';
import { HOUR_MS } from '../time/units.js';
import type { CapacityInForce, CapacityProfile, MaintenanceWindow } from './types.js';

/** A stretch of time in which capacity is multiplied by `factor` (< 1). */
export interface FactorSegment {
  start: number;
  end: number;
  factor: number;
}

/**
 * Returns the profile unchanged after checking it has 168 finite, non-negative rates; throws a RangeError otherwise.
 * Edge: an all-zero profile is valid (every positive load then overloads).
 */
export function capacityProfileCheck(profile: CapacityProfile): CapacityProfile {
  if (profile.length !== HOURS_PER_WEEK) {
    throw new RangeError(`a capacity profile has ${HOURS_PER_WEEK} hourly rates, got ${profile.length}`);
  }
  for (let i = 0; i < HOURS_PER_WEEK; i++) {
    const r = profile[i]!;
    if (!Number.isFinite(r) || r < 0) throw new RangeError(`capacity rate at hour ${i} must be finite and >= 0, got ${r}`);
  }
  return profile;
}

/**
 * Returns a profile with the same rate (messages per hour) in every hour of the week.
 * Edge: `capacityProfileUniform(0)` is the all-zero profile.
 */
export function capacityProfileUniform(ratePerHour: number): CapacityProfile {
  return capacityProfileCheck(new Array<number>(HOURS_PER_WEEK).fill(ratePerHour));
}

/**
 * Returns the maintenance as disjoint, sorted segments with the factor in force (the lowest of all windows
 * running then); stretches with factor 1 are left out and touching segments with equal factors are merged.
 * Edge: [0,10)x0.5 and [5,20)x0.8 give [0,10)x0.5, [10,20)x0.8; windows with end <= start are ignored;
 * a factor outside [0, 1] throws a RangeError.
 */
export function maintenanceSegments(maintenance: readonly MaintenanceWindow[]): FactorSegment[] {
  const events: { t: number; factor: number; delta: 1 | -1 }[] = [];
  for (const m of maintenance) {
    if (!(m.factor >= 0 && m.factor <= 1)) {
      throw new RangeError(`maintenance ${m.id}: factor must be in [0, 1], got ${m.factor}`);
    }
    if (!(m.end > m.start) || m.factor === 1) continue;
    events.push({ t: m.start, factor: m.factor, delta: 1 }, { t: m.end, factor: m.factor, delta: -1 });
  }
  events.sort((a, b) => a.t - b.t);
  const active = new Map<number, number>();
  const segments: FactorSegment[] = [];
  let i = 0;
  while (i < events.length) {
    const t = events[i]!.t;
    for (; i < events.length && events[i]!.t === t; i++) {
      const e = events[i]!;
      const count = (active.get(e.factor) ?? 0) + e.delta;
      if (count === 0) active.delete(e.factor);
      else active.set(e.factor, count);
    }
    if (active.size === 0 || i === events.length) continue;
    let factor = 1;
    for (const f of active.keys()) if (f < factor) factor = f;
    const next = events[i]!.t;
    const last = segments[segments.length - 1];
    if (last && last.end === t && last.factor === factor) last.end = next;
    else segments.push({ start: t, end: next, factor });
  }
  return segments;
}

/**
 * Returns the capacity (messages) of each bucket in [fromBucket, toBucket): the integral over the bucket of the
 * local-hour rate of the profile in force (one profile, or a schedule's period) times the maintenance factor in
 * force, index 0 = fromBucket.
 * Edge: rate 4000/h without maintenance gives 1000 per bucket; maintenance [10:05, 10:10) with factor 0 in that
 * bucket gives 1000 * 10/15. In the autumn double hour both real hours use the rate of Sunday 02:00 local.
 * A schedule's period starts on a bucket boundary, so a bucket has one profile.
 */
export function capacityByBucket(profile: CapacityInForce, maintenance: readonly MaintenanceWindow[], fromBucket: number, toBucket: number): Float64Array {
  const schedule = capacityScheduleOf(profile);
  for (const p of schedule) capacityProfileCheck(p.profile);
  const n = bucketRangeLength(fromBucket, toBucket);
  const out = new Float64Array(n);
  if (n === 0) return out;
  const fromHour = Math.floor(fromBucket / 4);
  const hourOfWeek = amsterdamHourOfWeekByUtcHour(fromHour, Math.floor((toBucket - 1) / 4) + 1);
  // The hourly rate of each bucket, from the profile in force there: one lookup per hour, not per bucket.
  const rate = new Float64Array(n);
  for (const piece of capacitySchedulePieces(schedule, fromBucket, toBucket)) {
    const rates = piece.period.profile;
    let i = piece.from;
    while (i < piece.to) {
      const hour = Math.floor((fromBucket + i) / 4);
      const r = rates[hourOfWeek[hour - fromHour]!]!;
      const end = Math.min(piece.to, (hour + 1) * 4 - fromBucket);
      const quarter = r / 4;
      for (; i < end; i++) {
        rate[i] = r;
        out[i] = quarter;
      }
    }
  }
  const rateAt = (i: number): number => rate[i]!;

  const segments = maintenanceSegments(maintenance);
  if (segments.length === 0) return out;
  const rangeStart = fromBucket * BUCKET_MS;
  const rangeEnd = toBucket * BUCKET_MS;
  // Per bucket: ms covered by maintenance, and those ms weighted by their factor. The segments are sorted and
  // disjoint, so the buckets come in order: one bucket is summed at a time, in the same order as before.
  let bucket = -1;
  let covered = 0;
  let weighted = 0;
  const flush = (): void => {
    if (bucket >= 0 && covered > 0) out[bucket] = (rateAt(bucket) * (weighted + (BUCKET_MS - covered))) / HOUR_MS;
  };
  for (const seg of segments) {
    const s = Math.max(seg.start, rangeStart);
    const e = Math.min(seg.end, rangeEnd);
    if (e <= s) continue;
    const last = Math.ceil(e / BUCKET_MS);
    for (let b = Math.floor(s / BUCKET_MS); b < last; b++) {
      if (b - fromBucket !== bucket) {
        flush();
        bucket = b - fromBucket;
        covered = 0;
        weighted = 0;
      }
      const bs = b * BUCKET_MS;
      const part = Math.min(e, bs + BUCKET_MS) - Math.max(s, bs);
      covered += part;
      weighted += seg.factor * part;
    }
  }
  flush();
  return out;
}
