import { backlogByBucket } from './backlog.js';
import { BUCKET_MS, bucketRangeLength } from './bucket.js';
import { capacityByBucket } from './capacity.js';
import { capacityScheduleOf, capacitySchedulePieces } from './capacity-schedule.js';
import { type AfnemerCoder, afnemerCoder } from './afnemer-codes.js';
import { loadOfPacked, packedArrays, type PackedWindows } from './load.js';
import { DEFAULT_THRESHOLD, DEFAULT_WARNING_LEVEL } from './levels.js';
import { type LoadOrderScratch, loadOrderScratch, orderByLoadDesc } from './order.js';
import { loadExceeds } from './tolerance.js';
import { type ConflictWindowSource, ConflictWindows } from './conflict-windows.js';
import type { CapacityInForce, CapacitySchedule, Conflict, MaintenanceWindow, PlanWindow, WarningRun } from './types.js';

const Q = BUCKET_MS;

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
  const lower = Math.min(threshold, warningLevel);
  for (let i = 0; i < load.length; i++) {
    const l = load[i]!;
    const c = capacity[i]!;
    // At or below both limits the bucket is ok (loadExceeds is false there), without the tolerance's arithmetic.
    if (l <= c * lower) continue;
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

/** Status codes of `DetectColumns.status`. */
export const WINDOW_CONCEPT = 0;
export const WINDOW_DEFINITIEF = 1;
export const WINDOW_GEANNULEERD = 2;

/**
 * The windows of a detection as columns (issue 16, decision 012, second pass): entry k is one window, its Afnemer a
 * code into `afnemers`, its status one of WINDOW_CONCEPT, WINDOW_DEFINITIEF, WINDOW_GEANNULEERD. Detection over
 * columns reads no object and looks no Afnemer up in a Map; `source[k]` (Afnemer and kenmerk of entry k) is only read
 * when a conflict window is turned into an object (ConflictWindows.at).
 */
export interface DetectColumns {
  id: Float64Array;
  start: Float64Array;
  end: Float64Array;
  volume: Float64Array;
  status: Uint8Array;
  afnemerCode: Int32Array;
  /** The distinct Afnemers (OIN); each code indexes this list. */
  afnemers: readonly string[];
  source: readonly ConflictWindowSource[];
}

export interface ConflictsColumnsInput extends Omit<ConflictsInput, 'windows'> {
  columns: DetectColumns;
  /**
   * The conflicts' window columns are views of arrays kept for the next detection, valid only until then (for a caller
   * that copies them at once, as the worker does: 9.5 MB of new arrays per detection at 500,000 windows kept the
   * garbage collector busy). Default false.
   */
  transient?: boolean;
  /**
   * Set when the columns are packed for this range already (windowsPackCoded, as the main thread sends them): every
   * entry counts (windowCounts) and overlaps [fromBucket, toBucket), and entry k is the window at position
   * `packedIndex[k]` of `columns.source`, which is then each conflict window's `index`. Detection reads the columns
   * in place instead of packing them again (it checks each entry and throws a RangeError for one that breaks this).
   */
  packedIndex?: Int32Array;
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

/** The Afnemers of the last detection in name order (see namesInOrder). */
let lastNames: { names: string[]; byName: string[]; rankOf: Int32Array } | undefined;

/**
 * The Afnemers in name order (by the engine's own string order, no comparator) and each code's rank in it; conflicts
 * then sort their Afnemers as numbers. Kept from the last detection while the list is the same, name for name (the
 * codes follow the windows' order, so a detection of the same planning gets the same list): sorting 600 names was 4%
 * of a detection of 50,000 windows.
 */
function namesInOrder(names: readonly string[]): { byName: string[]; rankOf: Int32Array } {
  const last = lastNames;
  if (last !== undefined && last.names.length === names.length) {
    let same = true;
    for (let c = 0; c < names.length && same; c++) same = last.names[c] === names[c];
    if (same) return last;
  }
  const codeOf = new Map<string, number>();
  for (let c = 0; c < names.length; c++) codeOf.set(names[c]!, c);
  const byName = names.slice().sort();
  const rankOf = new Int32Array(names.length);
  for (let rank = 0; rank < byName.length; rank++) rankOf[codeOf.get(byName[rank]!)!] = rank;
  lastNames = { names: names.slice(), byName, rankOf };
  return lastNames;
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

/**
 * Working arrays of detection, reused from one detection to the next (grown on demand, never shrunk; only the
 * conflicts' own columns are new each time). At 500,000 windows a detection otherwise allocated some 37 MB of typed
 * arrays, and that external memory set off garbage collections that marked the input's 500,000 window objects
 * (27% of the CPU time in the profile of decision 012). Nothing in here outlives a call of conflictsDetect.
 */
interface DetectScratch {
  packed: PackedWindows | undefined;
  /** Each packed window's Afnemer as a code (into the coder's list for objects, the columns' list for columns). */
  packedCode: Int32Array;
  nextRun: Int32Array;
  firstRun: Int32Array;
  firstBucket: Int32Array;
  /** windowsByRun's entries, ENTRY numbers each. */
  entries: Float64Array;
  /** One conflict's entries as columns (its ids and shares for the order, positions and Afnemer codes). */
  id: Float64Array;
  share: Float64Array;
  order: LoadOrderScratch;
  orderedId: Float64Array;
  orderedLoad: Float64Array;
  orderedPosition: Int32Array;
}

const scratch: DetectScratch = {
  packed: undefined,
  packedCode: new Int32Array(0),
  nextRun: new Int32Array(0),
  firstRun: new Int32Array(0),
  firstBucket: new Int32Array(0),
  entries: new Float64Array(0),
  id: new Float64Array(0),
  share: new Float64Array(0),
  order: loadOrderScratch(1),
  orderedId: new Float64Array(0),
  orderedLoad: new Float64Array(0),
  orderedPosition: new Int32Array(0),
};

const int32Of = (a: Int32Array, n: number): Int32Array => (a.length >= n ? a : new Int32Array(Math.max(n, Math.ceil(a.length * 1.5))));
const float64Of = (a: Float64Array, n: number): Float64Array => (a.length >= n ? a : new Float64Array(Math.max(n, Math.ceil(a.length * 1.5))));

/** Numbers per entry of windowsByRun: the window's id, its share of the run, its position and its Afnemer code. */
const ENTRY = 4;

/** Bytes per conflict window of a detection's result columns: its id and load (8 each) and its position (4). */
const RESULT_BYTES_PER_WINDOW = 20;

/**
 * The columns of all conflicts of one detection together, in conflict order, when they are what detection made
 * without `transient`: each conflict's windows then are consecutive stretches of one buffer (ids, then loads, then
 * positions), and this returns views of the whole stretches without copying. Otherwise (transient, or conflicts put
 * together by hand) undefined.
 */
export function resultColumnsOf(conflicts: readonly Conflict[]): { id: Float64Array; load: Float64Array; index: Int32Array } | undefined {
  if (conflicts.length === 0) return undefined;
  const first = conflicts[0]!.windows;
  const buffer = first.id.buffer;
  const base = first.id.byteOffset;
  let total = 0;
  for (const c of conflicts) total += c.windows.length;
  if (base !== 0 || buffer.byteLength !== total * RESULT_BYTES_PER_WINDOW) return undefined;
  let at = 0;
  for (const c of conflicts) {
    const w = c.windows;
    if (w.id.buffer !== buffer || w.load.buffer !== buffer || w.index.buffer !== buffer) return undefined;
    if (w.id.byteOffset !== at * 8 || w.load.byteOffset !== total * 8 + at * 8 || w.index.byteOffset !== total * 16 + at * 4) return undefined;
    at += w.length;
  }
  return {
    id: new Float64Array(buffer, 0, total),
    load: new Float64Array(buffer, total * 8, total),
    index: new Int32Array(buffer, total * 16, total),
  };
}

/**
 * The windows of each overload run, as one list in which run r holds the entries `offsets[r]..offsets[r + 1]`, each
 * ENTRY numbers: the window's id, its load inside the run (its share), its position in the input and its Afnemer (as a
 * code into `afnemers`), in the order of the packed windows. A window reaches the runs from the first one that does
 * not end before its first bucket, while they start before it ends; most reach none or one, so this is linear in the
 * windows. It reads only the packed arrays and the Afnemer codes packed beside them, never a window object.
 */
function windowsByRun(
  packed: PackedWindows,
  packedCode: Int32Array,
  firstBucket: Int32Array,
  runFrom: Int32Array,
  runTo: Int32Array,
  fromBucket: number,
  n: number,
): {
  offsets: Int32Array;
  entries: Float64Array;
} {
  const runs = runFrom.length;
  // The first run that does not end before bucket i.
  const nextRun = (scratch.nextRun = int32Of(scratch.nextRun, n));
  for (let i = 0, r = 0; i < n; i++) {
    while (r < runs && runTo[r]! <= i) r++;
    nextRun[i] = r;
  }
  const runStart = new Float64Array(runs);
  const runEnd = new Float64Array(runs);
  for (let r = 0; r < runs; r++) {
    runStart[r] = (fromBucket + runFrom[r]!) * Q;
    runEnd[r] = (fromBucket + runTo[r]!) * Q;
  }
  const { count, start, end, volume } = packed;
  // Per packed window: its first run, or -1 when it reaches none; and how many windows reach each run.
  const firstRun = (scratch.firstRun = int32Of(scratch.firstRun, count));
  const offsets = new Int32Array(runs + 1);
  for (let k = 0; k < count; k++) {
    let r = nextRun[firstBucket[k]!]!;
    const we = end[k]!;
    // Most windows end before the next run starts (the range's end is after every run's start).
    if (r >= runs || runStart[r]! >= we) {
      firstRun[k] = -1;
      continue;
    }
    firstRun[k] = r;
    for (; r < runs && runStart[r]! < we; r++) offsets[r + 1]!++;
  }
  for (let r = 0; r < runs; r++) offsets[r + 1]! += offsets[r]!;
  const total = offsets[runs]!;
  const fill = offsets.slice(0, runs);
  // One record of ENTRY numbers per entry (id, share, position, Afnemer code), so that placing an entry writes to one
  // place of its run's stretch instead of four arrays (the windows come in any order of time: 371 runs at 500,000).
  const entries = (scratch.entries = float64Of(scratch.entries, total * ENTRY));
  for (let k = 0; k < count; k++) {
    let r = firstRun[k]!;
    if (r < 0) continue;
    const we = end[k]!;
    const p = packed.index[k]!;
    // The Afnemer as packed with the window: no object is read here.
    const code = packedCode[k]!;
    const windowId = packed.id[k]!;
    const ws = start[k]!;
    const v = volume[k]!;
    for (; r < runs && runStart[r]! < we; r++) {
      const at = ENTRY * fill[r]!++;
      const part = Math.min(we, runEnd[r]!) - Math.max(ws, runStart[r]!);
      entries[at] = windowId;
      entries[at + 1] = (v * part) / (we - ws);
      entries[at + 2] = p;
      entries[at + 3] = code;
    }
  }
  return { offsets, entries };
}

/**
 * Per run r: the first index at or after its last bucket where the backlog is 0 (`drain`, -1 when none), and the
 * largest backlog from its first bucket up to that index (or the end). Runs are handled last to first: a run that
 * does not drain before the next one's last bucket drains where that one does, and takes its peak. Every bucket is
 * looked at most twice for the zero and the peak together, and no array of the range's length is needed.
 */
function drainsOf(backlog: Float64Array, runFrom: Int32Array, runTo: Int32Array): { drain: Int32Array; peakBacklog: Float64Array } {
  const runs = runFrom.length;
  const n = backlog.length;
  const drain = new Int32Array(runs);
  const peakBacklog = new Float64Array(runs);
  for (let r = runs - 1; r >= 0; r--) {
    const a = runFrom[r]!;
    const limit = r + 1 < runs ? runTo[r + 1]! - 1 : n;
    let d = -1;
    for (let i = runTo[r]! - 1; i < limit; i++) {
      if (backlog[i] === 0) {
        d = i;
        break;
      }
    }
    let peak = 0;
    if (d !== -1 || r + 1 === runs) {
      const last = d === -1 ? n - 1 : d;
      for (let i = a; i <= last; i++) if (backlog[i]! > peak) peak = backlog[i]!;
    } else {
      // No zero before the next run's last bucket: from there on it is the next run's drain and peak.
      const next = runFrom[r + 1]!;
      for (let i = a; i < next; i++) if (backlog[i]! > peak) peak = backlog[i]!;
      if (peakBacklog[r + 1]! > peak) peak = peakBacklog[r + 1]!;
      d = drain[r + 1]!;
    }
    drain[r] = d;
    peakBacklog[r] = peak;
  }
  return { drain, peakBacklog };
}

/**
 * Returns the conflicts (maximal runs of overloaded buckets) in [fromBucket, toBucket), with the windows and
 * Afnemers involved, peak utilization, excess and backlog figures, plus warning runs and the per-bucket series.
 * Edge: back-to-back windows never share a bucket's time, so they only conflict if one alone overloads; a run
 * touching the range end is reported as cut there; a bucket with capacity 0 and any load is overloaded and makes
 * the conflict's peakUtilization null.
 */
export function conflictsDetect(input: ConflictsInput): ConflictsResult {
  bucketRangeLength(input.fromBucket, input.toBucket);
  const coder = afnemerCoder();
  const m = input.windows.length;
  const arrays = packedArrays(m, scratch.packed);
  const code = (scratch.packedCode = int32Of(scratch.packedCode, m));
  const count = windowsPackCoded(input.windows, input.fromBucket, input.toBucket, { ...arrays, code }, coder);
  const packed = (scratch.packed = { ...arrays, count });
  return detectOfPacked(input, packed, code, input.windows, coder.afnemers);
}

/**
 * conflictsDetect over windows given as columns (what the worker receives): the same result, with each conflict
 * window's `index` an entry of the columns and `source` the columns' source. No window object is read or made.
 */
export function conflictsDetectColumns(input: ConflictsColumnsInput): ConflictsResult {
  bucketRangeLength(input.fromBucket, input.toBucket);
  if (input.packedIndex !== undefined) {
    // The caller's arrays, read in place: never kept as scratch (the next pack would write into them).
    const packed = columnsInPlace(input.columns, input.packedIndex);
    return detectOfPacked(input, packed, input.columns.afnemerCode, input.columns.source, input.columns.afnemers, true);
  }
  const packed = (scratch.packed = columnsPack(input.columns, input.fromBucket, input.toBucket, scratch.packed));
  return detectOfPacked(input, packed, scratch.packedCode, input.columns.source, input.columns.afnemers);
}

/** The arrays windowsPackCoded fills, at least as long as the windows. */
export interface PackedCodedArrays {
  index: Int32Array;
  id: Float64Array;
  start: Float64Array;
  end: Float64Array;
  volume: Float64Array;
  /** Each packed window's Afnemer as a code of the coder. */
  code: Int32Array;
  /** When given: each packed window's status, WINDOW_CONCEPT or WINDOW_DEFINITIEF. */
  status?: Uint8Array;
}

/**
 * windowsPack for detection, with each packed window's Afnemer code: one pass that reads each object's fields once
 * (status, start, end, volume, id, and the Afnemer of the windows kept), so that no later pass goes back to the
 * objects. The same windows as windowsPack (windowCounts, overlapping the range), in order; returns their count.
 * conflictsDetect packs with it, and so does the main thread for the worker (the columns then need no second pack).
 */
export function windowsPackCoded(windows: readonly PlanWindow[], fromBucket: number, toBucket: number, out: PackedCodedArrays, coder: AfnemerCoder): number {
  const m = windows.length;
  const { index, id, start, end, volume, code, status } = out;
  if (
    index.length < m ||
    id.length < m ||
    start.length < m ||
    end.length < m ||
    volume.length < m ||
    code.length < m ||
    (status !== undefined && status.length < m)
  ) {
    throw new RangeError('packing arrays shorter than the windows');
  }
  const rangeStart = fromBucket * Q;
  const rangeEnd = toBucket * Q;
  let count = 0;
  for (let k = 0; k < m; k++) {
    const w = windows[k]!;
    const state = w.status;
    if (state === 'geannuleerd') continue;
    const s = w.start;
    const e = w.end;
    const v = w.volume;
    // windowCounts; `x > -Infinity` and `x < Infinity` are false for NaN.
    if (!(e > s && v > 0 && v < Infinity && s > -Infinity && e < Infinity) || s >= rangeEnd || e <= rangeStart) continue;
    if (status !== undefined) status[count] = state === 'definitief' ? WINDOW_DEFINITIEF : WINDOW_CONCEPT;
    index[count] = k;
    id[count] = w.id;
    start[count] = s;
    end[count] = e;
    volume[count] = v;
    code[count] = coder.code(w.afnemer);
    count++;
  }
  return count;
}

/**
 * The columns of a windowsPackCoded pack as they are. Each entry is checked not to be cancelled here, and to count and
 * overlap the range by the load pass (loadOfPacked with `check`), which reads those numbers anyway.
 */
function columnsInPlace(c: DetectColumns, packedIndex: Int32Array): PackedWindows {
  const m = c.id.length;
  if (c.start.length !== m || c.end.length !== m || c.volume.length !== m || c.status.length !== m || c.afnemerCode.length !== m || packedIndex.length !== m) {
    throw new RangeError('window columns differ in length');
  }
  const { status } = c;
  for (let k = 0; k < m; k++) {
    if (status[k] === WINDOW_GEANNULEERD) throw new RangeError(`packed window column ${k} does not count in the range`);
  }
  return { count: m, index: packedIndex, id: c.id, start: c.start, end: c.end, volume: c.volume };
}

/** windowsPack of columns: the counting entries (see windowCounts) that overlap [fromBucket, toBucket), in order, with their Afnemer codes in scratch.packedCode. */
function columnsPack(c: DetectColumns, fromBucket: number, toBucket: number, reuse: PackedWindows | undefined): PackedWindows {
  const m = c.id.length;
  if (c.start.length !== m || c.end.length !== m || c.volume.length !== m || c.status.length !== m || c.afnemerCode.length !== m) {
    throw new RangeError('window columns differ in length');
  }
  const { index, id, start, end, volume } = packedArrays(m, reuse);
  const code = (scratch.packedCode = int32Of(scratch.packedCode, m));
  const rangeStart = fromBucket * Q;
  const rangeEnd = toBucket * Q;
  const { status, afnemerCode } = c;
  let count = 0;
  for (let k = 0; k < m; k++) {
    const s = c.start[k]!;
    const e = c.end[k]!;
    const v = c.volume[k]!;
    // windowCounts on columns; `x > -Infinity` and `x < Infinity` are false for NaN.
    if (status[k] === WINDOW_GEANNULEERD || !(e > s && v > 0 && v < Infinity && s > -Infinity && e < Infinity)) continue;
    if (s >= rangeEnd || e <= rangeStart) continue;
    index[count] = k;
    id[count] = c.id[k]!;
    start[count] = s;
    end[count] = e;
    volume[count] = v;
    code[count] = afnemerCode[k]!;
    count++;
  }
  return { count, index, id, start, end, volume };
}

function detectOfPacked(
  input: Omit<ConflictsInput, 'windows'>,
  packed: PackedWindows,
  /** Each packed window's Afnemer as a code into `names`. */
  packedCode: Int32Array,
  source: readonly ConflictWindowSource[],
  /** The distinct Afnemers. */
  names: readonly string[],
  /** The packed numbers are the caller's (columnsInPlace): the load pass checks that each window counts in the range. */
  check = false,
): ConflictsResult {
  const { profile, maintenance, fromBucket, toBucket } = input;
  const n = bucketRangeLength(fromBucket, toBucket);
  const levels = levelsOf(input);
  const schedule = capacityScheduleOf(profile, levels);
  // Each packed window's first bucket, kept from the load pass for windowsByRun.
  const firstBucket = (scratch.firstBucket = int32Of(scratch.firstBucket, packed.count));
  const load = loadOfPacked(packed, fromBucket, toBucket, firstBucket, check);
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
    const runFrom = Int32Array.from(overloadRuns, (r) => r[0]);
    const runTo = Int32Array.from(overloadRuns, (r) => r[1]);
    const byRun = windowsByRun(packed, packedCode, firstBucket, runFrom, runTo, fromBucket, n);
    const { offsets, entries } = byRun;
    // The conflicts' windows in their order, as columns: each conflict gets views of its stretch of these three.
    const total = offsets[overloadRuns.length]!;
    const transient = (input as ConflictsColumnsInput).transient === true;
    let orderedId: Float64Array;
    let orderedLoad: Float64Array;
    let orderedPosition: Int32Array;
    if (transient) {
      orderedId = scratch.orderedId = float64Of(scratch.orderedId, total);
      orderedLoad = scratch.orderedLoad = float64Of(scratch.orderedLoad, total);
      orderedPosition = scratch.orderedPosition = int32Of(scratch.orderedPosition, total);
    } else {
      // One buffer, sized once, for the three: ids, then loads, then positions (see resultColumnsOf).
      const buffer = new ArrayBuffer(total * RESULT_BYTES_PER_WINDOW);
      orderedId = new Float64Array(buffer, 0, total);
      orderedLoad = new Float64Array(buffer, total * 8, total);
      orderedPosition = new Int32Array(buffer, total * 16, total);
    }
    let widest = 0;
    for (let r = 0; r < overloadRuns.length; r++) widest = Math.max(widest, offsets[r + 1]! - offsets[r]!);
    if (scratch.order.order.length < widest) scratch.order = loadOrderScratch(widest);
    const id = (scratch.id = float64Of(scratch.id, widest));
    const share = (scratch.share = float64Of(scratch.share, widest));
    const orderScratch = scratch.order;
    const { byName, rankOf } = namesInOrder(names);
    const seenIn = new Int32Array(names.length).fill(-1);
    const ranks = new Int32Array(names.length);
    // 1 at the rank of each Afnemer of the conflict at hand; back to all 0 after each conflict.
    const present = new Uint8Array(names.length);
    const { drain, peakBacklog } = drainsOf(backlog, runFrom, runTo);

    for (let r = 0; r < overloadRuns.length; r++) {
      const a = runFrom[r]!;
      const b = runTo[r]!;
      const start = (fromBucket + a) * Q;
      const end = (fromBucket + b) * Q;
      const from = offsets[r]!;
      const size = offsets[r + 1]! - from;
      // The conflict's entries as columns (in the cache: a stretch of a few thousand at most in most conflicts).
      for (let j = 0, at = ENTRY * from; j < size; j++, at += ENTRY) {
        id[j] = entries[at]!;
        share[j] = entries[at + 1]!;
      }
      const order = orderByLoadDesc(share, id, size, orderScratch);
      // The gather into the result's columns, and the conflict's distinct Afnemers on the way.
      let distinct = 0;
      for (let j = 0; j < size; j++) {
        const at = order[j]!;
        orderedId[from + j] = id[at]!;
        orderedLoad[from + j] = share[at]!;
        const record = ENTRY * (from + at);
        orderedPosition[from + j] = entries[record + 2]!;
        const code = entries[record + 3]!;
        if (seenIn[code] !== r) {
          seenIn[code] = r;
          const rank = rankOf[code]!;
          ranks[distinct++] = rank;
          present[rank] = 1;
        }
      }
      const involved = new ConflictWindows(
        orderedId.subarray(from, from + size),
        orderedLoad.subarray(from, from + size),
        orderedPosition.subarray(from, from + size),
        source,
      );
      const afnemers = new Array<string>(distinct);
      if (distinct * 8 >= byName.length) {
        // Many of all Afnemers: read them off in name order (at most 8 steps per Afnemer of the conflict).
        for (let rank = 0, j = 0; j < distinct; rank++) {
          if (present[rank] === 0) continue;
          present[rank] = 0;
          afnemers[j++] = byName[rank]!;
        }
      } else {
        const sortedRanks = ranks.subarray(0, distinct).sort();
        for (let j = 0; j < distinct; j++) {
          present[sortedRanks[j]!] = 0;
          afnemers[j] = byName[sortedRanks[j]!]!;
        }
      }

      let peak: number | null = 0;
      let excess = 0;
      for (let i = a; i < b; i++) {
        const c = capacity[i]!;
        if (c === 0) peak = null;
        else if (peak !== null) peak = Math.max(peak, load[i]! / c);
        if (load[i]! > c) excess += load[i]! - c;
      }

      const drainIndex = drain[r]!;
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
        peakBacklog: peakBacklog[r]!,
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
