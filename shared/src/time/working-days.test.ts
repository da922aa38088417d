import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUTCH_HOLIDAY_RULES, type HolidayRule, easterSundayOfYear, holidaysOfYear, workingDayIs, workingDaysAdd, workingDaysBetween } from './working-days.js';
import { AMSTERDAM_TIME_ZONE } from './zone.js';

/** An Amsterdam wall-clock time as an instant (the tests only use unambiguous times). */
function local(y: number, m: number, d: number, h = 0, min = 0): number {
  return new TZDate(y, m - 1, d, h, min, AMSTERDAM_TIME_ZONE).getTime();
}

describe('easterSundayOfYear', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('puts Easter %i on %s', (year, date) => {
    expect(easterSundayOfYear(year)).toBe(date);
  });

  it('always gives a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const date = easterSundayOfYear(year);
        expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(0);
        expect(date.slice(5) >= '03-22' && date.slice(5) <= '04-25').toBe(true);
      }),
    );
  });
});

describe('holidaysOfYear', () => {
  it('lists the Dutch holidays of 2026 in date order', () => {
    expect(holidaysOfYear(2026)).toEqual([
      { date: '2026-01-01', name: 'Nieuwjaarsdag' },
      { date: '2026-04-05', name: 'Eerste Paasdag' },
      { date: '2026-04-06', name: 'Tweede Paasdag' },
      { date: '2026-04-27', name: 'Koningsdag' },
      { date: '2026-05-05', name: 'Bevrijdingsdag' },
      { date: '2026-05-14', name: 'Hemelvaartsdag' },
      { date: '2026-05-24', name: 'Eerste Pinksterdag' },
      { date: '2026-05-25', name: 'Tweede Pinksterdag' },
      { date: '2026-12-25', name: 'Eerste Kerstdag' },
      { date: '2026-12-26', name: 'Tweede Kerstdag' },
    ]);
  });

  it('lists the Dutch holidays of 2027, with Easter before Koningsdag on Tuesday', () => {
    expect(holidaysOfYear(2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-03-28',
      '2027-03-29',
      '2027-04-27',
      '2027-05-05',
      '2027-05-06',
      '2027-05-16',
      '2027-05-17',
      '2027-12-25',
      '2027-12-26',
    ]);
  });

  it('moves Koningsdag to 26 April when 27 April is a Sunday', () => {
    expect(holidaysOfYear(2025)).toContainEqual({ date: '2025-04-26', name: 'Koningsdag' });
    expect(holidaysOfYear(2031)).toContainEqual({ date: '2031-04-26', name: 'Koningsdag' });
    expect(holidaysOfYear(2026)).toContainEqual({ date: '2026-04-27', name: 'Koningsdag' });
  });

  it('keeps both holidays when two fall on one date', () => {
    const may5 = holidaysOfYear(2016).filter((h) => h.date === '2016-05-05');
    expect(may5.map((h) => h.name)).toEqual(['Bevrijdingsdag', 'Hemelvaartsdag']);
  });

  it('has no Goede Vrijdag by default', () => {
    expect(holidaysOfYear(2026).map((h) => h.date)).not.toContain('2026-04-03');
  });

  it('follows other rules when given', () => {
    const rules: HolidayRule[] = [
      { kind: 'easter', name: 'Goede Vrijdag', offset: -2 },
      { kind: 'fixed', name: 'Bevrijdingsdag', month: 5, day: 5 },
    ];
    expect(holidaysOfYear(2026, rules)).toEqual([
      { date: '2026-04-03', name: 'Goede Vrijdag' },
      { date: '2026-05-05', name: 'Bevrijdingsdag' },
    ]);
  });
});

describe('workingDayIs', () => {
  it.each([
    ['2026-04-24', true, 'a plain Friday'],
    ['2026-04-25', false, 'a Saturday'],
    ['2026-04-26', false, 'a Sunday'],
    ['2026-04-27', false, 'Koningsdag 2026 (Monday)'],
    ['2027-04-27', false, 'Koningsdag 2027 (Tuesday)'],
    ['2026-04-03', true, 'Goede Vrijdag'],
    ['2026-04-06', false, 'Tweede Paasdag 2026'],
    ['2027-03-29', false, 'Tweede Paasdag 2027'],
    ['2026-05-05', false, 'Bevrijdingsdag 2026 (not a lustrum year)'],
    ['2026-05-14', false, 'Hemelvaartsdag 2026'],
    ['2027-05-06', false, 'Hemelvaartsdag 2027'],
    ['2026-05-25', false, 'Tweede Pinksterdag 2026'],
    ['2027-05-17', false, 'Tweede Pinksterdag 2027'],
    ['2026-12-25', false, 'Eerste Kerstdag 2026'],
    ['2026-12-24', true, 'Christmas Eve'],
    ['2027-01-01', false, 'Nieuwjaarsdag 2027'],
    ['2026-12-31', true, 'Oudejaarsdag'],
  ])('says %s is %s: %s', (date, expected) => {
    expect(workingDayIs(date)).toBe(expected);
  });

  it('treats a day as working when the rules say so', () => {
    expect(workingDayIs('2026-05-05', [])).toBe(true);
  });

  it('throws on a malformed or impossible date', () => {
    expect(() => workingDayIs('2026-02-30')).toThrow(RangeError);
    expect(() => workingDayIs('5-5-2026')).toThrow(RangeError);
  });
});

