import { describe, expect, it } from 'vitest';
import { procedureNextStepOffered, procedureOverdue, procedureOverdueNotice } from './overdue.js';
import { AHEAD, NOW, OIN_A, OIN_B, STATES, type StateKey } from './procedure.fixtures.js';

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
    ['ja', 'planning-adjusted'],
    ['ja+', 'planning-adjusted'],
    ['pj', 'escalated'],
    ['e0', 'logius-decides'],
    ['e1', 'logius-decides'],
    ['ld', null],
    ['r', null],
  ] as [StateKey, string | null][])('offers %s, once overdue, the step %s', (key, expected) => {
    expect(procedureNextStepOffered(STATES[key], AHEAD)).toBe(expected);
  });
});

describe('procedureOverdueNotice', () => {
  it('says nothing before the deadline, nor for a resolved conflict', () => {
    expect(procedureOverdueNotice(STATES.pa, AHEAD - 1, 7)).toBeNull();
    expect(procedureOverdueNotice(STATES.r, Number.MAX_SAFE_INTEGER, 7)).toBeNull();
  });

  it.each([
    ['pa', [OIN_A, OIN_B], [], ['capacity-manager'], 'gezamenlijke afweging openen (stap 3)'],
    ['lc', [OIN_A, OIN_B], [], ['capacity-manager'], 'gezamenlijke afweging openen (stap 3)'],
    // Only B's assessment is missing: only B's planners are chased.
    ['ja', [OIN_B], [], ['capacity-manager'], `De afweging van 1 Afnemer ontbreekt nog: ${OIN_B}. Logius kan het advies nu vaststellen`],
    ['ja+', [], [], ['capacity-manager'], 'stel het advies vast (stap 4)'],
    ['pj', [OIN_A, OIN_B], [], ['capacity-manager'], 'escaleren naar de managers in de Klantraad (stap 5)'],
    ['e0', [], [OIN_A, OIN_B], ['capacity-manager', 'service-manager'], 'Logius voert nu de regie (stap 6)'],
    ['ld', [], [], ['capacity-manager', 'service-manager'], 'schaal op of leg een (nieuw) besluit vast'],
  ] as [StateKey, string[], string[], string[], string][])('tells who must act in %s once overdue', (key, planners, klantraad, logius, text) => {
    const notice = procedureOverdueNotice(STATES[key], AHEAD, 7)!;
    expect(notice.plannersOf).toEqual(planners);
    expect(notice.klantraadOf).toEqual(klantraad);
    expect(notice.logius).toEqual(logius);
    expect(notice.title).toMatch(/^Termijn verstreken: conflict 7 \(/);
    expect(notice.body).toContain(text);
    // The deadline in Amsterdam time, as a planner reads it.
    expect(notice.body).toMatch(/^De termijn liep af op \d{2}-\d{2}-\d{4} \d{2}:\d{2}\./);
  });
});
