import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineReading, shiftParts, shiftPartsByMinutes, yearShownIs } from './reading.js';
import { HOUR_MS, MINUTE_MS } from './units.js';
import { AMSTERDAM_TIME_ZONE } from './zone.js';

/** An instant from an Amsterdam wall time, through @date-fns/tz (not the module's own offsets). */
const ams = (y: number, mo: number, d: number, h = 0, mi = 0) => new TZDate(y, mo - 1, d, h, mi, AMSTERDAM_TIME_ZONE).getTime();

describe('yearShownIs', () => {
  const now = ams(2026, 11, 30, 12);
  it('hides the year of a date in the current Amsterdam year and shows it otherwise', () => {
    expect(yearShownIs(ams(2026, 1, 1, 0, 0), now)).toBe(false);
    expect(yearShownIs(ams(2026, 12, 31, 23, 59), now)).toBe(false);
    expect(yearShownIs(ams(2027, 1, 1, 0, 0), now)).toBe(true);
    expect(yearShownIs(ams(2025, 12, 31, 23, 59), now)).toBe(true);
  });
  it('reads the year by the Amsterdam clock, not by UTC', () => {
    // 1 Jan 2027 00:30 in Amsterdam is still 2026 in UTC.
    expect(new Date(ams(2027, 1, 1, 0, 30)).getUTCFullYear()).toBe(2026);
    expect(yearShownIs(ams(2027, 1, 1, 0, 30), now)).toBe(true);
  });
});

describe('deadlineReading', () => {
  it('reads a deadline at midnight as the end of the day before', () => {
    expect(deadlineReading(ams(2026, 12, 3))).toEqual({ dayStart: ams(2026, 12, 2), endOfDay: true });
  });
  it('reads any other time as that time on its own day', () => {
    expect(deadlineReading(ams(2026, 12, 3, 0, 1))).toEqual({ dayStart: ams(2026, 12, 3), endOfDay: false });
    expect(deadlineReading(ams(2026, 12, 2, 23, 59))).toEqual({ dayStart: ams(2026, 12, 2), endOfDay: false });
    expect(deadlineReading(ams(2026, 12, 3) + 1000)).toEqual({ dayStart: ams(2026, 12, 3), endOfDay: false });
  });
  it('finds the day before across the spring jump (a 23-hour day) and the autumn one (25 hours)', () => {
    expect(deadlineReading(ams(2027, 3, 29))).toEqual({ dayStart: ams(2027, 3, 28), endOfDay: true });
    expect(ams(2027, 3, 29) - ams(2027, 3, 28)).toBe(23 * HOUR_MS);
    expect(deadlineReading(ams(2026, 10, 26))).toEqual({ dayStart: ams(2026, 10, 25), endOfDay: true });
    expect(ams(2026, 10, 26) - ams(2026, 10, 25)).toBe(25 * HOUR_MS);
  });
  it('never calls UTC midnight the end of a day', () => {
    expect(deadlineReading(Date.UTC(2026, 11, 3)).endOfDay).toBe(false);
  });
});

describe('shiftParts', () => {
  it('writes a shift as calendar days and the hours and minutes left', () => {
    expect(shiftParts(ams(2026, 12, 1, 10), ams(2026, 12, 3, 13))).toEqual({ sign: 1, days: 2, hours: 3, minutes: 0 });
    expect(shiftParts(ams(2026, 12, 3, 13), ams(2026, 12, 1, 10))).toEqual({ sign: -1, days: 2, hours: 3, minutes: 0 });
    expect(shiftParts(ams(2026, 12, 1, 22), ams(2026, 12, 2, 1, 15))).toEqual({ sign: 1, days: 0, hours: 3, minutes: 15 });
    expect(shiftParts(ams(2026, 12, 1, 10), ams(2026, 12, 1, 10))).toEqual({ sign: 0, days: 0, hours: 0, minutes: 0 });
    expect(shiftPartsByMinutes(ams(2026, 12, 1, 10), -90)).toEqual({ sign: -1, days: 0, hours: 1, minutes: 30 });
  });
  it('counts a day across the spring jump as one day, although it has 23 hours', () => {
    // Saturday 27 March 2027 10:00 to Monday 29 March 13:00: 50 real hours, but 2 days and 3 hours by the clock.
    const [a, b] = [ams(2027, 3, 27, 10), ams(2027, 3, 29, 13)];
    expect((b - a) / HOUR_MS).toBe(50);
    expect(shiftParts(a, b)).toEqual({ sign: 1, days: 2, hours: 3, minutes: 0 });
  });
  it('counts a day across the autumn jump as one day, although it has 25 hours', () => {
    const [a, b] = [ams(2026, 10, 24, 10), ams(2026, 10, 25, 10)];
    expect((b - a) / HOUR_MS).toBe(25);
    expect(shiftParts(a, b)).toEqual({ sign: 1, days: 1, hours: 0, minutes: 0 });
  });
  it('counts real hours inside the night of a jump', () => {
    // 01:30 to 03:30 on 28 March 2027: the clock skips 02:00-03:00, so one hour passes.
    expect(shiftParts(ams(2027, 3, 28, 1, 30), ams(2027, 3, 28, 3, 30))).toEqual({ sign: 1, days: 0, hours: 1, minutes: 0 });
  });
  it('does not count a day that is not complete by the clock', () => {
    expect(shiftParts(ams(2026, 12, 1, 23), ams(2026, 12, 2, 22))).toEqual({ sign: 1, days: 0, hours: 23, minutes: 0 });
  });
  it('adds up: the same clock time `days` later plus the hours and minutes is the target (any instants 2000-2050)', () => {
    const minute = fc.integer({ min: Date.UTC(2000, 0, 1) / MINUTE_MS, max: Date.UTC(2050, 0, 1) / MINUTE_MS });
    fc.assert(
      fc.property(minute, fc.integer({ min: -60 * 24 * 400, max: 60 * 24 * 400 }), (m, delta) => {
        const from = m * MINUTE_MS;
        const to = from + delta * MINUTE_MS;
        const r = shiftParts(from, to);
        const [a, b] = from <= to ? [from, to] : [to, from];
        const wall = new TZDate(a, AMSTERDAM_TIME_ZONE);
        // Brute force: step the clock day by day through @date-fns/tz, as far as it stays at or before b.
        const sameClock = (d: number) =>
          new TZDate(wall.getFullYear(), wall.getMonth(), wall.getDate() + d, wall.getHours(), wall.getMinutes(), AMSTERDAM_TIME_ZONE).getTime();
        // The clock time of `a` may not exist on another day (spring gap) or exist twice (autumn): skip those.
        fc.pre(wall.getHours() !== 2 && wall.getHours() !== 1);
        let days = 0;
        while (sameClock(days + 1) <= b) days++;
        const rest = (b - (days === 0 ? a : sameClock(days))) / MINUTE_MS;
        expect(r).toEqual({ sign: Math.sign(delta), days, hours: Math.floor(rest / 60), minutes: rest % 60 });
      }),
      { numRuns: 300 },
    );
  });
});
