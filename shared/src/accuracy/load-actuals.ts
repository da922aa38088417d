/**
 * Actual messages beside the planned load: per bucket of the load view, what was really sent and the part of it that
 * was unannounced, by the one definition of accuracyCells and accuracyHoursTouched. Pure: the instant up to which actuals are known comes in.
 */
import type { LoadBucketSize } from '../planning-api.js';
import { BUCKET_MS } from '../planning/bucket.js';
import { windowCounts } from '../planning/load.js';
import { loadCombine } from '../planning/load-view.js';
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

/**
 * Returns the actual and unannounced messages per bucket, aligned with loadView's `starts` for the same range and
 * bucket. Edge: an hour's messages spread evenly over its four quarters for 15-minute buckets (as planned volume
 * spreads over its window); a bucket that ends after `known` is null, so the line stops where the data stops.
 */
export function loadActuals(input: LoadActualsInput): LoadActuals {
  const fromBucket = Math.floor(input.from / BUCKET_MS);
  const toBucket = Math.max(fromBucket, Math.ceil(input.to / BUCKET_MS));
  const n = toBucket - fromBucket;
  const actual = new Float64Array(n);
  const unannounced = new Float64Array(n);
  const known = Math.min(input.known, toBucket * BUCKET_MS);
  const from = fromBucket * BUCKET_MS;
  // The hours of accuracyCells with messages sent, without building a cell for every hour a window touches (a year of
  // every Afnemer's windows is tens of thousands of them): per Afnemer the span of its hours with messages, and in
  // it one byte per hour for "a counted window touches it" (accuracyHoursTouched, the one definition of announced).
  const counted = (a: ActualHour) => a.count > 0 && accuracyHourCounts(a.hour, from, known) && (input.ownAfnemer === null || a.afnemer === input.ownAfnemer);
  const spans = new Map<string, { first: number; last: number; touched: Uint8Array }>();
  for (const a of input.actuals) {
    if (!counted(a)) continue;
    const span = spans.get(a.afnemer);
    if (!span) spans.set(a.afnemer, { first: a.hour, last: a.hour, touched: new Uint8Array(0) });
    else if (a.hour < span.first) span.first = a.hour;
    else if (a.hour > span.last) span.last = a.hour;
  }
  for (const span of spans.values()) span.touched = new Uint8Array((span.last - span.first) / HOUR_MS + 1);
  for (const w of input.windows) {
    const span = spans.get(w.afnemer);
    if (!span || !windowCounts(w)) continue;
    accuracyHoursTouched(w, Math.max(from, span.first), Math.min(known, span.last + HOUR_MS), (h) => {
      span.touched[(h - span.first) / HOUR_MS] = 1;
    });
  }
  const perHour = HOUR_MS / BUCKET_MS;
  for (const a of input.actuals) {
    if (!counted(a)) continue;
    const span = spans.get(a.afnemer)!;
    const announced = span.touched[(a.hour - span.first) / HOUR_MS] === 1;
    const first = a.hour / BUCKET_MS - fromBucket;
    for (let q = first; q < first + perHour; q++) {
      if (q < 0 || q >= n) continue;
      actual[q]! += a.count / perHour;
      if (!announced) unannounced[q]! += a.count / perHour;
    }
  }
  const sums = loadCombine(actual, fromBucket, input.bucket);
  const starts = sums.starts ?? Array.from({ length: n }, (_, i) => (fromBucket + i) * BUCKET_MS);
  const cut = (values: number[]) =>
    values.map((v, i) => {
      const end = starts[i + 1] ?? toBucket * BUCKET_MS;
      return end > known ? null : Math.round(v * 100) / 100;
    });
  return { actual: cut(sums.values), actualUnannounced: cut(loadCombine(unannounced, fromBucket, input.bucket).values) };
}
