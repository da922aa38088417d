/** fast-check scenarios of windows and actuals for the accuracy property tests (test-only, not exported). */
import fc from 'fast-check';
import type { PlanWindow } from '../planning/types.js';
import { HOUR_MS, MINUTE_MS } from '../time/units.js';
import type { ActualHour } from './accuracy.js';
import { ACCURACY_PERIODS, type AccuracyPeriod } from './period.js';

export const OIN_A = '00000001001234567000';
export const OIN_B = '00000001009876543000';
/** 2027-03-14 local: the spring change (28 March) and a month boundary follow. */
export const SPRING = Date.UTC(2027, 2, 13, 23);
/** 2026-10-18 local: the autumn change (25 October) follows. */
export const AUTUMN = Date.UTC(2026, 9, 17, 22);

export interface Scenario {
  base: number;
  windows: PlanWindow[];
  actuals: ActualHour[];
  period: AccuracyPeriod;
}

/** Up to `maxWindows` windows and 60 actual hours of two Afnemers over about `days` days from a DST-crossing base. */
export const scenarioArb = (days = 30, maxWindows = 8): fc.Arbitrary<Scenario> =>
  fc
    .record({
      base: fc.constantFrom(SPRING, AUTUMN),
      windows: fc.array(
        fc.record({
          afnemer: fc.constantFrom(OIN_A, OIN_B),
          startMin: fc.integer({ min: -2 * 24 * 60, max: days * 24 * 60 }),
          lengthMin: fc.integer({ min: 1, max: 3 * 24 * 60 }),
          volume: fc.integer({ min: 0, max: 100_000 }),
          status: fc.constantFrom<PlanWindow['status']>('concept', 'definitief', 'geannuleerd'),
        }),
        { maxLength: maxWindows },
      ),
      actuals: fc.array(
        fc.record({ afnemer: fc.constantFrom(OIN_A, OIN_B), hour: fc.integer({ min: -24, max: (days + 1) * 24 }), count: fc.integer({ min: 0, max: 50_000 }) }),
        { maxLength: 60 },
      ),
      period: fc.constantFrom(...ACCURACY_PERIODS),
    })
    .map((s) => ({
      base: s.base,
      period: s.period,
      windows: s.windows.map((w, i) => ({
        id: i + 1,
        afnemer: w.afnemer,
        kenmerk: `k${i + 1}`,
        start: s.base + w.startMin * MINUTE_MS,
        end: s.base + (w.startMin + w.lengthMin) * MINUTE_MS,
        volume: w.volume,
        status: w.status,
      })),
      // One row per Afnemer and hour, as the table stores them.
      actuals: [...new Map(s.actuals.map((a) => [`${a.afnemer}|${a.hour}`, { afnemer: a.afnemer, hour: s.base + a.hour * HOUR_MS, count: a.count }])).values()],
    }));
