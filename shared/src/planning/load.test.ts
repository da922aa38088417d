import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_MS, bucketAt } from './bucket.js';
import { loadByAfnemer, loadByBucket, loadByStatus, loadOfPacked, loadOwnVsRest, windowCounts, windowsPack } from './load.js';
import { firstDifference, scenarioArb } from './planning.arbitraries.js';
import { loadByBucketBrute } from './planning.brute.js';
import type { PlanWindow } from './types.js';

const MIN = 60_000;
const t0 = Date.UTC(2027, 0, 13, 9);
const b0 = bucketAt(t0);
const OIN_A = '00000001003214345000';
const OIN_B = '00000001234567890000';

let nextId = 1;
function win(start: number, end: number, volume: number, extra: Partial<PlanWindow> = {}): PlanWindow {
  const id = nextId++;
  return { id, afnemer: OIN_A, kenmerk: `K-${id}`, start, end, volume, status: 'definitief', ...extra };
}

describe('windowCounts', () => {
  it('counts concept and definitief windows but not cancelled or empty ones', () => {
    expect(windowCounts(win(0, 10, 5, { status: 'concept' }))).toBe(true);
    expect(windowCounts(win(0, 10, 5))).toBe(true);
    expect(windowCounts(win(0, 10, 5, { status: 'geannuleerd' }))).toBe(false);
    expect(windowCounts(win(10, 10, 5))).toBe(false);
    expect(windowCounts(win(0, 10, 0))).toBe(false);
  });
});

describe('loadByBucket', () => {
  it('puts a window of exactly one bucket wholly in that bucket', () => {
    expect([...loadByBucket([win(t0, t0 + 15 * MIN, 700)], b0 - 1, b0 + 2)]).toEqual([0, 700, 0]);
  });

  it('puts a window inside one bucket wholly in that bucket', () => {
    expect([...loadByBucket([win(t0 + 3 * MIN, t0 + 4 * MIN, 50)], b0, b0 + 2)]).toEqual([50, 0]);
  });

  it('spreads a window evenly over the parts of the buckets it covers', () => {
    const load = loadByBucket([win(t0 + 5 * MIN, t0 + 20 * MIN, 900)], b0, b0 + 2);
    expect(load[0]).toBeCloseTo(600, 9);
    expect(load[1]).toBeCloseTo(300, 9);
  });

  it('spreads a long window with partial buckets at both ends', () => {
    // 10:05 to 11:10 local: 10 + 15 + 15 + 15 + 10 minutes.
    const load = loadByBucket([win(t0 + 5 * MIN, t0 + 70 * MIN, 6500)], b0, b0 + 5);
    [1000, 1500, 1500, 1500, 1000].forEach((v, i) => expect(load[i]).toBeCloseTo(v, 9));
  });

  it('keeps back-to-back windows in their own buckets', () => {
    const load = loadByBucket([win(t0, t0 + 30 * MIN, 200), win(t0 + 30 * MIN, t0 + 60 * MIN, 400)], b0, b0 + 4);
    expect([...load]).toEqual([100, 100, 200, 200]);
  });

  it('counts nothing for cancelled windows and counts concept windows', () => {
    const load = loadByBucket([win(t0, t0 + 15 * MIN, 100, { status: 'geannuleerd' }), win(t0, t0 + 15 * MIN, 30, { status: 'concept' })], b0, b0 + 1);
    expect([...load]).toEqual([30]);
  });

  it('drops the parts of a window outside the range', () => {
    const load = loadByBucket([win(t0 - 60 * MIN, t0 + 60 * MIN, 800)], b0, b0 + 2);
    expect([...load]).toEqual([100, 100]);
  });

  it('applies the include filter on top of the cancellation rule', () => {
    const load = loadByBucket([win(t0, t0 + 15 * MIN, 10), win(t0, t0 + 15 * MIN, 20, { afnemer: OIN_B })], b0, b0 + 1, (w) => w.afnemer === OIN_B);
    expect([...load]).toEqual([20]);
  });

  it('returns exactly 0 once all windows have ended, despite rounding in between', () => {
    const windows = [win(t0, t0 + 7 * 15 * MIN, 1), win(t0 + 15 * MIN, t0 + 4 * 15 * MIN, 0.1), win(t0, t0 + 3 * 15 * MIN, 1e7 / 3)];
    const load = loadByBucket(windows, b0, b0 + 9);
    expect(load[7]).toBe(0);
    expect(load[8]).toBe(0);
  });

  it('gives an empty array for an empty range', () => {
    expect(loadByBucket([win(t0, t0 + MIN, 1)], b0, b0)).toHaveLength(0);
  });

  it('agrees with summing every window over every bucket on random windows', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const fast = loadByBucket(s.windows, s.fromBucket, s.toBucket);
        const brute = loadByBucketBrute(s.windows, s.fromBucket, s.toBucket);
        expect(firstDifference(fast, brute)).toBe(-1);
      }),
      { numRuns: 150 },
    );
  });

  it("gives, when asked, each packed window's first bucket in the range, and the same load as without", () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const packed = windowsPack(s.windows, s.fromBucket, s.toBucket);
        // Filled with a value no bucket has, so that an entry left unwritten shows.
        const first = new Int32Array(packed.count + 1).fill(-7);
        const load = loadOfPacked(packed, s.fromBucket, s.toBucket, first);
        expect(firstDifference(load, loadByBucket(s.windows, s.fromBucket, s.toBucket))).toBe(-1);
        for (let k = 0; k < packed.count; k++) {
          const w = s.windows[packed.index[k]!]!;
          const expected = bucketAt(Math.max(w.start, s.fromBucket * BUCKET_MS)) - s.fromBucket;
          expect(first[k]).toBe(expected);
          expect(first[k]).toBeGreaterThanOrEqual(0);
          expect(first[k]).toBeLessThan(s.toBucket - s.fromBucket);
        }
        expect(first[packed.count]).toBe(-7);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the total volume of windows inside the range', () => {
    fc.assert(
      fc.property(scenarioArb({ days: 1 }), (s) => {
        const wide = loadByBucket(s.windows, s.fromBucket - 2000, s.toBucket + 2000);
        const volume = s.windows.filter(windowCounts).reduce((sum, w) => sum + w.volume, 0);
        const total = wide.reduce((sum, v) => sum + v, 0);
        expect(Math.abs(total - volume)).toBeLessThanOrEqual(1e-9 * Math.max(1, volume));
      }),
      { numRuns: 50 },
    );
  });
});

