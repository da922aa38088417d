import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_MS, bucketAt } from './bucket.js';
import { bucketRangesMerge, changedBucketRanges, planningRange } from './range.js';
import type { PlanWindow } from './types.js';

const MIN = 60_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const t0 = Date.UTC(2027, 0, 13, 9);

function win(start: number, end: number, status: PlanWindow['status'] = 'definitief'): PlanWindow {
  return { id: 1, afnemer: '00000001003214345000', kenmerk: 'K', start, end, volume: 10, status };
}

describe('planningRange', () => {
  it('gives null without windows, or with only cancelled ones', () => {
    expect(planningRange([])).toBeNull();
    expect(planningRange([win(t0, t0 + MIN, 'geannuleerd')])).toBeNull();
  });

  it('gives null for maintenance alone', () => {
    expect(planningRange([], [{ id: 1, start: t0, end: t0 + DAY, factor: 0 }])).toBeNull();
  });

  it('covers the windows to whole buckets and adds 14 days of slack after the end', () => {
    expect(planningRange([win(t0 + 5 * MIN, t0 + 20 * MIN), win(t0 + DAY, t0 + DAY + 15 * MIN)])).toEqual({
      fromBucket: bucketAt(t0),
      toBucket: bucketAt(t0 + DAY) + 1 + 14 * 96,
    });
  });

  it('ignores cancelled windows but includes maintenance windows', () => {
    const range = planningRange([win(t0, t0 + 15 * MIN), win(t0 - DAY, t0, 'geannuleerd')], [{ id: 1, start: t0 - 60 * MIN, end: t0, factor: 0.5 }], {
      slackMs: 0,
    });
    expect(range).toEqual({ fromBucket: bucketAt(t0) - 4, toBucket: bucketAt(t0) + 1 });
  });

  it('rejects negative slack', () => {
    expect(() => planningRange([win(t0, t0 + MIN)], [], { slackMs: -1 })).toThrow(RangeError);
  });
});

describe('changedBucketRanges', () => {
  const pad = { beforeMs: DAY, afterMs: 14 * DAY };

  it('keeps far-apart spans apart instead of covering everything between them', () => {
    const a = Date.UTC(2027, 8, 1);
    const b = Date.UTC(2031, 11, 31);
    expect(
      changedBucketRanges(
        [
          { from: b, to: b + HOUR },
          { from: a, to: a + HOUR },
        ],
        pad,
      ),
    ).toEqual([
      { fromBucket: bucketAt(a - DAY), toBucket: bucketAt(a + HOUR + 14 * DAY) },
      { fromBucket: bucketAt(b - DAY), toBucket: bucketAt(b + HOUR + 14 * DAY) },
    ]);
  });

  it('merges spans whose padding overlaps or touches', () => {
    expect(
      changedBucketRanges(
        [
          { from: t0, to: t0 + HOUR },
          { from: t0 + 10 * DAY, to: t0 + 11 * DAY },
        ],
        pad,
      ),
    ).toEqual([{ fromBucket: bucketAt(t0 - DAY), toBucket: bucketAt(t0 + 25 * DAY) }]);
    expect(
      changedBucketRanges(
        [
          { from: 0, to: BUCKET_MS },
          { from: BUCKET_MS, to: 2 * BUCKET_MS },
        ],
        { beforeMs: 0, afterMs: 0 },
      ),
    ).toEqual([{ fromBucket: 0, toBucket: 2 }]);
  });

  it('gives [] for no spans and refuses non-finite bounds and negative padding', () => {
    expect(changedBucketRanges([], pad)).toEqual([]);
    expect(() => changedBucketRanges([{ from: 0, to: Infinity }], pad)).toThrow(RangeError);
    expect(() => changedBucketRanges([{ from: 0, to: 1 }], { beforeMs: -1, afterMs: 0 })).toThrow(RangeError);
  });

  it('covers exactly the buckets a brute-force marking covers, as disjoint sorted ranges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.integer({ min: 0, max: 400 }), len: fc.integer({ min: -3, max: 30 }) }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        (raw, before, after) => {
          const spans = raw.map((r) => ({ from: r.from * (BUCKET_MS / 3), to: (r.from + r.len) * (BUCKET_MS / 3) }));
          const ranges = changedBucketRanges(spans, { beforeMs: before * BUCKET_MS, afterMs: after * BUCKET_MS });
          const marked = new Set<number>();
          for (const s of spans) {
            const lo = Math.min(s.from, s.to) - before * BUCKET_MS;
            const hi = Math.max(s.from, s.to) + after * BUCKET_MS;
            const first = Math.floor(lo / BUCKET_MS);
            marked.add(first);
            for (let b = first; b * BUCKET_MS < hi; b++) marked.add(b);
          }
          const covered = new Set<number>();
          for (let i = 0; i < ranges.length; i++) {
            const r = ranges[i]!;
            expect(r.toBucket).toBeGreaterThan(r.fromBucket);
            if (i > 0) expect(r.fromBucket).toBeGreaterThan(ranges[i - 1]!.toBucket);
            for (let b = r.fromBucket; b < r.toBucket; b++) covered.add(b);
          }
          expect([...covered].sort((x, y) => x - y)).toEqual([...marked].sort((x, y) => x - y));
        },
      ),
    );
  });
});

describe('bucketRangesMerge', () => {
  it('joins touching ranges and drops empty ones', () => {
    expect(
      bucketRangesMerge([
        { fromBucket: 2, toBucket: 5 },
        { fromBucket: 0, toBucket: 2 },
        { fromBucket: 7, toBucket: 7 },
      ]),
    ).toEqual([{ fromBucket: 0, toBucket: 5 }]);
  });
});
