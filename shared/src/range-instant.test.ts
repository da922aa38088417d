import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantToAmsterdamWallTime } from './time/wall-time.js';
import { RangeInstant, rangeInstantParse } from './range-instant.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('rangeInstantParse', () => {
  it('reads a plain date as midnight in Amsterdam, winter and summer', () => {
    expect(rangeInstantParse('2027-01-01')).toEqual({ ok: true, iso: '2027-01-01T00:00:00+01:00' });
    expect(rangeInstantParse('2027-07-01')).toEqual({ ok: true, iso: '2027-07-01T00:00:00+02:00' });
  });

  it('gives the days on which the clock moves their real length: 23 hours in spring, 25 in autumn', () => {
    const ms = (text: string) => {
      const r = rangeInstantParse(text);
      if (!r.ok) throw new Error(r.message);
      return Date.parse(r.iso);
    };
    expect(rangeInstantParse('2027-03-28')).toEqual({ ok: true, iso: '2027-03-28T00:00:00+01:00' });
    expect(rangeInstantParse('2027-03-29')).toEqual({ ok: true, iso: '2027-03-29T00:00:00+02:00' });
    expect((ms('2027-03-29') - ms('2027-03-28')) / 3_600_000).toBe(23);
    expect(rangeInstantParse('2027-10-31')).toEqual({ ok: true, iso: '2027-10-31T00:00:00+02:00' });
    expect((ms('2027-11-01') - ms('2027-10-31')) / 3_600_000).toBe(25);
  });

  it('passes a date-time with offset through unchanged', () => {
    for (const text of ['2027-03-28T02:30:00+01:00', '2027-10-31T02:30:00+02:00', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00.123Z']) {
      expect(rangeInstantParse(text)).toEqual({ ok: true, iso: text });
    }
  });

  it('refuses impossible dates, date-times without offset and other text, in Dutch', () => {
    for (const text of ['2027-02-29', '2027-13-01', '2027-00-10', '2027-1-1', '2027-03-28T02:30:00', 'gisteren', '', '28-03-2027']) {
      const r = rangeInstantParse(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/bestaat niet|is geen datum of tijdstip/);
    }
  });

  it('maps every real date to the first instant of that day in Amsterdam (property)', () => {
    // From 1970: before 1940 Amsterdam kept a local mean time (UTC+00:19:32 until 1937), an offset with seconds that
    // ISO 8601 with hours and minutes cannot carry; no planning range reaches back that far.
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
        const r = rangeInstantParse(text);
        if (!r.ok) return false;
        const instant = new Date(r.iso);
        const wall = instantToAmsterdamWallTime(instant);
        const before = instantToAmsterdamWallTime(new Date(instant.getTime() - 1000));
        // That day at 00:00:00, and one second earlier is still the day before (brute-force definition of midnight).
        return (
          `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` === text &&
          wall.hour === 0 &&
          wall.minute === 0 &&
          wall.second === 0 &&
          !(before.year === wall.year && before.month === wall.month && before.day === wall.day)
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('RangeInstant', () => {
  it('parses into ISO 8601 with offset and reports a Dutch issue otherwise', () => {
    expect(RangeInstant.parse('2027-10-31')).toBe('2027-10-31T00:00:00+02:00');
    const bad = RangeInstant.safeParse('2027-02-30');
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toMatch(/^De datum 2027-02-30 bestaat niet\./);
  });
});