describe('loadByAfnemer', () => {
  const windows = [
    win(t0, t0 + 15 * MIN, 10),
    win(t0, t0 + 15 * MIN, 20, { afnemer: OIN_B }),
    win(t0, t0 + 15 * MIN, 5, { afnemer: OIN_B, status: 'geannuleerd' }),
  ];

  it('gives each Afnemer with a counting window its own load', () => {
    const byAfnemer = loadByAfnemer(windows, b0, b0 + 1);
    expect([...byAfnemer.keys()].sort()).toEqual([OIN_A, OIN_B]);
    expect([...byAfnemer.get(OIN_B)!]).toEqual([20]);
  });

  it('gives exactly the requested Afnemers, with zeros for one without windows', () => {
    const byAfnemer = loadByAfnemer(windows, b0, b0 + 1, [OIN_B, '99999999999999999999']);
    expect([...byAfnemer.keys()]).toEqual([OIN_B, '99999999999999999999']);
    expect([...byAfnemer.get('99999999999999999999')!]).toEqual([0]);
  });
});

describe('loadOwnVsRest', () => {
  it('splits the total load into one Afnemer and the rest', () => {
    const windows = [win(t0, t0 + 15 * MIN, 10), win(t0, t0 + 15 * MIN, 20, { afnemer: OIN_B })];
    const { own, rest } = loadOwnVsRest(windows, b0, b0 + 1, OIN_A);
    expect([own[0], rest[0]]).toEqual([10, 20]);
  });
});

describe('loadByStatus', () => {
  it('keeps concept and definitief apart and leaves cancelled windows out', () => {
    const windows = [win(t0, t0 + 15 * MIN, 10, { status: 'concept' }), win(t0, t0 + 15 * MIN, 20), win(t0, t0 + 15 * MIN, 40, { status: 'geannuleerd' })];
    const { concept, definitief } = loadByStatus(windows, b0, b0 + 1);
    expect([concept[0], definitief[0]]).toEqual([10, 20]);
  });
});
