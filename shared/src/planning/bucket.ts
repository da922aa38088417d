import { amsterdamDayIso, amsterdamDayNumber, amsterdamDayStart } from '../time/local-time.js';

/** Length of one bucket: 15 minutes. Bucket b covers [b * BUCKET_MS, (b + 1) * BUCKET_MS), aligned to the UTC epoch. */
export const BUCKET_MS = 900_000;
export const BUCKETS_PER_HOUR = 4;
export const BUCKETS_PER_DAY = 96;

/**
 * Returns the index of the bucket that contains an instant.
 * Edge: a bucket boundary belongs to the later bucket: `bucketAt(900_000)` is 1, `bucketAt(899_999)` is 0.
 */
export function bucketAt(ms: number): number {
  return Math.floor(ms / BUCKET_MS);
}

/**
 * Returns the start (ms) of a bucket.
 * Edge: `bucketStart(bucketAt(t))` is t rounded down to 15 minutes; `bucketStart(b + 1)` is the end of b.
 */
export function bucketStart(bucket: number): number {
  return bucket * BUCKET_MS;
}

/**
 * Returns the first bucket that starts at or after an instant, i.e. the exclusive end bucket of [.., ms).
 * Edge: `bucketCeil(900_000)` is 1 (exact boundary), `bucketCeil(900_001)` is 2.
 */
export function bucketCeil(ms: number): number {
  return Math.ceil(ms / BUCKET_MS);
}

/** Coarser series: `values[i]` covers [start + i * stepMs, start + (i + 1) * stepMs). */
export interface AggregatedSeries {
  start: number;
  stepMs: number;
  values: Float64Array;
}

/**
 * Returns per-bucket `values` (index 0 = `fromBucket`) combined into groups of `size` buckets aligned to the
 * UTC epoch (size 4 = UTC hours, 96 = UTC days), summed or, with `mode` 'max', their maximum.
 * Edge: groups cut by the range edges combine only the buckets present: buckets 2..5 with size 4 give two
 * groups, {2,3} and {4,5}, starting at bucket 0.
 */
export function bucketsAggregate(values: ArrayLike<number>, fromBucket: number, size: number, mode: 'sum' | 'max' = 'sum'): AggregatedSeries {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  const firstGroup = Math.floor(fromBucket / size);
  const n = values.length;
  if (n === 0) return { start: firstGroup * size * BUCKET_MS, stepMs: size * BUCKET_MS, values: new Float64Array(0) };
  const lastGroup = Math.floor((fromBucket + n - 1) / size);
  const out = new Float64Array(lastGroup - firstGroup + 1);
  if (mode === 'max') out.fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const g = Math.floor((fromBucket + i) / size) - firstGroup;
    const v = values[i]!;
    if (mode === 'sum') out[g]! += v;
    else if (v > out[g]!) out[g] = v;
  }
  return { start: firstGroup * size * BUCKET_MS, stepMs: size * BUCKET_MS, values: out };
}

/** One Europe/Amsterdam calendar day of an aggregated series. */
export interface AmsterdamDayValue {
  /** Local date, `yyyy-mm-dd`. */
  date: string;
  /** Local midnight starting the day (ms). */
  start: number;
  /** Local midnight ending the day (ms): 23 hours after start in spring, 25 in autumn. */
  end: number;
  value: number;
}

/**
 * Returns per-bucket `values` (index 0 = `fromBucket`) combined per Europe/Amsterdam local day (sum or max).
 * Edge: the DST days hold 92 and 100 buckets; days cut by the range edges combine only the buckets present.
 */
export function bucketsAggregateByAmsterdamDay(values: ArrayLike<number>, fromBucket: number, mode: 'sum' | 'max' = 'sum'): AmsterdamDayValue[] {
  const days: AmsterdamDayValue[] = [];
  let current: AmsterdamDayValue | null = null;
  for (let i = 0; i < values.length; i++) {
    const ms = (fromBucket + i) * BUCKET_MS;
    // Local midnights fall on whole UTC quarters, so a bucket never straddles two local days.
    if (current === null || ms >= current.end) {
      const day = amsterdamDayNumber(ms);
      current = {
        date: amsterdamDayIso(day),
        start: amsterdamDayStart(day),
        end: amsterdamDayStart(day + 1),
        value: mode === 'sum' ? 0 : -Infinity,
      };
      days.push(current);
    }
    const v = values[i]!;
    if (mode === 'sum') current.value += v;
    else if (v > current.value) current.value = v;
  }
  return days;
}

/**
 * Returns the number of buckets in [fromBucket, toBucket), throwing a RangeError on a malformed range.
 * Edge: an empty range (from === to) gives 0; to < from or non-integers throw.
 */
export function bucketRangeLength(fromBucket: number, toBucket: number): number {
  if (!Number.isSafeInteger(fromBucket) || !Number.isSafeInteger(toBucket) || toBucket < fromBucket) {
    throw new RangeError(`invalid bucket range [${fromBucket}, ${toBucket})`);
  }
  return toBucket - fromBucket;
}