describe('workingDaysAdd', () => {
  it('ends at local midnight after the second working day, skipping Koningsdag 2027', () => {
    const deadline = workingDaysAdd(local(2027, 4, 23, 15), 2);
    expect(new Date(deadline).toISOString()).toBe('2027-04-28T22:00:00.000Z');
  });

  it.each([
    // [what, start (local), days, deadline (UTC)]
    ['a weekend', [2026, 1, 9, 16], 1, '2026-01-12T23:00:00.000Z'],
    ['a start on Saturday (Monday counts as the first)', [2026, 1, 10, 11], 1, '2026-01-12T23:00:00.000Z'],
    ['a start late in the evening (the local day counts)', [2027, 1, 15, 0, 30], 1, '2027-01-18T23:00:00.000Z'],
    ['Koningsdag 2026 on Monday', [2026, 4, 24, 9], 1, '2026-04-28T22:00:00.000Z'],
    ['Easter 2026 (Goede Vrijdag is a working day)', [2026, 4, 2, 9], 2, '2026-04-07T22:00:00.000Z'],
    ['Easter 2027 and the DST change on the same Sunday', [2027, 3, 26, 9], 1, '2027-03-30T22:00:00.000Z'],
    ['Bevrijdingsdag 2026', [2026, 5, 4, 9], 1, '2026-05-06T22:00:00.000Z'],
    ['Bevrijdingsdag and Hemelvaartsdag 2027', [2027, 5, 4, 9], 1, '2027-05-07T22:00:00.000Z'],
    ['Hemelvaartsdag 2026', [2026, 5, 13, 9], 1, '2026-05-15T22:00:00.000Z'],
    ['Pinksteren 2026', [2026, 5, 22, 9], 1, '2026-05-26T22:00:00.000Z'],
    ['Pinksteren 2027', [2027, 5, 14, 9], 1, '2027-05-18T22:00:00.000Z'],
    ['Christmas 2026 (Friday and Saturday)', [2026, 12, 24, 9], 1, '2026-12-28T23:00:00.000Z'],
    ['Christmas 2027 (a weekend)', [2027, 12, 24, 9], 1, '2027-12-27T23:00:00.000Z'],
    ['New Year 2027 (Friday)', [2026, 12, 31, 9], 1, '2027-01-04T23:00:00.000Z'],
    ['the spring DST change (CET start, CEST deadline)', [2026, 3, 27, 10], 2, '2026-03-31T22:00:00.000Z'],
    ['the autumn DST change (CEST start, CET deadline)', [2026, 10, 23, 10], 1, '2026-10-26T23:00:00.000Z'],
    ['five working days over Koningsdag 2027', [2027, 4, 23, 15], 5, '2027-05-03T22:00:00.000Z'],
  ] as const)('counts across %s', (_what, start, days, expected) => {
    const [y, m, d, h, min] = [...start, 0] as [number, number, number, number, number];
    expect(new Date(workingDaysAdd(local(y, m, d, h, min), days)).toISOString()).toBe(expected);
  });

  it('gives the end of the start’s own local day for 0 days, even on a holiday', () => {
    expect(workingDaysAdd(local(2026, 4, 27, 9), 0)).toBe(local(2026, 4, 28));
  });

  it('rejects negative and fractional days', () => {
    expect(() => workingDaysAdd(0, -1)).toThrow(RangeError);
    expect(() => workingDaysAdd(0, 1.5)).toThrow(RangeError);
  });

  it('always ends at local midnight after a working day, and workingDaysBetween counts the days back', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.integer({ min: 0, max: 30 }), (start, days) => {
        const deadline = workingDaysAdd(start, days);
        const end = new TZDate(deadline, AMSTERDAM_TIME_ZONE);
        expect([end.getHours(), end.getMinutes(), end.getSeconds(), end.getMilliseconds()]).toEqual([0, 0, 0, 0]);
        expect(deadline).toBeGreaterThan(start);
        expect(workingDaysBetween(start, deadline)).toBe(days);
        if (days > 0) {
          const last = new TZDate(deadline - 1, AMSTERDAM_TIME_ZONE);
          const pad = (n: number) => String(n).padStart(2, '0');
          expect(workingDayIs(`${last.getFullYear()}-${pad(last.getMonth() + 1)}-${pad(last.getDate())}`)).toBe(true);
        }
      }),
    );
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days strictly between two local days', () => {
    // Friday 24 April 2026 to Thursday 30 April: Tuesday 28 and Wednesday 29 (Monday is Koningsdag).
    expect(workingDaysBetween(local(2026, 4, 24, 12), local(2026, 4, 30, 8))).toBe(2);
  });

  it('gives 0 for the same or the next day, and for a reversed pair', () => {
    expect(workingDaysBetween(local(2026, 1, 12, 9), local(2026, 1, 12, 17))).toBe(0);
    expect(workingDaysBetween(local(2026, 1, 12, 9), local(2026, 1, 13, 9))).toBe(0);
    expect(workingDaysBetween(local(2026, 1, 20), local(2026, 1, 12))).toBe(0);
  });

  it('honours the given rules', () => {
    expect(workingDaysBetween(local(2026, 5, 4), local(2026, 5, 6), DUTCH_HOLIDAY_RULES)).toBe(0);
    expect(workingDaysBetween(local(2026, 5, 4), local(2026, 5, 6), [])).toBe(1);
  });
});
