import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanWindow } from '../planning/types.js';
import { HOUR_MS, MINUTE_MS } from '../time/units.js';
import type { ActualHour } from './accuracy.js';
import { accuracyComparableEnd, accuracyTotals } from './totals.js';

const A = '00000001001234567000';
const B = '00000001009876543000';
// 2027-03-14 local: the range crosses the spring change (28 March) and the month boundary to April.
const BASE = Date.UTC(2027, 2, 13, 23);

function window(afnemer: string, start: number, end: number, volume: number, status: PlanWindow['status'] = 'definitief'): PlanWindow {
  return { id: start, afnemer, kenmerk: `k${start}`, start, end, volume, status };
}

/** The README's formulas over every hour of [from, to), with no periods in between. */
function totalsBrute(windows: readonly PlanWindow[], actuals: readonly ActualHour[], from: number, to: number) {
  const afnemers = [...new Set([...windows.map((w) => w.afnemer), ...actuals.map((a) => a.afnemer)])].sort();
  const out = [];
  for (const afnemer of afnemers) {
    let planned = 0;
    let actual = 0;
    let absoluteError = 0;
    let unannounced = 0;
    for (let h = Math.ceil(from / HOUR_MS) * HOUR_MS; h + HOUR_MS <= to; h += HOUR_MS) {
      let p = 0;
      let announced = false;
      for (const w of windows) {
        if (w.afnemer !== afnemer || w.status === 'geannuleerd' || w.end <= w.start || w.volume <= 0) continue;
        const overlap = Math.min(w.end, h + HOUR_MS) - Math.max(w.start, h);
        if (overlap > 0) {
          p += (w.volume * overlap) / (w.end - w.start);
          announced = true;
        }
      }
      let a = 0;
      for (const x of actuals) if (x.afnemer === afnemer && x.hour === h && x.count > 0) a += x.count;
      planned += p;
      actual += a;
      absoluteError += Math.abs(p - a);
      if (!announced) unannounced += a;
    }
    if (planned === 0 && actual === 0) continue;
    const wape = actual > 0 ? absoluteError / actual : null;
    const share = actual > 0 ? unannounced / actual : null;
    const score = wape === null || share === null ? 0 : Math.round(100 * (1 - Math.min(1, wape)) * (1 - share));
    out.push({ afnemer, planned, actual, absoluteError, unannounced, wape, share, score });
  }
  return out;
}

describe('accuracyTotals', () => {
  it('matches the formulas over every hour of the range, across a month boundary and the spring change', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            afnemer: fc.constantFrom(A, B),
            startMin: fc.integer({ min: -2 * 24 * 60, max: 30 * 24 * 60 }),
            lengthMin: fc.integer({ min: 1, max: 3 * 24 * 60 }),
            volume: fc.integer({ min: 0, max: 100_000 }),
            status: fc.constantFrom<PlanWindow['status']>('concept', 'definitief', 'geannuleerd'),
          }),
          { maxLength: 8 },
        ),
        fc.array(fc.record({ afnemer: fc.constantFrom(A, B), hour: fc.integer({ min: -24, max: 31 * 24 }), count: fc.integer({ min: 0, max: 50_000 }) }), {
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 48 * 60 }),
        fc.integer({ min: 0, max: 48 * 60 }),
        (ws, as, fromMin, cutMin) => {
          const windows = ws.map((w, i) => ({
            ...window(w.afnemer, BASE + w.startMin * MINUTE_MS, BASE + (w.startMin + w.lengthMin) * MINUTE_MS, w.volume, w.status),
            id: i + 1,
          }));
          const actuals = as.map((a) => ({ ...a, hour: BASE + a.hour * HOUR_MS }));
          const from = BASE + fromMin * MINUTE_MS;
          const to = BASE + 30 * 24 * HOUR_MS - cutMin * MINUTE_MS;
          const fast = accuracyTotals(windows, actuals, from, to);
          const brute = totalsBrute(windows, actuals, from, to);
          expect(fast.map((r) => [r.afnemer, r.periodStart, r.periodEnd])).toEqual(brute.map((r) => [r.afnemer, from, to]));
          fast.forEach((r, i) => {
            const b = brute[i]!;
            expect(r.planned).toBeCloseTo(b.planned, 4);
            expect(r.actual).toBe(b.actual);
            expect(r.absoluteError).toBeCloseTo(b.absoluteError, 4);
            expect(r.unannounced).toBe(b.unannounced);
            if (b.wape === null) expect([r.volumeError, r.bias, r.unannouncedShare]).toEqual([null, null, null]);
            else {
              expect(r.volumeError).toBeCloseTo(b.wape, 6);
              expect(r.bias).toBeCloseTo((b.planned - b.actual) / b.actual, 6);
              expect(r.unannouncedShare).toBeCloseTo(b.share!, 6);
            }
            expect(Math.abs(r.score - b.score)).toBeLessThanOrEqual(1);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adds a March and an April miss into one row for the range, not an average of the months', () => {
    const windows = [window(A, Date.UTC(2027, 2, 30, 8), Date.UTC(2027, 2, 30, 9), 1000), window(A, Date.UTC(2027, 3, 2, 8), Date.UTC(2027, 3, 2, 9), 3000)];
    const actuals = [
      { afnemer: A, hour: Date.UTC(2027, 2, 30, 8), count: 1000 },
      { afnemer: A, hour: Date.UTC(2027, 3, 2, 8), count: 1000 },
    ];
    const [row] = accuracyTotals(windows, actuals, BASE, Date.UTC(2027, 4, 1));
    expect(row).toMatchObject({ afnemer: A, planned: 4000, actual: 2000, absoluteError: 2000, unannounced: 0, volumeError: 1, bias: 1, score: 0 });
  });
});

describe('accuracyComparableEnd', () => {
  it('stops at the start of the running hour, at the end of a past range, and at the start of a future one', () => {
    const from = Date.UTC(2027, 0, 1);
    const to = Date.UTC(2027, 3, 1);
    expect(accuracyComparableEnd(from, to, Date.UTC(2027, 1, 1, 9, 59))).toBe(Date.UTC(2027, 1, 1, 9));
    expect(accuracyComparableEnd(from, to, Date.UTC(2027, 1, 1, 9))).toBe(Date.UTC(2027, 1, 1, 9));
    expect(accuracyComparableEnd(from, to, Date.UTC(2028, 0, 1))).toBe(to);
    expect(accuracyComparableEnd(from, to, Date.UTC(2026, 0, 1))).toBe(from);
  });
});
