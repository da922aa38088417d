import { BUCKET_MS, bucketRangeLength } from './bucket.js';
import type { PlanWindow } from './types.js';

/**
 * Returns true when the window carries load: not cancelled, end > start and a positive, finite volume.
 * Edge: a 'concept' window counts; a 'geannuleerd' one, or one with end === start, does not.
 */
export function windowCounts(window: PlanWindow): boolean {
  if (window.status === 'geannuleerd') return false;
  const { start, end, volume } = window;
  // Each field read once; `x > -Infinity` and `x < Infinity` are false for NaN, as Number.isFinite is.
  return end > start && volume > 0 && volume < Infinity && start > -Infinity && end < Infinity;
}

const Q = BUCKET_MS;

/** The counting windows that reach into a bucket range, as typed arrays: entry k is `windows[index[k]]`. */
export interface PackedWindows {
  count: number;
  index: Int32Array;
  id: Float64Array;
  start: Float64Array;
  end: Float64Array;
  volume: Float64Array;
}

/** The arrays for packing m windows: those of `reuse` where they are long enough (no allocation), new ones otherwise. */
export function packedArrays(m: number, reuse: PackedWindows | undefined): Omit<PackedWindows, 'count'> {
  if (reuse !== undefined && reuse.index.length >= m) return reuse;
  return { index: new Int32Array(m), id: new Float64Array(m), start: new Float64Array(m), end: new Float64Array(m), volume: new Float64Array(m) };
}

/**
 * Returns the counting windows (see windowCounts) that overlap [fromBucket, toBucket), read once into typed arrays
 * in input order, so that the passes after it touch no objects. `include` narrows the windows further. With `reuse`,
 * its arrays are filled instead of new ones where they are long enough (a caller that packs again and again, such as
 * detection, then allocates nothing: 14 MB of new arrays per pass of 500,000 windows made the garbage collector run).
 * Edge: a window that only touches the range (ends at its start) is left out; the arrays may be longer than `count`.
 */
export function windowsPack(
  windows: readonly PlanWindow[],
  fromBucket: number,
  toBucket: number,
  include?: (window: PlanWindow) => boolean,
  reuse?: PackedWindows,
): PackedWindows {
  const m = windows.length;
  const { index, id, start, end, volume } = packedArrays(m, reuse);
  const rangeStart = fromBucket * Q;
  const rangeEnd = toBucket * Q;
  let count = 0;
  for (let k = 0; k < m; k++) {
    const w = windows[k]!;
    if (!windowCounts(w) || w.start >= rangeEnd || w.end <= rangeStart || (include !== undefined && !include(w))) continue;
    index[count] = k;
    id[count] = w.id;
    start[count] = w.start;
    end[count] = w.end;
    volume[count] = w.volume;
    count++;
  }
  return { count, index, id, start, end, volume };
}

/** windowCounts on a window's numbers, and whether it overlaps [rangeStart, rangeEnd). */
function countsInRange(s: number, e: number, v: number, rangeStart: number, rangeEnd: number): boolean {
  // `x > -Infinity` and `x < Infinity` are false for NaN.
  return e > s && v > 0 && v < Infinity && s > -Infinity && e < Infinity && s < rangeEnd && e > rangeStart;
}

/** A RangeError for packed window k that does not count in the range (see loadOfPacked's `check`). */
function notCounting(k: number): RangeError {
  return new RangeError(`packed window column ${k} does not count in the range`);
}

/**
 * Returns loadByBucket of packed windows (windowsPack of the same range). With `firstBucket` (at least `count` long),
 * entry k receives the index (0 = fromBucket) of packed window k's first bucket in the range, so that a later pass
 * over the same windows (detection's windowsByRun) need not divide again. With `check`, the packed numbers come from a
 * caller (detection reading the worker's columns in place) and each window is checked, in the same pass, to count
 * (windowCounts' numbers) and to overlap the range: a RangeError otherwise.
 * Edge: an empty range gives an empty array.
 */
