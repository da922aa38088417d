import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_SETTINGS, priorityDeadlines, snoDurationEnd, snoDurationText } from './priority.js';

describe('priorityDeadlines', () => {
  it('gives a P1 15 minutes to respond and 4 hours to resolve, round the clock', () => {
    const at = Date.parse('2027-01-16T22:00:00Z'); // Saturday night
    expect(priorityDeadlines('P1', at)).toEqual({ responseDueAt: at + 15 * 60_000, resolutionDueAt: at + 4 * 3_600_000 });
  });
  it('counts P3 resolution in Dutch working days, skipping the weekend', () => {
    const friday = Date.parse('2027-01-15T14:00:00Z');
    // Monday, Tuesday, Wednesday: due Thursday 00:00 Amsterdam.
    expect(new Date(priorityDeadlines('P3', friday).resolutionDueAt).toISOString()).toBe('2027-01-20T23:00:00.000Z');
  });
  it('uses given settings, and the default for a priority they leave out', () => {
    const settings = [{ priority: 'P2' as const, response: { amount: 30, unit: 'minutes' as const }, resolution: { amount: 120, unit: 'minutes' as const } }];
    expect(priorityDeadlines('P2', 0, settings)).toEqual({ responseDueAt: 30 * 60_000, resolutionDueAt: 120 * 60_000 });
    expect(priorityDeadlines('P1', 0, settings).resolutionDueAt).toBe(4 * 3_600_000);
  });
});

describe('snoDurationText', () => {
  it('reads as Dutch', () => {
    expect(DEFAULT_PRIORITY_SETTINGS.map((s) => `${snoDurationText(s.response)} / ${snoDurationText(s.resolution)}`)).toEqual([
      '15 minuten / 4 uur',
      '1 uur / 8 uur',
      '4 uur / 3 werkdagen',
      '1 werkdag / 10 werkdagen',
    ]);
  });
  it('keeps zero minutes as an instant end', () => {
    expect(snoDurationEnd(5, { amount: 0, unit: 'minutes' })).toBe(5);
  });
});
