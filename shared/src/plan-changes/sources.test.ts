import { describe, expect, it } from 'vitest';
import { ROLES } from '../access/roles.js';
import { planChangeUndoerMay, planChangeUndoRefusal, planChangeUndoUntil, PLAN_CHANGE_UNDO_MS } from './sources.js';

const T = Date.parse('2027-01-11T10:00:00Z');
const change = { createdAt: T, userId: 7, undoneAt: null, changedSince: [] };
const maker = { id: 7, role: 'planner' } as const;

describe('planChangeUndoRefusal', () => {
  it('lets the maker undo until just before 15 minutes have passed', () => {
    expect(planChangeUndoUntil(T)).toBe(T + PLAN_CHANGE_UNDO_MS);
    expect(planChangeUndoRefusal(change, maker, T + PLAN_CHANGE_UNDO_MS - 1)).toBeNull();
    expect(planChangeUndoRefusal(change, maker, T + PLAN_CHANGE_UNDO_MS)).toMatchObject({ status: 409 });
  });

  it('lets the capacity manager undo, and refuses anyone else with 403', () => {
    expect(planChangeUndoRefusal(change, { id: 1, role: 'capacity-manager' }, T)).toBeNull();
    for (const role of ['planner', 'admin', 'service-manager', 'klantraad-manager'] as const) {
      expect(planChangeUndoRefusal(change, { id: 8, role }, T)).toMatchObject({ status: 403 });
    }
  });

  it('refuses a change undone already, or one whose windows changed since, naming them', () => {
    expect(planChangeUndoRefusal({ ...change, undoneAt: T + 1 }, maker, T + 2)).toEqual({ status: 409, message: 'Deze wijziging is al ongedaan gemaakt.' });
    expect(planChangeUndoRefusal({ ...change, changedSince: ['K-1', 'K-2'] }, maker, T)?.message).toMatch(/^Verzendmoment K-1, K-2 is sinds/);
  });
});

describe('planChangeUndoerMay', () => {
  it('lets the maker of any role undo, and of everyone else only the capacity manager', () => {
    for (const role of ROLES) {
      expect(planChangeUndoerMay({ id: 7, role }, 7), role).toBe(true);
      expect(planChangeUndoerMay({ id: 8, role }, 7), role).toBe(role === 'capacity-manager');
    }
  });

  it('leaves a change without a known maker to the capacity manager alone', () => {
    expect(planChangeUndoerMay({ id: 7, role: 'incident-manager' }, null)).toBe(false);
    expect(planChangeUndoerMay({ id: 7, role: 'capacity-manager' }, null)).toBe(true);
  });
});
