import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftWords } from './shift-words.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** An instant by its Amsterdam wall clock, given the offset in force then. */
const at = (iso: string) => Date.parse(iso);

describe('shiftWords', () => {
  it('says the shift in days, hours and minutes, later or earlier', () => {
    const t = at('2027-02-01T10:00:00+01:00');
    expect(shiftWords(t, t + 13 * DAY)).toBe('13 dagen later');
    expect(shiftWords(t, t - 2 * HOUR)).toBe('2 uur eerder');
    expect(shiftWords(t, t + DAY)).toBe('1 dag later');
    expect(shiftWords(t, t + 1 * HOUR)).toBe('1 uur later');
    expect(shiftWords(t, t - 45 * MIN)).toBe('45 minuten eerder');
    expect(shiftWords(t, t + MIN)).toBe('1 minuut later');
    expect(shiftWords(t, t + DAY + 3 * HOUR)).toBe('1 dag en 3 uur later');
    expect(shiftWords(t, t - (2 * DAY + 2 * HOUR + 15 * MIN))).toBe('2 dagen, 2 uur en 15 minuten eerder');
    expect(shiftWords(t, t)).toBe('op hetzelfde tijdstip');
  });

  it('speaks English when asked', () => {
    const t = at('2027-02-01T10:00:00+01:00');
    expect(shiftWords(t, t + 13 * DAY, 'en')).toBe('13 days later');
    expect(shiftWords(t, t - (HOUR + 30 * MIN), 'en')).toBe('1 hour and 30 minutes earlier');
    expect(shiftWords(t, t, 'en')).toBe('at the same time');
  });

  it('counts by the clock in Amsterdam across a change to or from summer time', () => {
    // 10:00 on Friday 26 March to 10:00 on Monday 29 March 2027: 71 real hours, 3 days on the clock.
    expect(shiftWords(at('2027-03-26T10:00:00+01:00'), at('2027-03-29T10:00:00+02:00'))).toBe('3 dagen later');
    expect(shiftWords(at('2027-10-29T10:00:00+02:00'), at('2027-11-01T10:00:00+01:00'))).toBe('3 dagen later');
    // Over the night of the jump: 01:30 to 03:30 is one real hour but two on the clock.
    expect(shiftWords(at('2027-03-28T01:30:00+01:00'), at('2027-03-28T03:30:00+02:00'))).toBe('2 uur later');
  });

  it('tells the real difference inside the doubled autumn hour, where the clock shows the same time', () => {
    expect(shiftWords(at('2027-10-31T02:30:00+02:00'), at('2027-10-31T02:30:00+01:00'))).toBe('1 uur later');
  });

  it('is the mirror image when the move is reversed, and says later exactly when the clock moves forward', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2029, 0, 1) }), fc.integer({ min: -40 * DAY, max: 40 * DAY }), (from, shift) => {
        const from15 = Math.floor(from / (15 * MIN)) * 15 * MIN;
        const to = from15 + Math.floor(shift / MIN) * MIN;
        const forward = shiftWords(from15, to);
        const back = shiftWords(to, from15);
        expect(back.replace(/eerder$|later$/, '')).toBe(forward.replace(/eerder$|later$/, ''));
        if (to > from15 + HOUR) expect(forward).toMatch(/later$/);
        if (to < from15 - HOUR) expect(forward).toMatch(/eerder$/);
      }),
      { numRuns: 300 },
    );
  });
});
