import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amsterdamDayNumber, amsterdamDayStart } from '../time/local-time.js';
import { calendarSpanDays } from './calendar-days.js';

/** Brute force: every day whose [midnight, next midnight) overlaps the span. */
function daysOverlapping(start: number, end: number): number[] {
  const out: number[] = [];
  for (let d = amsterdamDayNumber(start) - 2; d <= amsterdamDayNumber(end) + 2; d++) {
    if (amsterdamDayStart(d) < end && amsterdamDayStart(d + 1) > start) out.push(d);
  }
  return out;
}

describe('calendarSpanDays', () => {
  it('puts a night release on both days, and one ending at midnight on one', () => {
    const start = Date.parse('2027-02-05T21:00:00Z'); // Friday 22:00 Amsterdam
    const two = calendarSpanDays(start, start + 4 * 3_600_000)!;
    expect(two.last - two.first).toBe(1);
    const one = calendarSpanDays(start, Date.parse('2027-02-05T23:00:00Z'))!; // until 00:00
    expect(one.last).toBe(one.first);
  });
  it('counts the 23-hour day of 28 March 2027 as one day', () => {
    const days = calendarSpanDays(Date.parse('2027-03-27T23:00:00Z'), Date.parse('2027-03-28T22:00:00Z'))!; // 00:00 to 24:00 local
    expect(days.first).toBe(days.last);
  });
  it('gives nothing for an empty span', () => {
    expect(calendarSpanDays(5, 5)).toBeNull();
  });
  it('agrees with the days whose midnight-to-midnight overlaps the span (property)', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 * 86_400_000 }), fc.integer({ min: 1, max: 10 * 86_400_000 }), (offset, length) => {
        const start = from + offset;
        const r = calendarSpanDays(start, start + length)!;
        const brute = daysOverlapping(start, start + length);
        expect([r.first, r.last]).toEqual([brute[0], brute.at(-1)]);
        expect(brute.length).toBe(r.last - r.first + 1);
      }),
    );
  });
});
