import { backlogByBucket } from './backlog.js';
import { BUCKET_MS, bucketRangeLength } from './bucket.js';
import { capacityByBucket } from './capacity.js';
import { capacityScheduleOf, capacitySchedulePieces } from './capacity-schedule.js';
import { loadByBucket, windowCounts } from './load.js';
import { DEFAULT_THRESHOLD, DEFAULT_WARNING_LEVEL } from './levels.js';
import { loadExceeds } from './tolerance.js';
import type { CapacityInForce, CapacitySchedule, Conflict, ConflictWindow, MaintenanceWindow, PlanWindow, WarningRun } from './types.js';

export const BUCKET_OK = 0;
export const BUCKET_WARNING = 1;
export const BUCKET_OVERLOADED = 2;
export type BucketState = typeof BUCKET_OK | typeof BUCKET_WARNING | typeof BUCKET_OVERLOADED;

/** Fractions of capacity: overloaded above `threshold` (default 1), warning above `warningLevel` (default 0.8). */
export interface LoadLevels {
  threshold?: number;
  warningLevel?: number;
}

function levelsOf(levels: LoadLevels): { threshold: number; warningLevel: number } {
  const threshold = levels.threshold ?? DEFAULT_THRESHOLD;
  const warningLevel = levels.warningLevel ?? DEFAULT_WARNING_LEVEL;
  if (!Number.isFinite(threshold) || threshold < 0) throw new RangeError(`threshold must be >= 0, got ${threshold}`);
  if (!Number.isFinite(warningLevel) || warningLevel < 0) {
    throw new RangeError(`warningLevel must be >= 0, got ${warningLevel}`);
  }
  return { threshold, warningLevel };
}

/**
 * Returns per bucket BUCKET_OVERLOADED when load > capacity * threshold, else BUCKET_WARNING when
 * load > capacity * warningLevel, else BUCKET_OK (comparisons through loadExceeds).
 * Edge: load exactly capacity * threshold is not overloaded; with capacity 0 any positive load is overloaded.
 */
export function bucketStates(load: ArrayLike<number>, capacity: ArrayLike<number>, levels: LoadLevels = {}): Uint8Array {
  if (load.length !== capacity.length) {
    throw new RangeError(`load and capacity differ in length: ${load.length} vs ${capacity.length}`);
  }
  const { threshold, warningLevel } = levelsOf(levels);
  const out = new Uint8Array(load.length);
  for (let i = 0; i < load.length; i++) {
    const l = load[i]!;
    const c = capacity[i]!;
    if (loadExceeds(l, c * threshold)) out[i] = BUCKET_OVERLOADED;
    else if (loadExceeds(l, c * warningLevel)) out[i] = BUCKET_WARNING;
  }
  return out;
}

/**
 * Returns bucketStates per bucket with the levels of the schedule's period in force there, index 0 = fromBucket.
 * Edge: a period without levels uses the defaults (threshold 1, warning level 0.8).
 */
export function bucketStatesBySchedule(load: ArrayLike<number>, capacity: ArrayLike<number>, fromBucket: number, schedule: CapacitySchedule): Uint8Array {
  if (load.length !== capacity.length) {
    throw new RangeError(`load and capacity differ in length: ${load.length} vs ${capacity.length}`);
  }
  const out = new Uint8Array(load.length);
  for (const piece of capacitySchedulePieces(capacityScheduleOf(schedule), fromBucket, fromBucket + load.length)) {
    const cut = (xs: ArrayLike<number>): ArrayLike<number> =>
      xs instanceof Float64Array ? xs.subarray(piece.from, piece.to) : Array.prototype.slice.call(xs, piece.from, piece.to);
    out.set(bucketStates(cut(load), cut(capacity), piece.period), piece.from);
  }
  return out;
}

export interface ConflictsInput extends LoadLevels {
  windows: readonly PlanWindow[];
  /** One profile (with `threshold` and `warningLevel` of the input), or a schedule whose periods carry their own. */
  profile: CapacityInForce;
  maintenance: readonly MaintenanceWindow[];
  fromBucket: number;
  toBucket: number;
}

export interface ConflictsResult {
  fromBucket: number;
  toBucket: number;
  /** Overload runs in time order. */
  conflicts: Conflict[];
  /** Runs of warning buckets (above warningLevel, not overloaded) in time order. */
  warnings: WarningRun[];
  overloadedBuckets: number;
  warningBuckets: number;
  /** Per bucket, index 0 = fromBucket. */
  load: Float64Array;
  capacity: Float64Array;
  backlog: Float64Array;
  states: Uint8Array;
}

/** Maximal runs [from, to) (indices) of buckets in the given state. */
function runsOf(states: Uint8Array, state: BucketState): [number, number][] {
  const runs: [number, number][] = [];
  const n = states.length;
  let i = 0;
  while (i < n) {
    if (states[i] !== state) {
      i++;
      continue;
    }
    const from = i;
    while (i < n && states[i] === state) i++;
    runs.push([from, i]);
  }
  return runs;
}

