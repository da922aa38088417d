import { describe, expect, it } from 'vitest';
import {
  amsterdamDayIso,
  amsterdamDayNumber,
  amsterdamDayStart,
  amsterdamHourOfWeek,
  amsterdamHourOfWeekByUtcHour,
  amsterdamMinuteOfDay,
  amsterdamOffsetAt,
  amsterdamOffsetAtUtcHour,
} from './local-time.js';
import { hourOfWeekBrute } from '../planning/planning.brute.js';

const HOUR = 3_600_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('amsterdamOffsetAt', () => {
  it('is one hour in winter and two in summer', () => {
    expect(amsterdamOffsetAt(utc(2027, 1, 13, 12))).toBe(HOUR);
    expect(amsterdamOffsetAt(utc(2027, 7, 14, 12))).toBe(2 * HOUR);
  });

  it.each([
    [2026, 3, 29, HOUR, 2 * HOUR],
    [2026, 10, 25, 2 * HOUR, HOUR],
    [2027, 3, 28, HOUR, 2 * HOUR],
    [2027, 10, 31, 2 * HOUR, HOUR],
  ])('switches at 01:00 UTC on %i-%i-%i', (y, m, d, before, after) => {
    expect(amsterdamOffsetAt(utc(y, m, d, 1) - 1)).toBe(before);
    expect(amsterdamOffsetAt(utc(y, m, d, 1))).toBe(after);
  });
});

describe('amsterdamOffsetAtUtcHour', () => {
  it('agrees with amsterdamOffsetAt on the hour', () => {
    const hour = utc(2026, 10, 25, 1) / HOUR;
    expect(amsterdamOffsetAtUtcHour(hour - 1)).toBe(2 * HOUR);
    expect(amsterdamOffsetAtUtcHour(hour)).toBe(HOUR);
  });
});

describe('amsterdamHourOfWeek', () => {
  it('starts the week at Monday 00:00 local time', () => {
    // Monday 2027-01-11 00:00 local is Sunday 23:00 UTC.
    expect(amsterdamHourOfWeek(utc(2027, 1, 10, 23))).toBe(0);
    expect(amsterdamHourOfWeek(utc(2027, 1, 10, 23) - 1)).toBe(167);
  });

  it('gives both real hours of the autumn double hour the local hour Sunday 02:00', () => {
    expect(amsterdamHourOfWeek(utc(2026, 10, 25, 0, 30))).toBe(6 * 24 + 2);
    expect(amsterdamHourOfWeek(utc(2026, 10, 25, 1, 30))).toBe(6 * 24 + 2);
    expect(amsterdamHourOfWeek(utc(2026, 10, 25, 2, 0))).toBe(6 * 24 + 3);
  });

  it('never gives the missing spring hour Sunday 02:00', () => {
    expect(amsterdamHourOfWeek(utc(2027, 3, 28, 0, 59))).toBe(6 * 24 + 1);
    expect(amsterdamHourOfWeek(utc(2027, 3, 28, 1, 0))).toBe(6 * 24 + 3);
  });

  it('agrees with @date-fns/tz at the start and end of every UTC hour of 2026 and 2027', () => {
    const from = utc(2026, 1, 1) / HOUR;
    const to = utc(2028, 1, 1) / HOUR;
    const bulk = amsterdamHourOfWeekByUtcHour(from, to);
    let mismatches = 0;
    for (let h = from; h < to; h += 1) {
      const atStart = hourOfWeekBrute(h * HOUR);
      // The whole UTC hour lies in one local hour: the premise that lets a 15-minute bucket have one rate.
      if (atStart !== hourOfWeekBrute((h + 1) * HOUR - 1) || atStart !== bulk[h - from]) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('amsterdamHourOfWeekByUtcHour', () => {
  it('matches amsterdamHourOfWeek hour by hour across a DST week', () => {
    const from = utc(2027, 10, 27) / HOUR;
    const bulk = amsterdamHourOfWeekByUtcHour(from, from + 24 * 7);
    for (let i = 0; i < bulk.length; i++) expect(bulk[i]).toBe(amsterdamHourOfWeek((from + i) * HOUR));
  });

  it('gives an empty array for an empty range', () => {
    expect(amsterdamHourOfWeekByUtcHour(10, 10)).toHaveLength(0);
  });
});

describe('amsterdamMinuteOfDay', () => {
  it('jumps from 01:59 to 03:00 at the spring switch', () => {
    expect(amsterdamMinuteOfDay(utc(2027, 3, 28, 0, 59))).toBe(119);
    expect(amsterdamMinuteOfDay(utc(2027, 3, 28, 1, 0))).toBe(180);
  });

  it('runs through 02:00-03:00 twice at the autumn switch', () => {
    expect(amsterdamMinuteOfDay(utc(2027, 10, 31, 0, 30))).toBe(150);
    expect(amsterdamMinuteOfDay(utc(2027, 10, 31, 1, 30))).toBe(150);
  });
});

describe('amsterdamDayNumber', () => {
  it('puts 23:30 UTC in winter on the next local day', () => {
    expect(amsterdamDayIso(amsterdamDayNumber(utc(2027, 1, 14, 23, 30)))).toBe('2027-01-15');
    expect(amsterdamDayIso(amsterdamDayNumber(utc(2027, 1, 14, 22, 59)))).toBe('2027-01-14');
  });
});

describe('amsterdamDayStart', () => {
  it('gives local midnight, so the spring day lasts 23 hours and the autumn day 25', () => {
    const spring = amsterdamDayNumber(utc(2026, 3, 29, 12));
    expect(amsterdamDayStart(spring)).toBe(utc(2026, 3, 28, 23));
    expect(amsterdamDayStart(spring + 1) - amsterdamDayStart(spring)).toBe(23 * HOUR);
    const autumn = amsterdamDayNumber(utc(2026, 10, 25, 12));
    expect(amsterdamDayStart(autumn)).toBe(utc(2026, 10, 24, 22));
    expect(amsterdamDayStart(autumn + 1) - amsterdamDayStart(autumn)).toBe(25 * HOUR);
  });
});
