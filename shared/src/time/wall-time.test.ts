import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amsterdamWallTimeToInstant,
  instantFormatAmsterdamIso,
  instantToAmsterdamWallTime,
  parseDateTimeText,
  wallTimeFormatDutch,
  type WallTime,
} from './wall-time.js';

function wall(year: number, month: number, day: number, hour: number, minute = 0, second = 0): WallTime {
  return { year, month, day, hour, minute, second };
}

function instantOf(text: string): string {
  const r = parseDateTimeText(text);
  if (!r.ok) throw new Error(r.message);
  return r.instant.toISOString();
}

function messageOf(text: string): string {
  const r = parseDateTimeText(text);
  if (r.ok) throw new Error(`expected an error for ${text}, got ${r.instant.toISOString()}`);
  return r.message;
}

describe('amsterdamWallTimeToInstant', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(amsterdamWallTimeToInstant(wall(2027, 1, 15, 8))).toEqual({ ok: true, instant: new Date('2027-01-15T07:00:00Z') });
    expect(amsterdamWallTimeToInstant(wall(2027, 7, 15, 8))).toEqual({ ok: true, instant: new Date('2027-07-15T06:00:00Z') });
  });

  it.each([
    [2026, 3, 29],
    [2027, 3, 28],
  ])('reports the spring-forward hour of %i-%i-%i as a gap, and the edges as real times', (y, m, d) => {
    expect(amsterdamWallTimeToInstant(wall(y, m, d, 2, 0))).toEqual({ ok: false, reason: 'gap' });
    expect(amsterdamWallTimeToInstant(wall(y, m, d, 2, 30))).toEqual({ ok: false, reason: 'gap' });
    expect(amsterdamWallTimeToInstant(wall(y, m, d, 2, 59, 59))).toEqual({ ok: false, reason: 'gap' });
    const before = amsterdamWallTimeToInstant(wall(y, m, d, 1, 59, 59));
    const after = amsterdamWallTimeToInstant(wall(y, m, d, 3, 0));
    expect(before.ok && before.instant.toISOString()).toBe(new Date(Date.UTC(y, m - 1, d, 0, 59, 59)).toISOString());
    expect(after.ok && after.instant.toISOString()).toBe(new Date(Date.UTC(y, m - 1, d, 1, 0, 0)).toISOString());
  });

  it.each([
    [2026, 10, 25],
    [2027, 10, 31],
  ])('reports the doubled autumn hour of %i-%i-%i as ambiguous, and the edges as real times', (y, m, d) => {
    expect(amsterdamWallTimeToInstant(wall(y, m, d, 2, 0))).toEqual({ ok: false, reason: 'ambiguous' });
    expect(amsterdamWallTimeToInstant(wall(y, m, d, 2, 30))).toEqual({ ok: false, reason: 'ambiguous' });
    expect(amsterdamWallTimeToInstant(wall(y, m, d, 2, 59, 59))).toEqual({ ok: false, reason: 'ambiguous' });
    const before = amsterdamWallTimeToInstant(wall(y, m, d, 1, 59, 59));
    const after = amsterdamWallTimeToInstant(wall(y, m, d, 3, 0));
    expect(before.ok && before.instant.toISOString()).toBe(new Date(Date.UTC(y, m - 1, d - 1, 23, 59, 59)).toISOString());
    expect(after.ok && after.instant.toISOString()).toBe(new Date(Date.UTC(y, m - 1, d, 2, 0, 0)).toISOString());
  });

  it('handles historical transitions generically (1977 start, 1995 end in September)', () => {
    expect(amsterdamWallTimeToInstant(wall(1977, 4, 3, 2, 30))).toEqual({ ok: false, reason: 'gap' });
    expect(amsterdamWallTimeToInstant(wall(1995, 9, 24, 2, 30))).toEqual({ ok: false, reason: 'ambiguous' });
    expect(amsterdamWallTimeToInstant(wall(1995, 10, 29, 2, 30)).ok).toBe(true);
  });

  it('rejects impossible dates and times as invalid', () => {
    for (const w of [
      wall(2027, 2, 29, 8),
      wall(2027, 2, 31, 8),
      wall(2027, 4, 31, 8),
      wall(2027, 13, 1, 8),
      wall(2027, 0, 1, 8),
      wall(2027, 1, 0, 8),
      wall(2027, 1, 1, 24),
      wall(2027, 1, 1, 8, 60),
      wall(2027, 1, 1, 8, 0, 60),
      wall(999, 1, 1, 8),
      wall(2027.5, 1, 1, 8),
    ]) {
      expect(amsterdamWallTimeToInstant(w)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('accepts 29 February in a leap year', () => {
    expect(amsterdamWallTimeToInstant(wall(2028, 2, 29, 12)).ok).toBe(true);
  });

  it('round-trips every valid wall time it accepts (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 1980, max: 2100 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 59 }),
        }),
        (w) => {
          const r = amsterdamWallTimeToInstant(w);
          if (r.ok) {
            const { offsetMinutes: _, ...back } = instantToAmsterdamWallTime(r.instant);
            expect(back).toEqual(w);
          } else {
            // Only the DST hours (02:00-02:59 local) can fail for a valid date.
            expect(w.hour).toBe(2);
            expect(['gap', 'ambiguous']).toContain(r.reason);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('instantToAmsterdamWallTime', () => {
  it('gives the wall time and offset in force', () => {
    expect(instantToAmsterdamWallTime(new Date('2027-01-15T07:00:00Z'))).toEqual({ ...wall(2027, 1, 15, 8), offsetMinutes: 60 });
    expect(instantToAmsterdamWallTime(new Date('2027-07-15T06:00:00Z'))).toEqual({ ...wall(2027, 7, 15, 8), offsetMinutes: 120 });
  });
});

describe('instantFormatAmsterdamIso', () => {
  it('writes both occurrences of the doubled hour with their own offset', () => {
    expect(instantFormatAmsterdamIso(new Date('2027-10-31T00:30:00Z'))).toBe('2027-10-31T02:30:00+02:00');
    expect(instantFormatAmsterdamIso(new Date('2027-10-31T01:30:00Z'))).toBe('2027-10-31T02:30:00+01:00');
  });
});

describe('wallTimeFormatDutch', () => {
  it('writes dd-mm-jjjj uu:mm and adds seconds only when needed', () => {
    expect(wallTimeFormatDutch(wall(2027, 1, 5, 8))).toBe('05-01-2027 08:00');
    expect(wallTimeFormatDutch(wall(2027, 1, 5, 8, 0, 7))).toBe('05-01-2027 08:00:07');
  });
});

describe('parseDateTimeText', () => {
  it('reads dd-mm-jjjj uu:mm as Amsterdam time in winter and summer', () => {
    expect(instantOf('15-01-2027 08:00')).toBe('2027-01-15T07:00:00.000Z');
    expect(instantOf('15-07-2027 08:00')).toBe('2027-07-15T06:00:00.000Z');
  });

  it('accepts short day and month, slashes, seconds, a T and extra spaces', () => {
    expect(instantOf('5-1-2027 8:05')).toBe('2027-01-05T07:05:00.000Z');
    expect(instantOf('05/01/2027 08:05')).toBe('2027-01-05T07:05:00.000Z');
    expect(instantOf('05-01-2027 08:05:30')).toBe('2027-01-05T07:05:30.000Z');
    expect(instantOf('05-01-2027T08:05')).toBe('2027-01-05T07:05:00.000Z');
    expect(instantOf('  05-01-2027   08:05 ')).toBe('2027-01-05T07:05:00.000Z');
    expect(instantOf('05-01-2027\u00A008:05')).toBe('2027-01-05T07:05:00.000Z');
  });

  it('rejects mixed date separators', () => {
    expect(messageOf('05-01/2027 08:05')).toMatch(/geen geldige datum/);
  });

  it('reads ISO 8601 with an offset or Z literally', () => {
    expect(instantOf('2027-01-15T08:00:00+01:00')).toBe('2027-01-15T07:00:00.000Z');
    expect(instantOf('2027-01-15T08:00Z')).toBe('2027-01-15T08:00:00.000Z');
    expect(instantOf('2027-01-15T08:00:00.250z')).toBe('2027-01-15T08:00:00.250Z');
    expect(instantOf('2027-01-15T08:00:00-0330')).toBe('2027-01-15T11:30:00.000Z');
    expect(instantOf('2027-01-15 08:00:00+05:30')).toBe('2027-01-15T02:30:00.000Z');
  });

  it('reads ISO 8601 without an offset as Amsterdam time', () => {
    expect(instantOf('2027-01-15T08:00:00')).toBe('2027-01-15T07:00:00.000Z');
    expect(instantOf('2027-07-15T08:00')).toBe('2027-07-15T06:00:00.000Z');
  });

  it('accepts a time in the gap or the doubled hour once an offset is given', () => {
    expect(instantOf('2027-03-28T03:30:00+02:00')).toBe('2027-03-28T01:30:00.000Z');
    expect(instantOf('2027-10-31T02:30:00+02:00')).toBe('2027-10-31T00:30:00.000Z');
    expect(instantOf('2027-10-31T02:30:00+01:00')).toBe('2027-10-31T01:30:00.000Z');
  });

  it.each(['28-03-2027 02:30', '2027-03-28T02:30', '29-03-2026 02:00'])('explains that %s does not exist (zomertijd begins) and asks for an offset', (text) => {
    const message = messageOf(text);
    expect(message).toMatch(/bestaat niet in Nederland/);
    expect(message).toMatch(/zomertijd/);
    expect(message).toMatch(/offset/);
  });

  it('suggests the equivalent summer time for a time in the gap', () => {
    expect(messageOf('28-03-2027 02:30')).toContain('2027-03-28T03:30:00+02:00');
  });

  it.each(['31-10-2027 02:30', '2027-10-31T02:30:00', '25-10-2026 02:15'])(
    'explains that %s occurs twice (einde zomertijd) and offers both offsets',
    (text) => {
      const message = messageOf(text);
      expect(message).toMatch(/twee keer/);
      expect(message).toMatch(/eindigt de zomertijd/);
      expect(message).toMatch(/\+02:00/);
      expect(message).toMatch(/\+01:00/);
    },
  );

  it('rejects dates that do not exist on the calendar', () => {
    expect(messageOf('31-02-2027 08:00')).toMatch(/bestaat niet/);
    expect(messageOf('29-02-2027 08:00')).toMatch(/bestaat niet/);
    expect(messageOf('2027-02-30T08:00:00+01:00')).toMatch(/bestaat niet/);
    expect(messageOf('32-01-2027 08:00')).toMatch(/bestaat niet/);
    expect(messageOf('15-01-2027 24:00')).toMatch(/bestaat niet/);
  });

  it('says when the time is missing', () => {
    expect(messageOf('15-01-2027')).toMatch(/tijd ontbreekt/);
    expect(messageOf('2027-01-15')).toMatch(/tijd ontbreekt/);
  });

  it('rejects garbage, empty text and impossible offsets in Dutch', () => {
    expect(messageOf('morgen')).toMatch(/geen geldige datum en tijd.*dd-mm-jjjj uu:mm/);
    expect(messageOf('')).toMatch(/ontbreken/);
    expect(messageOf('2027-01-15T08:00:00+24:00')).toMatch(/geen geldige datum/);
    expect(messageOf('15-01-27 08:00')).toMatch(/geen geldige datum/);
  });

  it('gives back the instant of any Amsterdam wall time written as dd-mm-jjjj uu:mm, except in the doubled hour (property)', () => {
    const from = Date.UTC(2000, 0, 1) / 60_000;
    const to = Date.UTC(2100, 0, 1) / 60_000;
    const anyMinute = fc.integer({ min: from, max: to });
    // Minutes within three hours of a DST transition (01:00 UTC on the last Sunday of March or October).
    const nearTransition = fc
      .record({ year: fc.integer({ min: 2000, max: 2099 }), month: fc.constantFrom(2, 9), delta: fc.integer({ min: -180, max: 180 }) })
      .map(({ year, month, delta }) => {
        const lastDay = new Date(Date.UTC(year, month + 1, 0));
        const lastSunday = Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
        return lastSunday / 60_000 + delta;
      });
    fc.assert(
      fc.property(fc.oneof(anyMinute, nearTransition), (minutes) => {
        const instant = new Date(minutes * 60_000);
        const text = wallTimeFormatDutch(instantToAmsterdamWallTime(instant));
        const sameWall = (d: Date): boolean => wallTimeFormatDutch(instantToAmsterdamWallTime(d)) === text;
        const ambiguous = sameWall(new Date(instant.getTime() - 3_600_000)) || sameWall(new Date(instant.getTime() + 3_600_000));
        const r = parseDateTimeText(text);
        if (ambiguous) {
          expect(r.ok).toBe(false);
          expect(!r.ok && r.message).toMatch(/twee keer/);
        } else {
          expect(r.ok && r.instant.toISOString()).toBe(instant.toISOString());
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('recognises the doubled hour with the oracle the property uses', () => {
    const instant = new Date('2027-10-31T00:30:00Z');
    const text = wallTimeFormatDutch(instantToAmsterdamWallTime(instant));
    expect(text).toBe('31-10-2027 02:30');
    expect(wallTimeFormatDutch(instantToAmsterdamWallTime(new Date(instant.getTime() + 3_600_000)))).toBe(text);
  });
});
