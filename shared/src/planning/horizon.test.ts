import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amsterdamDayNumber, amsterdamMinuteOfDay } from '../time/local-time.js';
import { PLANNING_HORIZON_DEFAULT, planningHorizonAt, planningHorizonViolation } from './horizon.js';

const DAY = 86_400_000;
const now = Date.UTC(2027, 0, 11, 9);

describe('planningHorizonAt', () => {
  it('runs by default from local midnight a year back to the midnight after the day five years ahead', () => {
    const h = planningHorizonAt(PLANNING_HORIZON_DEFAULT, now);
    expect(h.text).toBe('11-01-2026 t/m 11-01-2032');
    expect(new Date(h.from).toISOString()).toBe('2026-01-10T23:00:00.000Z');
    expect(new Date(h.to).toISOString()).toBe('2032-01-11T23:00:00.000Z');
  });

  it('counts Amsterdam days, so late evening UTC already belongs to the next local day', () => {
    const h = planningHorizonAt({ daysBack: 0, daysAhead: 0 }, Date.UTC(2027, 0, 14, 23, 30));
    expect(h.text).toBe('15-01-2027 t/m 15-01-2027');
    expect(h.to - h.from).toBe(DAY);
  });

  it('spans DST changes with local midnights at both ends (summer edge is 22:00 UTC)', () => {
    const h = planningHorizonAt({ daysBack: 1, daysAhead: 200 }, Date.UTC(2027, 2, 28, 12));
    expect(new Date(h.from).toISOString()).toBe('2027-03-26T23:00:00.000Z');
    expect(amsterdamMinuteOfDay(h.to)).toBe(0);
    expect(new Date(h.to).getUTCHours()).toBe(22);
  });

  it('always starts and ends at local midnight, with today inside and exactly daysBack + daysAhead + 1 local days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 0, max: 4000 }),
        (at, daysBack, daysAhead) => {
          const h = planningHorizonAt({ daysBack, daysAhead }, at);
          expect(amsterdamMinuteOfDay(h.from)).toBe(0);
          expect(amsterdamMinuteOfDay(h.to)).toBe(0);
          expect(h.from).toBeLessThanOrEqual(at);
          expect(h.to).toBeGreaterThan(at);
          expect(amsterdamDayNumber(h.to) - amsterdamDayNumber(h.from)).toBe(daysBack + daysAhead + 1);
        },
      ),
    );
  });

  it('rejects settings that are negative, fractional or beyond a century', () => {
    expect(() => planningHorizonAt({ daysBack: -1, daysAhead: 10 }, now)).toThrow(RangeError);
    expect(() => planningHorizonAt({ daysBack: 1.5, daysAhead: 10 }, now)).toThrow(RangeError);
    expect(() => planningHorizonAt({ daysBack: 1, daysAhead: 36_501 }, now)).toThrow(RangeError);
    expect(() => planningHorizonAt({ daysBack: 1, daysAhead: 1 }, NaN)).toThrow(RangeError);
  });
});

describe('planningHorizonViolation', () => {
  const h = planningHorizonAt(PLANNING_HORIZON_DEFAULT, now);

  it('accepts both edges and refuses the millisecond beyond each', () => {
    expect(planningHorizonViolation(h, h.from)).toBeNull();
    expect(planningHorizonViolation(h, h.to)).toBeNull();
    expect(planningHorizonViolation(h, h.from - 1)).toBe('ligt buiten de planningshorizon (11-01-2026 t/m 11-01-2032)');
    expect(planningHorizonViolation(h, h.to + 1)).toBe('ligt buiten de planningshorizon (11-01-2026 t/m 11-01-2032)');
  });

  it('refuses the extremes JS can hold, and NaN', () => {
    for (const ms of [-8.64e15, 8.64e15, 0, Date.UTC(9999, 11, 31), NaN, Infinity, -Infinity]) {
      expect(planningHorizonViolation(h, ms)).not.toBeNull();
    }
  });
});
