/**
 * Brute-force references for the property tests and the benchmark: the most direct reading of each definition,
 * with per-bucket loops and an independent time-zone path (@date-fns/tz instead of the cached Intl offsets).
 * Not exported from the package.
 */
import { TZDate } from '@date-fns/tz';
import { BUCKET_MS } from './bucket.js';
import { DEFAULT_THRESHOLD, DEFAULT_WARNING_LEVEL } from './levels.js';
import { DEFAULT_SEND_HOURS, type SendHours } from './send-hours.js';
import type { MoveSuggestion, SplitSuggestion } from './suggestions.js';
import { HOUR_MS } from '../time/units.js';
import { AMSTERDAM_TIME_ZONE } from '../time/zone.js';
import { loadExceeds } from './tolerance.js';
import type { CapacityInForce, CapacityPeriod, CapacityProfile, ConflictObjects, MaintenanceWindow, PlanWindow } from './types.js';

const ZONE = AMSTERDAM_TIME_ZONE;

/** Local hour of week (0 = Monday 00:00) through @date-fns/tz. Edge: no caching, about 8 us a call. */
export function hourOfWeekBrute(ms: number): number {
  const d = new TZDate(ms, ZONE);
  return ((d.getDay() + 6) % 7) * 24 + d.getHours();
}

/** Local minutes since midnight through @date-fns/tz. Edge: both passes of the autumn double hour give 120-180. */
export function minuteOfDayBrute(ms: number): number {
  const d = new TZDate(ms, ZONE);
  return d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60 + d.getMilliseconds() / 60_000;
}

function counts(w: PlanWindow): boolean {
  return w.status !== 'geannuleerd' && w.end > w.start && w.volume > 0;
}

function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}

/** Messages of one window in [from, to): volume times the covered fraction. */
function windowLoadIn(w: PlanWindow, from: number, to: number): number {
  return counts(w) ? (w.volume * overlap(w.start, w.end, from, to)) / (w.end - w.start) : 0;
}

/**
 * Returns the load per bucket by checking every window against every bucket: O(windows x buckets).
 * Edge: cancelled and empty windows add 0, like in loadByBucket.
 */
export function loadByBucketBrute(windows: readonly PlanWindow[], fromBucket: number, toBucket: number): Float64Array {
  const out = new Float64Array(toBucket - fromBucket);
  for (let b = fromBucket; b < toBucket; b++) {
    let sum = 0;
    for (const w of windows) sum += windowLoadIn(w, b * BUCKET_MS, (b + 1) * BUCKET_MS);
    out[b - fromBucket] = sum;
  }
  return out;
}

/**
 * Returns the profile and levels in force at an instant by scanning every period: the one with the latest `from`
 * at or before `ms`, else the earliest period; a plain profile holds always (with the given levels).
 * Edge: a period starting exactly at `ms` is in force at `ms`.
 */
export function periodAtBrute(x: CapacityInForce, ms: number, levels: { threshold?: number; warningLevel?: number } = {}): CapacityPeriod {
  if (x.length === 0 || typeof x[0] === 'number') return { from: -Infinity, profile: x as CapacityProfile, ...levels };
  const periods = x as readonly CapacityPeriod[];
  let best: CapacityPeriod | null = null;
  let earliest = periods[0]!;
  for (const p of periods) {
    if (p.from < earliest.from) earliest = p;
    if (p.from <= ms && (best === null || p.from > best.from)) best = p;
  }
  const found = best ?? earliest;
  return { ...found, threshold: found.threshold ?? levels.threshold, warningLevel: found.warningLevel ?? levels.warningLevel };
}

/**
 * Returns one bucket's capacity: rate times factor integrated piece by piece, cut at every maintenance boundary.
 * Edge: the factor of a piece is the minimum over all maintenance windows covering its start (1 when none); the
 * rate is that of the profile in force at the piece's start (periods start on bucket boundaries).
 */
export function capacityOfBucketBrute(inForce: CapacityInForce, maintenance: readonly MaintenanceWindow[], bucket: number): number {
  const start = bucket * BUCKET_MS;
  const end = start + BUCKET_MS;
  const cuts = new Set<number>([start, end]);
  for (const m of maintenance) {
    if (m.start > start && m.start < end) cuts.add(m.start);
    if (m.end > start && m.end < end) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let total = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k]!;
    const to = points[k + 1]!;
    let factor = 1;
    for (const m of maintenance) if (m.start <= from && from < m.end) factor = Math.min(factor, m.factor);
    // A bucket lies inside one local hour (local-time.test.ts checks this for 2026-2027 through @date-fns/tz).
    total += (periodAtBrute(inForce, from).profile[hourOfWeekBrute(from)]! * factor * (to - from)) / HOUR_MS;
  }
  return total;
}

