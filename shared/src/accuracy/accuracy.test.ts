import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanWindow } from '../planning/types.js';
import { HOUR_MS, MINUTE_MS } from '../time/units.js';
import { type AccuracyScore, type ActualHour, accuracyScoreOf, accuracyScores } from './accuracy.js';
import { accuracyPeriodStartBrute, accuracyScoresBrute } from './accuracy.brute.js';
import { ACCURACY_PERIODS, accuracyPeriodStart } from './period.js';

const A = '00000001001234567000';
const B = '00000001009876543000';
// 2027-03-14 .. 2027-04-12 local: spans the spring change (28 March) and a month boundary.
const SPRING = Date.UTC(2027, 2, 13, 23);
// 2026-10-18 .. 2026-11-16 local: spans the autumn change (25 October).
const AUTUMN = Date.UTC(2026, 9, 17, 22);
const SPAN_MS = 30 * 24 * HOUR_MS;

function window(afnemer: string, start: number, end: number, volume: number, status: PlanWindow['status'] = 'definitief'): PlanWindow {
  return { id: start, afnemer, kenmerk: `k${start}`, start, end, volume, status };
}

const scenarioArb = fc.constantFrom(SPRING, AUTUMN).chain((base) =>
  fc.record({
    base: fc.constant(base),
    windows: fc.array(
      fc.record({
        afnemer: fc.constantFrom(A, B),
        startMin: fc.integer({ min: -2 * 24 * 60, max: 30 * 24 * 60 }),
        lengthMin: fc.integer({ min: 1, max: 3 * 24 * 60 }),
        volume: fc.integer({ min: 0, max: 100_000 }),
        status: fc.constantFrom<PlanWindow['status']>('concept', 'definitief', 'geannuleerd'),
      }),
      { maxLength: 8 },
    ),
    actuals: fc.array(fc.record({ afnemer: fc.constantFrom(A, B), hour: fc.integer({ min: -24, max: 31 * 24 }), count: fc.integer({ min: 0, max: 50_000 }) }), {
      maxLength: 40,
    }),
    period: fc.constantFrom(...ACCURACY_PERIODS),
    fromHours: fc.integer({ min: 0, max: 48 }),
    cutMin: fc.integer({ min: 0, max: 120 }),
  }),
);

function close(fast: AccuracyScore[], brute: AccuracyScore[]) {
  expect(fast.map((r) => [r.afnemer, r.periodStart, r.periodEnd])).toEqual(brute.map((r) => [r.afnemer, r.periodStart, r.periodEnd]));
  fast.forEach((r, i) => {
    const b = brute[i]!;
    for (const k of ['planned', 'actual', 'absoluteError', 'unannounced'] as const) expect(r[k]).toBeCloseTo(b[k], 4);
    for (const k of ['volumeError', 'bias', 'unannouncedShare'] as const) {
      if (b[k] === null) expect(r[k]).toBeNull();
      else expect(r[k]).toBeCloseTo(b[k]!, 6);
    }
    expect(Math.abs(r.score - b.score)).toBeLessThanOrEqual(1);
  });
}

describe('accuracyPeriodStart', () => {
  it('agrees with @date-fns/tz for every period, across both DST changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 11, 31) }), fc.constantFrom(...ACCURACY_PERIODS), (ms, period) => {
        expect(accuracyPeriodStart(ms, period)).toBe(accuracyPeriodStartBrute(ms, period));
      }),
      { numRuns: 500 },
    );
  });

  it('puts 1 April 00:30 summer time in April and the quarter from April', () => {
    const ms = Date.UTC(2027, 2, 31, 22, 30);
    expect(accuracyPeriodStart(ms, 'month')).toBe(Date.UTC(2027, 2, 31, 22));
    expect(accuracyPeriodStart(ms, 'quarter')).toBe(Date.UTC(2027, 2, 31, 22));
    expect(accuracyPeriodStart(ms, 'month', -1)).toBe(Date.UTC(2027, 1, 28, 23));
  });
});

describe('accuracyScores', () => {
  it('matches the brute force hour by hour, including DST days and cut periods', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const windows = s.windows.map((w, i) => ({
          ...window(w.afnemer, s.base + w.startMin * MINUTE_MS, s.base + (w.startMin + w.lengthMin) * MINUTE_MS, w.volume, w.status),
          id: i + 1,
        }));
        const actuals: ActualHour[] = s.actuals.map((a) => ({ afnemer: a.afnemer, hour: s.base + a.hour * HOUR_MS, count: a.count }));
        const from = s.base + s.fromHours * HOUR_MS + s.cutMin * MINUTE_MS;
        const to = s.base + SPAN_MS - s.cutMin * MINUTE_MS;
        close(accuracyScores(windows, actuals, s.period, from, to), accuracyScoresBrute(windows, actuals, s.period, from, to));
      }),
      { numRuns: 60 },
    );
  });

  it('scores 100 for a forecast that hits every hour', () => {
    const start = Date.UTC(2027, 0, 11, 8);
    const rows = accuracyScores(
      [window(A, start, start + 2 * HOUR_MS, 2000)],
      [
        { afnemer: A, hour: start, count: 1000 },
        { afnemer: A, hour: start + HOUR_MS, count: 1000 },
      ],
      'month',
      Date.UTC(2026, 11, 31, 23),
      Date.UTC(2027, 0, 31, 23),
    );
    expect(rows).toEqual([expect.objectContaining({ afnemer: A, planned: 2000, actual: 2000, volumeError: 0, bias: 0, unannouncedShare: 0, score: 100 })]);
  });

  it('reports a 30% overshoot as negative bias and half unannounced volume halves the score', () => {
    const start = Date.UTC(2027, 0, 11, 8);
    const rows = accuracyScores(
      [window(A, start, start + HOUR_MS, 1000)],
      [
        { afnemer: A, hour: start, count: 1300 },
        { afnemer: A, hour: start + 5 * HOUR_MS, count: 1300 },
      ],
      'week',
      start - 24 * HOUR_MS,
      start + 24 * HOUR_MS,
    );
    const r = rows[0]!;
    expect(r.bias).toBeCloseTo((1000 - 2600) / 2600);
    expect(r.unannouncedShare).toBeCloseTo(0.5);
    expect(r.volumeError).toBeCloseTo((300 + 1300) / 2600);
    expect(r.score).toBe(accuracyScoreOf(1600 / 2600, 0.5));
    expect(r.score).toBe(Math.round(100 * (1 - 1600 / 2600) * 0.5));
  });

  it('gives score 0 and null figures for a campaign that was announced but never sent', () => {
    const start = Date.UTC(2027, 0, 11, 8);
    const rows = accuracyScores([window(B, start, start + HOUR_MS, 500)], [], 'quarter', start - HOUR_MS, start + 2 * HOUR_MS);
    expect(rows).toEqual([expect.objectContaining({ afnemer: B, planned: 500, actual: 0, volumeError: null, bias: null, score: 0 })]);
  });

  it('ignores cancelled windows, so their hours are unannounced', () => {
    const start = Date.UTC(2027, 0, 11, 8);
    const rows = accuracyScores(
      [window(A, start, start + HOUR_MS, 500, 'geannuleerd')],
      [{ afnemer: A, hour: start, count: 400 }],
      'week',
      start,
      start + HOUR_MS,
    );
    expect(rows[0]).toMatchObject({ planned: 0, unannounced: 400, unannouncedShare: 1, score: 0 });
  });
});
