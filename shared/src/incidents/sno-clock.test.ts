import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priorityDeadlines } from './priority.js';
import { snoClock } from './sno-clock.js';

const H = 3_600_000;

describe('snoClock', () => {
  it('runs with the time left before the deadline, and is exceeded at exactly the deadline', () => {
    expect(snoClock({ resolutionDueAt: 4 * H, stoppedAt: null, unit: 'minutes' }, H)).toEqual({ state: 'loopt', ms: 3 * H, workingDaysLeft: null });
    expect(snoClock({ resolutionDueAt: 4 * H, stoppedAt: null, unit: 'minutes' }, 4 * H)).toEqual({ state: 'overschreden', ms: 0, workingDaysLeft: null });
    expect(snoClock({ resolutionDueAt: 4 * H, stoppedAt: null, unit: 'minutes' }, 5 * H).ms).toBe(H);
  });
  it('is met when stopped at or before the deadline, and not met when stopped after it', () => {
    expect(snoClock({ resolutionDueAt: 4 * H, stoppedAt: 4 * H, unit: 'minutes' }, 9 * H).state).toBe('gehaald');
    expect(snoClock({ resolutionDueAt: 4 * H, stoppedAt: 4 * H + 1, unit: 'minutes' }, 9 * H)).toEqual({ state: 'niet-gehaald', ms: 1, workingDaysLeft: null });
  });
  it('counts a P3 in working days: reported Friday, read on Monday, two whole working days are left', () => {
    const friday = Date.parse('2027-01-15T14:00:00Z');
    const due = priorityDeadlines('P3', friday).resolutionDueAt; // Thursday 00:00 Amsterdam
    const monday = Date.parse('2027-01-18T09:00:00Z');
    expect(snoClock({ resolutionDueAt: due, stoppedAt: null, unit: 'working-days' }, monday)).toMatchObject({ state: 'loopt', workingDaysLeft: 2 });
  });
  it('skips the weekend and Easter Monday across the DST change in Amsterdam (Friday 26 March 2027, due Friday 2 April)', () => {
    const friday = Date.parse('2027-03-26T10:00:00Z');
    const due = priorityDeadlines('P3', friday).resolutionDueAt;
    expect(new Date(due).toISOString()).toBe('2027-04-01T22:00:00.000Z'); // Friday 2 April 00:00 CEST: Tue, Wed, Thu
    expect(snoClock({ resolutionDueAt: due, stoppedAt: null, unit: 'working-days' }, friday).workingDaysLeft).toBe(3);
  });
  it('runs exactly while now is before the deadline and nothing stopped it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * H }), fc.integer({ min: 0, max: 100 * H }), (due, now) => {
        const c = snoClock({ resolutionDueAt: due, stoppedAt: null, unit: 'minutes' }, now);
        expect(c.state === 'loopt').toBe(now < due);
        expect(c.ms).toBe(Math.abs(due - now));
      }),
    );
  });
});