/** Indices of the counting windows that reach into the range, ordered by (clipped) start bucket: a counting sort. */
function windowsByStartBucket(windows: readonly PlanWindow[], fromBucket: number, n: number): { list: PlanWindow[]; order: Int32Array } {
  const rangeStart = fromBucket * BUCKET_MS;
  const rangeEnd = (fromBucket + n) * BUCKET_MS;
  const list: PlanWindow[] = [];
  for (const w of windows) if (windowCounts(w) && w.start < rangeEnd && w.end > rangeStart) list.push(w);
  const startIndex = new Int32Array(list.length);
  const counts = new Int32Array(n + 1);
  for (let k = 0; k < list.length; k++) {
    const rel = Math.max(0, Math.floor(list[k]!.start / BUCKET_MS) - fromBucket);
    startIndex[k] = rel;
    counts[rel + 1]!++;
  }
  for (let i = 0; i < n; i++) counts[i + 1]! += counts[i]!;
  const order = new Int32Array(list.length);
  for (let k = 0; k < list.length; k++) order[counts[startIndex[k]!]!++] = k;
  return { list, order };
}

/**
 * Returns the conflicts (maximal runs of overloaded buckets) in [fromBucket, toBucket), with the windows and
 * Afnemers involved, peak utilization, excess and backlog figures, plus warning runs and the per-bucket series.
 * Edge: back-to-back windows never share a bucket's time, so they only conflict if one alone overloads; a run
 * touching the range end is reported as cut there; a bucket with capacity 0 and any load is overloaded and makes
 * the conflict's peakUtilization null.
 */
export function conflictsDetect(input: ConflictsInput): ConflictsResult {
  const { windows, profile, maintenance, fromBucket, toBucket } = input;
  const n = bucketRangeLength(fromBucket, toBucket);
  const levels = levelsOf(input);
  const schedule = capacityScheduleOf(profile, levels);
  const load = loadByBucket(windows, fromBucket, toBucket);
  const capacity = capacityByBucket(schedule, maintenance, fromBucket, toBucket);
  const backlog = backlogByBucket(load, capacity);
  const states = bucketStatesBySchedule(load, capacity, fromBucket, schedule);

  const overloadRuns = runsOf(states, BUCKET_OVERLOADED);
  const warningRuns = runsOf(states, BUCKET_WARNING);
  let overloadedBuckets = 0;
  for (const [a, b] of overloadRuns) overloadedBuckets += b - a;
  let warningBuckets = 0;
  const warnings: WarningRun[] = warningRuns.map(([a, b]) => {
    warningBuckets += b - a;
    let peak = 0;
    for (let i = a; i < b; i++) peak = Math.max(peak, load[i]! / capacity[i]!);
    return {
      start: (fromBucket + a) * BUCKET_MS,
      end: (fromBucket + b) * BUCKET_MS,
      fromBucket: fromBucket + a,
      toBucket: fromBucket + b,
      peakUtilization: peak,
    };
  });

  const conflicts: Conflict[] = [];
  if (overloadRuns.length > 0) {
    const { list, order } = windowsByStartBucket(windows, fromBucket, n);
    // Next index at or after i with backlog 0 (-1: none), for the drain of each run.
    const nextZero = new Int32Array(n);
    let zero = -1;
    for (let i = n - 1; i >= 0; i--) {
      if (backlog[i] === 0) zero = i;
      nextZero[i] = zero;
    }
    // Sliding maximum of the backlog over [run start, drain]: both ends only move right from run to run.
    const deque = new Int32Array(n);
    let head = 0;
    let tail = 0;
    let pushed = 0;

    let next = 0;
    let active: PlanWindow[] = [];
    for (const [a, b] of overloadRuns) {
      const start = (fromBucket + a) * BUCKET_MS;
      const end = (fromBucket + b) * BUCKET_MS;
      while (next < order.length) {
        const w = list[order[next]!]!;
        if (w.start >= end) break;
        active.push(w);
        next++;
      }
      // Runs only move forward in time: a window that ended before this run is done for good.
      const kept: PlanWindow[] = [];
      const involved: ConflictWindow[] = [];
      for (const w of active) {
        if (w.end <= start) continue;
        kept.push(w);
        const part = Math.min(w.end, end) - Math.max(w.start, start);
        involved.push({ afnemer: w.afnemer, kenmerk: w.kenmerk, id: w.id, load: (w.volume * part) / (w.end - w.start) });
      }
      active = kept;
      involved.sort((x, y) => y.load - x.load || x.id - y.id);
      const afnemers = [...new Set(involved.map((w) => w.afnemer))].sort();

      let peak: number | null = 0;
      let excess = 0;
      for (let i = a; i < b; i++) {
        const c = capacity[i]!;
        if (c === 0) peak = null;
        else if (peak !== null) peak = Math.max(peak, load[i]! / c);
        if (load[i]! > c) excess += load[i]! - c;
      }

      const drainIndex = nextZero[b - 1]!;
      const last = drainIndex === -1 ? n - 1 : drainIndex;
      for (; pushed <= last; pushed++) {
        while (tail > head && backlog[deque[tail - 1]!]! <= backlog[pushed]!) tail--;
        deque[tail++] = pushed;
      }
      while (deque[head]! < a) head++;
      const drainedAt = drainIndex === -1 ? null : (fromBucket + drainIndex + 1) * BUCKET_MS;

      conflicts.push({
        start,
        end,
        fromBucket: fromBucket + a,
        toBucket: fromBucket + b,
        windows: involved,
        afnemers,
        peakUtilization: peak,
        excessMessages: excess,
        peakBacklog: backlog[deque[head]!]!,
        drainedAt,
        delayMs: drainedAt === null ? null : drainedAt - end,
      });
    }
  }
  return {
    fromBucket,
    toBucket,
    conflicts,
    warnings,
    overloadedBuckets,
    warningBuckets,
    load,
    capacity,
    backlog,
    states,
  };
}
