import { describe, expect, it } from 'vitest';
import { bucketAt, bucketCeil, bucketRangeLength, bucketsAggregate, bucketsAggregateByAmsterdamDay, bucketStart, BUCKET_MS } from './bucket.js';

describe('bucketAt', () => {
  it('puts a bucket boundary in the later bucket', () => {
    expect(bucketAt(900_000)).toBe(1);
    expect(bucketAt(899_999)).toBe(0);
    expect(bucketAt(0)).toBe(0);
  });

  it('aligns to the UTC epoch, also before 1970', () => {
    expect(bucketAt(-1)).toBe(-1);
  });
});

describe('bucketStart', () => {
  it('rounds an instant down to its quarter of an hour', () => {
    const t = Date.UTC(2027, 0, 13, 10, 7, 30);
    expect(bucketStart(bucketAt(t))).toBe(Date.UTC(2027, 0, 13, 10, 0));
    expect(bucketStart(bucketAt(t) + 1)).toBe(Date.UTC(2027, 0, 13, 10, 15));
  });
});

describe('bucketCeil', () => {
  it('gives the exclusive end bucket of an interval ending at the instant', () => {
    expect(bucketCeil(900_000)).toBe(1);
    expect(bucketCeil(900_001)).toBe(2);
  });
});

describe('bucketRangeLength', () => {
  it('counts the buckets of a half-open range', () => {
    expect(bucketRangeLength(10, 14)).toBe(4);
    expect(bucketRangeLength(10, 10)).toBe(0);
  });

  it('throws on a reversed or fractional range', () => {
    expect(() => bucketRangeLength(10, 9)).toThrow(RangeError);
    expect(() => bucketRangeLength(0.5, 9)).toThrow(RangeError);
  });
});

describe('bucketsAggregate', () => {
  it('sums buckets into epoch-aligned hours', () => {
    const r = bucketsAggregate([1, 2, 3, 4, 5, 6, 7, 8], 4, 4);
    expect(r.start).toBe(4 * BUCKET_MS);
    expect(r.stepMs).toBe(4 * BUCKET_MS);
    expect([...r.values]).toEqual([10, 26]);
  });

  it('combines only the buckets present in groups cut by the range edges', () => {
    const r = bucketsAggregate([1, 2, 3, 4], 2, 4);
    expect(r.start).toBe(0);
    expect([...r.values]).toEqual([3, 7]);
  });

  it('takes the maximum in max mode', () => {
    expect([...bucketsAggregate([1, 9, 3, 4, 0, 2], 0, 3, 'max').values]).toEqual([9, 4]);
  });

  it('gives an empty series for no values and rejects a size below 1', () => {
    expect(bucketsAggregate([], 7, 4).values).toHaveLength(0);
    expect(() => bucketsAggregate([1], 0, 0)).toThrow(RangeError);
  });
});

describe('bucketsAggregateByAmsterdamDay', () => {
  it('gives the DST days 92 and 100 buckets of local time', () => {
    const from = bucketAt(Date.UTC(2026, 2, 28, 23));
    const spring = bucketsAggregateByAmsterdamDay(new Float64Array(200).fill(1), from);
    expect(spring[0]).toEqual({
      date: '2026-03-29',
      start: Date.UTC(2026, 2, 28, 23),
      end: Date.UTC(2026, 2, 29, 22),
      value: 92,
    });
    const autumnFrom = bucketAt(Date.UTC(2026, 9, 24, 22));
    const autumn = bucketsAggregateByAmsterdamDay(new Float64Array(200).fill(1), autumnFrom);
    expect(autumn[0]!.date).toBe('2026-10-25');
    expect(autumn[0]!.value).toBe(100);
    expect(autumn[1]!.value).toBe(96);
  });

  it('sums only the buckets present for a day cut by the range start, and takes maxima in max mode', () => {
    const from = bucketAt(Date.UTC(2027, 0, 13, 22, 30)); // 23:30 local on 13 January
    const days = bucketsAggregateByAmsterdamDay([5, 7, 1, 2], from, 'max');
    expect(days.map((d) => [d.date, d.value])).toEqual([
      ['2027-01-13', 7],
      ['2027-01-14', 2],
    ]);
  });
});
