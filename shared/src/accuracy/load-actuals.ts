/**
 * Actual messages beside the planned load: per bucket of the load view, what was really sent and the part of it that
 * was unannounced, by the one definition of accuracyCells and accuracyHoursTouched. Pure: the instant up to which actuals are known comes in.
 */
import type { LoadBucketSize } from '../planning-api.js';
import { BUCKET_MS } from '../planning/bucket.js';
import { type LoadWindowsCoded, loadCombine, loadWindowsCoded } from '../planning/load-view.js';
import type { PlanWindow } from '../planning/types.js';
import { HOUR_MS } from '../time/units.js';
import { type ActualHour, accuracyHourCounts, accuracyHoursTouched } from './accuracy.js';

export interface LoadActualsInput {
  from: number;
  to: number;
  bucket: LoadBucketSize;
  windows: readonly PlanWindow[];
  actuals: readonly ActualHour[];
  /** Actuals are known before this instant (a whole hour); later buckets have none (null). */
  known: number;
  /** Only this Afnemer (a planner); null counts every Afnemer. */
  ownAfnemer: string | null;
}

export interface LoadActuals {
  /** Messages really sent per bucket of the view; null for a bucket that has not wholly passed. */
  actual: (number | null)[];
  /** The part of `actual` sent in hours no window of its Afnemer touches. */
  actualUnannounced: (number | null)[];
}

/** The actuals of one range as loadActualsOf needs them, independent of the plan: kept while the actuals are unchanged. */
export interface LoadActualsBase {
  fromBucket: number;
  toBucket: number;
  known: number;
  /** The Afnemers with counted hours; an Afnemer's code is its index. */
  codeOf: Map<string, number>;
  /** Per Afnemer code: its first and last hour with messages (ms), and where its hours start in the touched flags. */
  first: Float64Array;
  last: Float64Array;
  offset: Int32Array;
  /** Number of touched flags: the hours of all Afnemers' spans together. */
  slots: number;
  /** Per counted hour: its flag (offset of its Afnemer plus its hour in the span), first bucket and count. */
  rowSlot: Int32Array;
  rowBucket: Float64Array;
  rowCount: Float64Array;
  /** Messages really sent per 15-minute bucket (index 0 = fromBucket). */
  actual: Float64Array;
}

/**
 * Returns what loadActuals computes from the actuals alone, so that a new plan costs only its windows (loadActualsOf).
 * Edge: hours without messages, outside the whole hours of [from, known) or (with `ownAfnemer`) of another Afnemer are left out.
 */
export function loadActualsPrepare(input: Omit<LoadActualsInput, 'windows' | 'bucket'>): LoadActualsBase {
  const fromBucket = Math.floor(input.from / BUCKET_MS);
  const toBucket = Math.max(fromBucket, Math.ceil(input.to / BUCKET_MS));
  const n = toBucket - fromBucket;
  const known = Math.min(input.known, toBucket * BUCKET_MS);
  const from = fromBucket * BUCKET_MS;
  // The hours of accuracyCells with messages sent, without building a cell for every hour a window touches (a year of
  // every Afnemer's windows is tens of thousands of them): per Afnemer the span of its hours with messages, and in
  // it one flag per hour for "a counted window touches it" (accuracyHoursTouched, the one definition of announced).
  const counted = (a: ActualHour) => a.count > 0 && accuracyHourCounts(a.hour, from, known) && (input.ownAfnemer === null || a.afnemer === input.ownAfnemer);
  const codeOf = new Map<string, number>();
  const firsts: number[] = [];
  const lasts: number[] = [];
  const rowCode = new Int32Array(input.actuals.length);
  let rows = 0;
  for (const a of input.actuals) {
    if (!counted(a)) continue;
    let code = codeOf.get(a.afnemer);
    if (code === undefined) {
      code = firsts.length;
      codeOf.set(a.afnemer, code);
      firsts.push(a.hour);
      lasts.push(a.hour);
    } else if (a.hour < firsts[code]!) firsts[code] = a.hour;
    else if (a.hour > lasts[code]!) lasts[code] = a.hour;
    rowCode[rows++] = code;
  }
  const first = Float64Array.from(firsts);
  const last = Float64Array.from(lasts);
  const offset = new Int32Array(first.length);
  let slots = 0;
  for (let k = 0; k < first.length; k++) {
    offset[k] = slots;
    slots += (last[k]! - first[k]!) / HOUR_MS + 1;
  }
  const rowSlot = new Int32Array(rows);
  const rowBucket = new Float64Array(rows);
  const rowCount = new Float64Array(rows);
  const actual = new Float64Array(n);
  const perHour = HOUR_MS / BUCKET_MS;
  let r = 0;
  for (const a of input.actuals) {
    if (!counted(a)) continue;
    const code = rowCode[r]!;
    rowSlot[r] = offset[code]! + (a.hour - first[code]!) / HOUR_MS;
    rowBucket[r] = a.hour / BUCKET_MS - fromBucket;
    rowCount[r] = a.count / perHour;
    for (let q = rowBucket[r]!; q < rowBucket[r]! + perHour; q++) if (q >= 0 && q < n) actual[q]! += rowCount[r]!;
    r++;
  }
  return { fromBucket, toBucket, known, codeOf, first, last, offset, slots, rowSlot, rowBucket, rowCount, actual };
}

