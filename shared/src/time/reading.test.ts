import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { deadlineReading, yearShownIs } from './reading.js';
import { HOUR_MS } from './units.js';
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