/** Returns capacityOfBucketBrute for every bucket of the range. Edge: an empty range gives an empty array. */
export function capacityByBucketBrute(profile: CapacityInForce, maintenance: readonly MaintenanceWindow[], fromBucket: number, toBucket: number): Float64Array {
  const out = new Float64Array(toBucket - fromBucket);
  for (let b = fromBucket; b < toBucket; b++) out[b - fromBucket] = capacityOfBucketBrute(profile, maintenance, b);
  return out;
}

/** Returns the backlog by the recurrence written out. Edge: the same tolerance rule as backlogByBucket. */
export function backlogByBucketBrute(load: ArrayLike<number>, capacity: ArrayLike<number>): Float64Array {
  const out = new Float64Array(load.length);
  for (let i = 0; i < load.length; i++) {
    const waiting = (i === 0 ? 0 : out[i - 1]!) + load[i]!;
    out[i] = loadExceeds(waiting, capacity[i]!) ? waiting - capacity[i]! : 0;
  }
  return out;
}

export interface BruteInput {
  windows: readonly PlanWindow[];
  profile: CapacityInForce;
  maintenance: readonly MaintenanceWindow[];
  fromBucket: number;
  toBucket: number;
  threshold?: number;
  warningLevel?: number;
}

/**
 * Returns conflicts straight from the definition: per-bucket loops, every window checked against every run; each
 * conflict's windows as objects (the object form of conflictsDetect's columns).
 * Edge: same semantics as conflictsDetect (see README.md), including the drain search from the run's last bucket.
 */
