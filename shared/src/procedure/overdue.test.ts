import { describe, expect, it } from 'vitest';
import { procedureNextStepOffered, procedureOverdue } from './overdue.js';
import { AHEAD, NOW, STATES, type StateKey } from './procedure.fixtures.js';

describe('procedureOverdue', () => {
  it('is false before the deadline and true from the deadline instant on', () => {
    expect(procedureOverdue(STATES.pa, AHEAD - 1)).toBe(false);
    expect(procedureOverdue(STATES.pa, AHEAD)).toBe(true);
    expect(procedureOverdue(STATES['pa!'], NOW)).toBe(true);
  });

  it('is never true for a resolved conflict', () => {
    expect(procedureOverdue(STATES.r, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe('procedureNextStepOffered', () => {
  it('offers nothing while the step is within its deadline', () => {
    expect(procedureNextStepOffered(STATES.pa, NOW)).toBeNull();
  });

  it.each([
    ['pa', 'joint-assessment'],
    ['lc', 'joint-assessment'],
    ['ja', null],
    ['ja+', 'planning-adjusted'],
    ['pj', 'escalated'],
    ['e0', 'logius-decides'],
    ['e3', 'logius-decides'],
    ['ld', null],
    ['r', null],
  ] as [StateKey, string | null][])('offers %s, once overdue, the step %s', (key, expected) => {
    expect(procedureNextStepOffered(STATES[key], AHEAD)).toBe(expected);
  });
});
