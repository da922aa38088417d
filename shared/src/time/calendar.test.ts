import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amsterdamMidnightOf,
  amsterdamParts,
  amsterdamToMs,
  amsterdamWeekStart,
  fromLocalInputValue,
  toDateInputValue,
  toLocalInputValue,
} from './calendar.js';
import { HOUR_MS } from './units.js';
import { AMSTERDAM_TIME_ZONE } from './zone.js';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
/** 1990 .. 2060, the years users plan in, to the millisecond. */
const anyInstant = fc.integer({ min: utc(1990, 1, 1), max: utc(2060, 1, 1) });

/** Brute force: the wall-clock fields through @date-fns/tz, without the cached offsets. */
function partsBrute(ms: number) {
  const d = new TZDate(ms, AMSTERDAM_TIME_ZONE);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    weekday: (d.getDay() + 6) % 7,
  };
}

describe('amsterdamParts', () => {
  it('agrees with @date-fns/tz on every instant', () => {
    fc.assert(
      fc.property(anyInstant, (ms) => {
        expect(amsterdamParts(ms)).toEqual(partsBrute(ms));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the spring jump and both passes of the doubled autumn hour', () => {
    expect(amsterdamParts(utc(2027, 3, 28, 1))).toMatchObject({ day: 28, hour: 3, minute: 0, weekday: 6 });
    expect(amsterdamParts(utc(2026, 10, 25, 0, 30))).toMatchObject({ hour: 2, minute: 30 });
    expect(amsterdamParts(utc(2026, 10, 25, 1, 30))).toMatchObject({ hour: 2, minute: 30 });
  });
});

describe('amsterdamToMs', () => {
  it('is the inverse of amsterdamParts for every whole minute outside the doubled autumn hour', () => {
    fc.assert(
      fc.property(anyInstant, (raw) => {
        const ms = Math.floor(raw / 60_000) * 60_000;
        const p = amsterdamParts(ms);
        const back = amsterdamToMs(p.year, p.month, p.day, p.hour, p.minute);
        // In the doubled autumn hour the second pass (winter time) is chosen: one hour after the first.
        expect(back === ms || (back === ms + HOUR_MS && amsterdamParts(back).hour === p.hour)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the time after the spring gap and the second pass of the doubled autumn hour', () => {
    expect(new Date(amsterdamToMs(2027, 3, 28, 2, 30)).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(new Date(amsterdamToMs(2026, 10, 25, 2, 30)).toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  it('lets fields overflow like Date.UTC', () => {
    expect(amsterdamToMs(2027, 1, 32)).toBe(amsterdamToMs(2027, 2, 1));
    expect(amsterdamToMs(2026, 13, 1)).toBe(amsterdamToMs(2027, 1, 1));
  });
});

describe('amsterdamMidnightOf', () => {
  it('gives local midnight of the day and of days around it, also over DST', () => {
    const sunday = utc(2027, 3, 28, 12);
    expect(new Date(amsterdamMidnightOf(sunday)).toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(new Date(amsterdamMidnightOf(sunday, 1)).toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(new Date(amsterdamMidnightOf(sunday, -1)).toISOString()).toBe('2027-03-26T23:00:00.000Z');
  });

  it('is always a local 00:00 on or before the instant', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: -400, max: 400 }), (ms, days) => {
        const start = amsterdamMidnightOf(ms);
        expect(start).toBeLessThanOrEqual(ms);
        expect(amsterdamParts(start)).toMatchObject({ hour: 0, minute: 0, second: 0 });
        expect(toDateInputValue(start)).toBe(toDateInputValue(ms));
        expect(amsterdamParts(amsterdamMidnightOf(ms, days))).toMatchObject({ hour: 0, minute: 0 });
      }),
    );
  });
});

describe('amsterdamWeekStart', () => {
  it('gives Monday 00:00 of the week, also late on Sunday evening', () => {
    expect(new Date(amsterdamWeekStart(utc(2027, 1, 17, 22, 30))).toISOString()).toBe('2027-01-10T23:00:00.000Z');
    expect(new Date(amsterdamWeekStart(utc(2027, 1, 17, 23, 30))).toISOString()).toBe('2027-01-17T23:00:00.000Z');
    expect(new Date(amsterdamWeekStart(utc(2027, 1, 13), 1)).toISOString()).toBe('2027-01-17T23:00:00.000Z');
  });
});

describe('input values', () => {
  it('write and read datetime-local and date values in Amsterdam time', () => {
    expect(toLocalInputValue('2027-01-14T23:30:00Z')).toBe('2027-01-15T00:30');
    expect(toLocalInputValue(utc(2027, 7, 1, 6))).toBe('2027-07-01T08:00');
    expect(toDateInputValue(utc(2027, 1, 14, 23, 30))).toBe('2027-01-15');
    expect(fromLocalInputValue('2027-07-01T08:00')).toBe(utc(2027, 7, 1, 6));
    expect(fromLocalInputValue('2027-01-15')).toBe(utc(2027, 1, 14, 23));
    expect(fromLocalInputValue('15-01-2027')).toBeNull();
    expect(fromLocalInputValue('')).toBeNull();
  });

  it('round-trip every whole minute that occurs once', () => {
    fc.assert(
      fc.property(anyInstant, (raw) => {
        const ms = Math.floor(raw / 60_000) * 60_000;
        const back = fromLocalInputValue(toLocalInputValue(ms));
        expect(back === ms || back === ms + HOUR_MS).toBe(true);
      }),
    );
  });
});
