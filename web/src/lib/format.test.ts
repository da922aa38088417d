import { describe, expect, it } from 'vitest';
import { formatters } from './format';
import { amsterdamToMs as ams } from '@cd/shared/time';

const now = ams(2026, 11, 30, 12);
const nl = formatters('nl', now);
const en = formatters('en', now);

describe('dates on screen', () => {
  it('leave out the year inside the current year and show it outside', () => {
    expect(nl.dayMonth(ams(2026, 12, 2))).toBe('2 dec');
    expect(nl.dayMonth(ams(2027, 1, 4))).toBe('4 jan 2027');
    expect(nl.dateTimeShort(ams(2026, 12, 2, 14))).toBe('wo 2 dec, 14:00');
    expect(nl.dateTimeShort(ams(2027, 1, 6, 14))).toMatch(/^wo 6 jan 2027.*14:00$/);
    expect(nl.dateTimeShort(ams(2025, 12, 31, 9))).toContain('2025');
  });
});

describe('deadline', () => {
  it('reads 00:00 of the next day as the end of the day', () => {
    expect(nl.deadline(ams(2026, 12, 3))).toBe('wo 2 dec, einde dag');
    expect(en.deadline(ams(2026, 12, 3))).toBe('Wed 2 Dec, end of day');
  });
  it('keeps other times, and names the year outside this one', () => {
    expect(nl.deadline(ams(2026, 12, 2, 17))).toBe('wo 2 dec, 17:00');
    expect(nl.deadline(ams(2027, 1, 1))).toBe('do 31 dec, einde dag');
    expect(nl.deadline(ams(2027, 1, 2))).toBe('vr 1 jan 2027, einde dag');
  });
  it('finds the right day after a 23-hour day (spring) and a 25-hour day (autumn)', () => {
    expect(nl.deadline(ams(2027, 3, 29))).toBe('zo 28 mrt 2027, einde dag');
    expect(nl.deadline(ams(2026, 10, 26))).toBe('zo 25 okt, einde dag');
  });
});

describe('period', () => {
  it('writes an hour with one date, and whole days with dates only', () => {
    expect(nl.period(ams(2026, 12, 3, 10), ams(2026, 12, 3, 11))).toBe('do 3 dec, 10:00 – 11:00');
    expect(nl.period(ams(2026, 12, 3), ams(2026, 12, 4))).toBe('do 3 dec');
    expect(nl.period(ams(2026, 12, 3), ams(2026, 12, 6))).toBe('do 3 dec – za 5 dec');
    expect(nl.period(ams(2027, 3, 28), ams(2027, 3, 29))).toBe('zo 28 mrt 2027');
  });
});