/**
 * Returns loadActuals of the prepared actuals against the counting windows (loadWindowsCoded, or a loadBase of a range
 * that covers [from, to)): only the unannounced part depends on them. Edge: windows of Afnemers without counted
 * hours are skipped by their code, without reading the window.
 */
export function loadActualsOf(base: LoadActualsBase, windows: LoadWindowsCoded, bucket: LoadBucketSize): LoadActuals {
  const { fromBucket, toBucket, known, first, last, offset } = base;
  const n = toBucket - fromBucket;
  const from = fromBucket * BUCKET_MS;
  const touched = new Uint8Array(base.slots);
  // The windows' Afnemer codes translated once into the actuals' codes (-1: no counted hours).
  const codeOfWindows = Int32Array.from(windows.afnemers, (oin) => base.codeOf.get(oin) ?? -1);
  const { packed, afnemerCode } = windows;
  const span = { start: 0, end: 0 };
  for (let k = 0; k < packed.count; k++) {
    const code = codeOfWindows[afnemerCode[k]!]!;
    if (code < 0) continue;
    const spanFirst = first[code]!;
    const at = offset[code]!;
    span.start = packed.start[k]!;
    span.end = packed.end[k]!;
    accuracyHoursTouched(span, Math.max(from, spanFirst), Math.min(known, last[code]! + HOUR_MS), (h) => {
      touched[at + (h - spanFirst) / HOUR_MS] = 1;
    });
  }
  const unannounced = new Float64Array(n);
  const perHour = HOUR_MS / BUCKET_MS;
  const { rowSlot, rowBucket, rowCount } = base;
  for (let r = 0; r < rowSlot.length; r++) {
    if (touched[rowSlot[r]!] === 1) continue;
    const q0 = rowBucket[r]!;
    for (let q = q0; q < q0 + perHour; q++) if (q >= 0 && q < n) unannounced[q]! += rowCount[r]!;
  }
  const sums = loadCombine(base.actual, fromBucket, bucket);
  const starts = sums.starts ?? Array.from({ length: n }, (_, i) => (fromBucket + i) * BUCKET_MS);
  const cut = (values: number[]) =>
    values.map((v, i) => {
      const end = starts[i + 1] ?? toBucket * BUCKET_MS;
      return end > known ? null : Math.round(v * 100) / 100;
    });
  return { actual: cut(sums.values), actualUnannounced: cut(loadCombine(unannounced, fromBucket, bucket).values) };
}

/**
 * Returns the actual and unannounced messages per bucket, aligned with loadView's `starts` for the same range and
 * bucket. Edge: an hour's messages spread evenly over its four quarters for 15-minute buckets (as planned volume
 * spreads over its window); a bucket that ends after `known` is null, so the line stops where the data stops.
 */
export function loadActuals(input: LoadActualsInput): LoadActuals {
  const base = loadActualsPrepare(input);
  return loadActualsOf(base, loadWindowsCoded(input.windows, base.fromBucket, base.toBucket), input.bucket);
}
