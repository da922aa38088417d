import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumberDutch, deadlineLongDutch, instantClockDutch, instantDutch, instantLongDutch, spanDutch } from './dutch-text.js';
import { amsterdamDayNumber } from './local-time.js';
import { AMSTERDAM_TIME_ZONE } from './zone.js';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const anyInstant = fc.integer({ min: utc(1990, 1, 1), max: utc(2060, 1, 1) });
const p = (n: number) => String(n).padStart(2, '0');

describe('instantDutch', () => {
  it('agrees with @date-fns/tz on every instant', () => {
    fc.assert(
      fc.property(anyInstant, (ms) => {
        const d = new TZDate(ms, AMSTERDAM_TIME_ZONE);
        const brute = `${p(d.getDate())}-${p(d.getMonth() + 1)}-${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
        expect(instantDutch(ms)).toBe(brute);
      }),
      { numRuns: 2000 },
    );
  });

  it('shows the clock after the spring jump and drops seconds', () => {
    expect(instantDutch(utc(2027, 3, 28, 1))).toBe('28-03-2027 03:00');
    expect(instantDutch(utc(2027, 1, 15, 7, 0) + 59_999)).toBe('15-01-2027 08:00');
  });
});

describe('spanDutch', () => {
  it('names the date once within a day and twice across midnight', () => {
    expect(spanDutch(utc(2027, 2, 1, 9), utc(2027, 2, 1, 10))).toBe('01-02-2027 10:00 tot 11:00');
    expect(spanDutch(utc(2027, 2, 1, 22), utc(2027, 2, 1, 23))).toBe('01-02-2027 23:00 tot 02-02-2027 00:00');
  });
});

describe('dayNumberDutch', () => {
  it('writes the date of a day number as dd-mm-jjjj', () => {
    expect(dayNumberDutch(0)).toBe('01-01-1970');
    expect(dayNumberDutch(amsterdamDayNumber(utc(2027, 1, 14, 23, 30)))).toBe('15-01-2027');
  });
});

describe('instantLongDutch and instantClockDutch', () => {
  it('write the Amsterdam date and clock in Dutch words, whatever the zone of the machine', () => {
    expect(instantLongDutch(utc(2027, 2, 1, 9))).toBe('1 februari 2027 om 10:00');
    expect(instantLongDutch(utc(2027, 7, 1, 22, 15))).toBe('2 juli 2027 om 00:15');
    expect(instantClockDutch(utc(2027, 1, 14, 23, 30))).toBe('00:30');
    expect(instantClockDutch(utc(2027, 7, 14, 6, 5))).toBe('08:05');
  });
});

describe('deadlineLongDutch', () => {
  it('writes a deadline at midnight as the end of the day before, with its weekday', () => {
    expect(deadlineLongDutch(Date.parse('2026-12-02T23:00:00Z'))).toBe('woensdag 2 december 2026, einde dag');
    expect(deadlineLongDutch(Date.parse('2027-03-28T22:00:00Z'))).toBe('zondag 28 maart 2027, einde dag');
    expect(deadlineLongDutch(Date.parse('2026-10-25T23:00:00Z'))).toBe('zondag 25 oktober 2026, einde dag');
  });
  it('writes any other time as in a letter', () => {
    expect(deadlineLongDutch(Date.parse('2026-12-02T16:00:00Z'))).toBe('2 december 2026 om 17:00');
    expect(deadlineLongDutch(Date.parse('2026-12-02T23:01:00Z'))).toBe('3 december 2026 om 00:01');
  });
});