export function loadOfPacked(packed: PackedWindows, fromBucket: number, toBucket: number, firstBucket?: Int32Array, check = false): Float64Array {
  const n = bucketRangeLength(fromBucket, toBucket);
  const out = new Float64Array(n);
  if (n === 0) {
    if (check) {
      for (let k = 0; k < packed.count; k++) {
        if (!countsInRange(packed.start[k]!, packed.end[k]!, packed.volume[k]!, fromBucket * Q, toBucket * Q)) throw notCounting(k);
      }
    }
    return out;
  }
  // diff holds the load of each fully covered bucket as +x at its first and -x after its last full bucket;
  // active counts windows in the same way, so the running sum is reset to an exact 0 where none is active.
  const diff = new Float64Array(n + 1);
  const active = new Int32Array(n + 1);
  const rangeStart = fromBucket * Q;
  const rangeEnd = toBucket * Q;
  const { count, start, end, volume } = packed;
  let anyFull = false;
  for (let k = 0; k < count; k++) {
    const ws = start[k]!;
    const we = end[k]!;
    const v = volume[k]!;
    if (check && !countsInRange(ws, we, v, rangeStart, rangeEnd)) throw notCounting(k);
    const s = Math.max(ws, rangeStart);
    const e = Math.min(we, rangeEnd);
    if (e <= s) continue;
    const duration = we - ws;
    const first = Math.floor(s / Q);
    const last = Math.ceil(e / Q) - 1;
    if (firstBucket !== undefined) firstBucket[k] = first - fromBucket;
    if (first === last) {
      out[first - fromBucket]! += (v * (e - s)) / duration;
      continue;
    }
    let fullFrom = first;
    const firstStart = first * Q;
    if (s !== firstStart) {
      out[first - fromBucket]! += (v * (firstStart + Q - s)) / duration;
      fullFrom = first + 1;
    }
    let fullTo = last + 1;
    const lastStart = last * Q;
    if (e !== lastStart + Q) {
      out[last - fromBucket]! += (v * (e - lastStart)) / duration;
      fullTo = last;
    }
    if (fullTo > fullFrom) {
      const full = (v * Q) / duration;
      diff[fullFrom - fromBucket]! += full;
      diff[fullTo - fromBucket]! -= full;
      active[fullFrom - fromBucket]!++;
      active[fullTo - fromBucket]!--;
      anyFull = true;
    }
  }
  if (!anyFull) return out;
  let running = 0;
  let live = 0;
  for (let i = 0; i < n; i++) {
    running += diff[i]!;
    live += active[i]!;
    if (live === 0) running = 0;
    out[i]! += running;
  }
  return out;
}

/**
 * Returns the messages of each bucket in [fromBucket, toBucket) (index 0 = fromBucket): every counting window
 * spreads its volume evenly, so bucket b gets volume * |window ∩ b| / |window|. `include` narrows the windows
 * further (e.g. by status). O(windows + buckets): full buckets go through a difference array.
 * Edge: a window of 1000 over [10:05, 10:20) gives 666.67 to 10:00 and 333.33 to 10:15; the parts of windows
 * outside the range are dropped; cancelled windows count nothing.
 */
export function loadByBucket(windows: readonly PlanWindow[], fromBucket: number, toBucket: number, include?: (window: PlanWindow) => boolean): Float64Array {
  bucketRangeLength(fromBucket, toBucket);
  return loadOfPacked(windowsPack(windows, fromBucket, toBucket, include), fromBucket, toBucket);
}

/**
 * Returns the load per bucket for each Afnemer (OIN -> loadByBucket of its windows), for per-Afnemer views.
 * Edge: with `afnemers` given, exactly those keys are present (all-zero arrays for ones without windows) and
 * other Afnemers are skipped; without it, only Afnemers with a counting window appear.
 */
export function loadByAfnemer(windows: readonly PlanWindow[], fromBucket: number, toBucket: number, afnemers?: readonly string[]): Map<string, Float64Array> {
  bucketRangeLength(fromBucket, toBucket);
  const groups = new Map<string, PlanWindow[]>();
  if (afnemers) for (const oin of afnemers) groups.set(oin, []);
  for (const w of windows) {
    if (!windowCounts(w)) continue;
    let group = groups.get(w.afnemer);
    if (group === undefined) {
      if (afnemers) continue;
      group = [];
      groups.set(w.afnemer, group);
    }
    group.push(w);
  }
  const out = new Map<string, Float64Array>();
  for (const [oin, group] of groups) out.set(oin, loadByBucket(group, fromBucket, toBucket));
  return out;
}

/**
 * Returns the load of one Afnemer's windows (`own`) and of all other Afnemers together (`rest`), per bucket.
 * Edge: an OIN without windows gives an all-zero `own`; `own[i] + rest[i]` is the total load of bucket i.
 */
export function loadOwnVsRest(
  windows: readonly PlanWindow[],
  fromBucket: number,
  toBucket: number,
  afnemer: string,
): { own: Float64Array; rest: Float64Array } {
  return {
    own: loadByBucket(windows, fromBucket, toBucket, (w) => w.afnemer === afnemer),
    rest: loadByBucket(windows, fromBucket, toBucket, (w) => w.afnemer !== afnemer),
  };
}

/**
 * Returns the load per bucket of 'concept' and of 'definitief' windows separately.
 * Edge: cancelled windows are in neither; `concept[i] + definitief[i]` is the total load of bucket i.
 */
export function loadByStatus(windows: readonly PlanWindow[], fromBucket: number, toBucket: number): { concept: Float64Array; definitief: Float64Array } {
  return {
    concept: loadByBucket(windows, fromBucket, toBucket, (w) => w.status === 'concept'),
    definitief: loadByBucket(windows, fromBucket, toBucket, (w) => w.status === 'definitief'),
  };
}
