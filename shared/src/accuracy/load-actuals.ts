/**
 * Actual messages beside the planned load: per bucket of the load view, what was really sent and the part of it that
 * was unannounced, by the one definition of accuracyCells. Pure: the instant up to which actuals are known comes in.
 */
import type { LoadBucketSize } from '../planning-api.js';
import { BUCKET_MS } from '../planning/bucket.js';
import { loadCombine } from '../planning/load-view.js';
import type { PlanWindow } from '../planning/types.js';
import { HOUR_MS } from '../time/units.js';
import { type ActualHour, accuracyCells } from './accuracy.js';

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
  const cells = accuracyCells(input.windows, input.actuals, fromBucket * BUCKET_MS, known);
  const perHour = HOUR_MS / BUCKET_MS;
  for (const [afnemer, byHour] of cells) {
    if (input.ownAfnemer !== null && afnemer !== input.ownAfnemer) continue;
    for (const [hour, cell] of byHour) {
      if (cell.actual === 0) continue;
      const first = hour / BUCKET_MS - fromBucket;
      for (let q = first; q < first + perHour; q++) {
        if (q < 0 || q >= n) continue;
        actual[q]! += cell.actual / perHour;
        if (!cell.announced) unannounced[q]! += cell.actual / perHour;
      }
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