export function conflictsDetectBrute(input: BruteInput): {
  conflicts: ConflictObjects[];
  warningBuckets: number;
  load: Float64Array;
  capacity: Float64Array;
  backlog: Float64Array;
} {
  const { windows, fromBucket, toBucket } = input;
  const levels = { threshold: input.threshold, warningLevel: input.warningLevel };
  const n = toBucket - fromBucket;
  const load = loadByBucketBrute(windows, fromBucket, toBucket);
  const capacity = capacityByBucketBrute(input.profile, input.maintenance, fromBucket, toBucket);
  const backlog = backlogByBucketBrute(load, capacity);
  const levelsAt = (i: number) => periodAtBrute(input.profile, (fromBucket + i) * BUCKET_MS, levels);
  const over = (i: number) => loadExceeds(load[i]!, capacity[i]! * (levelsAt(i).threshold ?? DEFAULT_THRESHOLD));
  let warningBuckets = 0;
  for (let i = 0; i < n; i++) if (!over(i) && loadExceeds(load[i]!, capacity[i]! * (levelsAt(i).warningLevel ?? DEFAULT_WARNING_LEVEL))) warningBuckets++;

  const conflicts: ConflictObjects[] = [];
  for (let i = 0; i < n; ) {
    if (!over(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && over(j)) j++;
    const start = (fromBucket + i) * BUCKET_MS;
    const end = (fromBucket + j) * BUCKET_MS;
    const involved = [];
    for (const w of windows) {
      let inRun = 0;
      for (let b = i; b < j; b++) inRun += windowLoadIn(w, (fromBucket + b) * BUCKET_MS, (fromBucket + b + 1) * BUCKET_MS);
      if (inRun > 0) involved.push({ afnemer: w.afnemer, kenmerk: w.kenmerk, id: w.id, load: inRun });
    }
    involved.sort((x, y) => y.load - x.load || x.id - y.id);
    let peak: number | null = 0;
    let excess = 0;
    for (let b = i; b < j; b++) {
      if (capacity[b] === 0) peak = null;
      else if (peak !== null) peak = Math.max(peak, load[b]! / capacity[b]!);
      excess += Math.max(0, load[b]! - capacity[b]!);
    }
    let drain: number | null = null;
    let peakBacklog = 0;
    for (let b = i; b < n; b++) {
      peakBacklog = Math.max(peakBacklog, backlog[b]!);
      if (b >= j - 1 && backlog[b] === 0) {
        drain = b;
        break;
      }
    }
    const drainedAt = drain === null ? null : (fromBucket + drain + 1) * BUCKET_MS;
    conflicts.push({
      start,
      end,
      fromBucket: fromBucket + i,
      toBucket: fromBucket + j,
      windows: involved,
      afnemers: [...new Set(involved.map((w) => w.afnemer))].sort(),
      peakUtilization: peak,
      excessMessages: excess,
      peakBacklog,
      drainedAt,
      delayMs: drainedAt === null ? null : drainedAt - end,
    });
    i = j;
  }
  return { conflicts, warningBuckets, load, capacity, backlog };
}

export interface SuggestionBruteInput {
  windows: readonly PlanWindow[];
  profile: CapacityInForce;
  maintenance: readonly MaintenanceWindow[];
  now: number;
  threshold?: number;
  horizonMs?: number;
  sendHours?: SendHours | null;
}

/**
 * Returns suggestions for one window straight from the definition: every aligned start in the horizon is tried by
 * recomputing the load of every bucket the moved window touches from all windows; null for an unknown window.
 * Edge: the split is the pair of valid half starts minimising (rank of the farther, rank of the nearer) part.
 */
export function suggestionsForWindowBrute(
  windowId: number,
  input: SuggestionBruteInput,
): { earlier: MoveSuggestion | null; later: MoveSuggestion | null; split: SplitSuggestion | null } | null {
  const w = input.windows.find((x) => x.id === windowId && counts(x));
  if (!w) return null;
  const thresholdAt = (b: number) => periodAtBrute(input.profile, b * BUCKET_MS, { threshold: input.threshold }).threshold ?? DEFAULT_THRESHOLD;
  const horizonMs = input.horizonMs ?? 14 * 24 * HOUR_MS;
  const sendHours = input.sendHours === undefined ? DEFAULT_SEND_HOURS : input.sendHours;
  const others = input.windows.filter((x) => x !== w);
  const duration = w.end - w.start;
  const capacityCache = new Map<number, number>();
  const capacityOf = (b: number): number => {
    let c = capacityCache.get(b);
    if (c === undefined) {
      c = capacityOfBucketBrute(input.profile, input.maintenance, b);
      capacityCache.set(b, c);
    }
    return c;
  };
  const allowedAt = (b: number): boolean => {
    if (sendHours === null) return true;
    const m = minuteOfDayBrute(b * BUCKET_MS);
    const from = sendHours.from * 60;
    const to = sendHours.to * 60;
    return from <= to ? m >= from && m < to : m >= from || m < to;
  };
  const inConstraints = (c: number): boolean => {
    const start = c * BUCKET_MS;
    if (Math.abs(start - w.start) > horizonMs || start < input.now) return false;
    if (w.earliestStart != null && start < w.earliestStart) return false;
    if (w.latestEnd != null && start + duration > w.latestEnd) return false;
    for (let b = c; b * BUCKET_MS < start + duration; b++) if (!allowedAt(b)) return false;
    return true;
  };
  const placed = (c: number, volume: number, id: number): PlanWindow => ({
    ...w,
    id,
    start: c * BUCKET_MS,
    end: c * BUCKET_MS + duration,
    volume,
  });
  /** Every bucket touched by one of `moved` stays within capacity * threshold with all others present. */
  const fits = (moved: PlanWindow[]): boolean => {
    const all = [...others, ...moved];
    const touched = new Set<number>();
    for (const m of moved) for (let b = Math.floor(m.start / BUCKET_MS); b * BUCKET_MS < m.end; b++) touched.add(b);
    for (const b of touched) {
      let sum = 0;
      for (const x of all) sum += windowLoadIn(x, b * BUCKET_MS, (b + 1) * BUCKET_MS);
      if (loadExceeds(sum, capacityOf(b) * thresholdAt(b))) return false;
    }
    return true;
  };
  const cLow = Math.floor((w.start - horizonMs) / BUCKET_MS) - 1;
  const cHigh = Math.ceil((w.start + horizonMs) / BUCKET_MS) + 1;
  const move = (c: number): MoveSuggestion => ({ start: c * BUCKET_MS, end: c * BUCKET_MS + duration, shiftMs: c * BUCKET_MS - w.start });

  let earlier: MoveSuggestion | null = null;
  for (let c = cHigh; c >= cLow; c--) {
    if (c * BUCKET_MS < w.start && inConstraints(c) && fits([placed(c, w.volume, w.id)])) {
      earlier = move(c);
      break;
    }
  }
  let later: MoveSuggestion | null = null;
  for (let c = cLow; c <= cHigh; c++) {
    if (c * BUCKET_MS > w.start && inConstraints(c) && fits([placed(c, w.volume, w.id)])) {
      later = move(c);
      break;
    }
  }

  // Split: all valid half starts, ranked by distance (ties: earlier first); the pair minimising (worse rank, better rank).
  const halves: number[] = [];
  for (let c = cLow; c <= cHigh; c++) if (inConstraints(c) && fits([placed(c, w.volume / 2, w.id)])) halves.push(c);
  halves.sort((a, b) => Math.abs(a * BUCKET_MS - w.start) - Math.abs(b * BUCKET_MS - w.start) || a - b);
  let best: [number, number] | null = null;
  for (let q = 0; q < halves.length && best === null; q++) {
    for (let p = 0; p < q; p++) {
      const a = halves[p]!;
      const b = halves[q]!;
      if (Math.abs(a - b) * BUCKET_MS < duration) continue;
      if (!fits([placed(a, w.volume / 2, w.id), placed(b, w.volume / 2, -w.id - 1)])) continue;
      best = [Math.min(a, b), Math.max(a, b)];
      break;
    }
  }
  const split: SplitSuggestion | null =
    best === null
      ? null
      : {
          parts: [
            { start: best[0] * BUCKET_MS, end: best[0] * BUCKET_MS + duration, volume: w.volume / 2, shiftMs: best[0] * BUCKET_MS - w.start },
            { start: best[1] * BUCKET_MS, end: best[1] * BUCKET_MS + duration, volume: w.volume / 2, shiftMs: best[1] * BUCKET_MS - w.start },
          ],
        };
  return { earlier, later, split };
}
