import { BUCKET_MS } from './bucket.js';
import { amsterdamDayIso, amsterdamDayNumber, amsterdamDayStart } from '../time/local-time.js';
import { DAY_MS } from '../time/units.js';
import type { CapacityInForce, CapacityPeriod, CapacityProfile, CapacitySchedule } from './types.js';

/** A stored capacity profile as the schedule takes it: in force from local midnight of `effectiveFrom` (yyyy-mm-dd). */
export interface StoredCapacityProfile {
  id: number;
  effectiveFrom: string;
  ratesPerHour: CapacityProfile;
  threshold: number;
  warningLevel: number;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isSchedule(x: CapacityInForce): x is CapacitySchedule {
  return x.length > 0 && typeof x[0] === 'object';
}

/**
 * Returns `x` as a schedule: a plain profile becomes one period (since ever) with `levels`; a schedule is checked
 * (non-empty, `from` finite on a bucket boundary and strictly ascending; the first may be -Infinity).
 * Edge: a period without levels takes `levels`; a malformed schedule throws a RangeError.
 */
export function capacityScheduleOf(x: CapacityInForce, levels: { threshold?: number; warningLevel?: number } = {}): CapacitySchedule {
  if (!isSchedule(x)) return [{ from: -Infinity, profile: x as CapacityProfile, ...levels }];
  let previous = -Infinity;
  x.forEach((p, i) => {
    const first = i === 0 && p.from === -Infinity;
    if (!first && (!Number.isFinite(p.from) || p.from % BUCKET_MS !== 0)) {
      throw new RangeError(`period ${i} must start on a bucket boundary, got ${p.from}`);
    }
    if (i > 0 && !(p.from > previous)) throw new RangeError(`periods must start in ascending order, period ${i} does not`);
    previous = p.from;
  });
  return x.map((p) => ({ ...p, threshold: p.threshold ?? levels.threshold, warningLevel: p.warningLevel ?? levels.warningLevel }));
}

/**
 * Returns the index of the period in force at instant `ms`: the last whose `from` <= ms, else the first.
 * Edge: a period holds from its `from` inclusive, so at a boundary the new period is in force.
 */
export function capacityScheduleIndexAt(schedule: CapacitySchedule, ms: number): number {
  let lo = 0;
  let hi = schedule.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (schedule[mid]!.from <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Buckets [from, to) (indices relative to the range start) in which one period is in force. */
export interface CapacityPiece {
  from: number;
  to: number;
  period: CapacityPeriod;
}

/**
 * Returns the range [fromBucket, toBucket) cut into pieces by the period in force, in time order, covering it.
 * Edge: an empty range gives no pieces; a period that starts and ends outside the range gives none either.
 */
export function capacitySchedulePieces(schedule: CapacitySchedule, fromBucket: number, toBucket: number): CapacityPiece[] {
  const pieces: CapacityPiece[] = [];
  if (toBucket <= fromBucket) return pieces;
  let k = capacityScheduleIndexAt(schedule, fromBucket * BUCKET_MS);
  let at = fromBucket;
  while (at < toBucket) {
    const next = schedule[k + 1];
    const end = next ? Math.min(toBucket, next.from / BUCKET_MS) : toBucket;
    pieces.push({ from: at - fromBucket, to: end - fromBucket, period: schedule[k]! });
    at = end;
    k++;
  }
  return pieces;
}

/**
 * Returns local midnight (Europe/Amsterdam) that starts a date `yyyy-mm-dd`, as ms.
 * Edge: 2027-03-28 (spring DST Sunday) gives 2027-03-27T23:00Z; a malformed date throws a RangeError.
 */
export function capacityDateStart(date: string): number {
  const day = Date.parse(`${date}T00:00:00Z`);
  if (!DATE_RE.test(date) || Number.isNaN(day)) throw new RangeError(`not a date yyyy-mm-dd: ${date}`);
  return amsterdamDayStart(day / DAY_MS);
}

/**
 * Returns the Amsterdam date (yyyy-mm-dd) of an instant.
 * Edge: 2027-01-14T23:30Z gives '2027-01-15'.
 */
export function capacityDateOf(ms: number): string {
  return amsterdamDayIso(amsterdamDayNumber(ms));
}

/**
 * Returns the schedule of stored profiles: each date's last set profile (highest id) holds from that date's local
 * midnight until the next date's; the earliest date's profile also holds before it.
 * Edge: a profile set later for the same date replaces the earlier one from that date; an empty list throws.
 */
export function capacityScheduleFromProfiles(profiles: readonly StoredCapacityProfile[]): CapacitySchedule {
  if (profiles.length === 0) throw new RangeError('a schedule needs at least one profile');
  const winners = new Map<string, StoredCapacityProfile>();
  for (const p of profiles) {
    const held = winners.get(p.effectiveFrom);
    if (!held || p.id > held.id) winners.set(p.effectiveFrom, p);
  }
  return [...winners.values()]
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .map((p) => ({ id: p.id, from: capacityDateStart(p.effectiveFrom), profile: p.ratesPerHour, threshold: p.threshold, warningLevel: p.warningLevel }));
}

/**
 * Returns per stored profile the date until which it held (exclusive): the next date with a profile, null while
 * no later date has one; a profile replaced for its own date before it took effect gets its own date (held 0 days).
 * Edge: profiles dated 2027-01-01 (ids 1, 2) and 2027-02-01 (id 3): 1 → 2027-01-01, 2 → 2027-02-01, 3 → null.
 */
export function capacityProfilesUntil(profiles: readonly StoredCapacityProfile[]): Map<number, string | null> {
  const winner = new Map<string, number>();
  for (const p of profiles) if ((winner.get(p.effectiveFrom) ?? -Infinity) < p.id) winner.set(p.effectiveFrom, p.id);
  const dates = [...winner.keys()].sort();
  const out = new Map<number, string | null>();
  for (const p of profiles) {
    if (winner.get(p.effectiveFrom) !== p.id) out.set(p.id, p.effectiveFrom);
    else out.set(p.id, dates[dates.indexOf(p.effectiveFrom) + 1] ?? null);
  }
  return out;
}
