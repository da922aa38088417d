import { BUCKET_MS } from './bucket.js';
import { DAY_MS } from '../time/units.js';
import { windowCounts } from './load.js';
import type { BucketRange, MaintenanceWindow, PlanWindow } from './types.js';

export const DEFAULT_DRAIN_SLACK_MS = 14 * DAY_MS;

/**
 * Returns the bucket range from the first to the last instant of all counting windows and maintenance windows,
 * extended by `slackMs` (default 14 days) after the end so backlogs can drain; null without counting windows.
 * Edge: maintenance alone gives null; a window [10:05, 10:20) alone gives the buckets of 10:00 and 10:15 plus slack.
 */
export function planningRange(
  windows: readonly PlanWindow[],
  maintenance: readonly MaintenanceWindow[] = [],
  options: { slackMs?: number } = {},
): BucketRange | null {
  const slackMs = options.slackMs ?? DEFAULT_DRAIN_SLACK_MS;
  if (!Number.isFinite(slackMs) || slackMs < 0) throw new RangeError(`slackMs must be >= 0, got ${slackMs}`);
  let start = Infinity;
  let end = -Infinity;
  for (const w of windows) {
    if (!windowCounts(w)) continue;
    if (w.start < start) start = w.start;
    if (w.end > end) end = w.end;
  }
  if (start === Infinity) return null;
  for (const m of maintenance) {
    if (!(m.end > m.start)) continue;
    if (m.start < start) start = m.start;
    if (m.end > end) end = m.end;
  }
  return { fromBucket: Math.floor(start / BUCKET_MS), toBucket: Math.ceil((end + slackMs) / BUCKET_MS) };
}

/** A span of instants (ms) in which something changed. */
export interface ChangedInterval {
  from: number;
  to: number;
}

/**
 * Returns the bucket ranges covering every span widened by `beforeMs` before and `afterMs` after, merged where they
 * overlap or touch, in time order: what a recompute must cover, and no more (never the hull of far-apart spans).
 * Edge: spans a year apart with 1 day before and 14 days after give two ranges; a reversed span counts as its
 * ordered form; an empty list gives []; non-finite bounds or negative padding throw a RangeError.
 */
export function changedBucketRanges(spans: readonly ChangedInterval[], pad: { beforeMs: number; afterMs: number }): BucketRange[] {
  if (!(pad.beforeMs >= 0) || !(pad.afterMs >= 0) || !Number.isFinite(pad.beforeMs) || !Number.isFinite(pad.afterMs)) {
    throw new RangeError(`padding must be finite and >= 0, got ${pad.beforeMs}, ${pad.afterMs}`);
  }
  // Bucket bounds sorted apart: the union of intervals is where more have started than ended, so two numeric
  // sorts of typed arrays replace sorting objects (a recompute of everything passes every window, 50,000 spans).
  const n = spans.length;
  const froms = new Float64Array(n);
  const tos = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    if (!Number.isFinite(s.from) || !Number.isFinite(s.to)) throw new RangeError(`span bounds must be finite, got ${s.from}, ${s.to}`);
    const fromBucket = Math.floor((Math.min(s.from, s.to) - pad.beforeMs) / BUCKET_MS);
    froms[i] = fromBucket;
    tos[i] = Math.max(fromBucket + 1, Math.ceil((Math.max(s.from, s.to) + pad.afterMs) / BUCKET_MS));
  }
  froms.sort();
  tos.sort();
  const ranges: BucketRange[] = [];
  let open = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    // Ends before this start close ranges; an end equal to it does not (touching ranges join).
    while (tos[j]! < froms[i]!) {
      open--;
      if (open === 0) ranges[ranges.length - 1]!.toBucket = tos[j]!;
      j++;
    }
    if (open === 0 && (ranges.length === 0 || ranges[ranges.length - 1]!.toBucket < froms[i]!)) ranges.push({ fromBucket: froms[i]!, toBucket: froms[i]! });
    open++;
  }
  if (n > 0) ranges[ranges.length - 1]!.toBucket = tos[n - 1]!;
  return ranges;
}

/**
 * Returns the union of bucket ranges as disjoint ranges in time order; ranges that overlap or touch become one.
 * Edge: [0, 2) and [2, 5) give [0, 5); empty ranges (toBucket <= fromBucket) are dropped.
 */
export function bucketRangesMerge(ranges: readonly BucketRange[]): BucketRange[] {
  const sorted = ranges.filter((r) => r.toBucket > r.fromBucket).sort((a, b) => a.fromBucket - b.fromBucket);
  const out: BucketRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.fromBucket <= last.toBucket) last.toBucket = Math.max(last.toBucket, r.toBucket);
    else out.push({ fromBucket: r.fromBucket, toBucket: r.toBucket });
  }
  return out;
}
