import { describe, expect, it } from 'vitest';
import { analysisRequestAllowed, incidentStatusAllowed, incidentStatusNext } from './status.js';
import { incidentActionsFor, type IncidentFacts } from './actions.js';
import { referenceFormat, referenceYear } from './reference.js';

describe('incidentStatusAllowed', () => {
  it('lets a solved incident reopen, and a closed one never move', () => {
    expect(incidentStatusAllowed('opgelost', 'in-behandeling')).toBe(true);
    expect(incidentStatusNext('gesloten')).toEqual([]);
    expect(incidentStatusAllowed('gemeld', 'gemeld')).toBe(false);
  });
});

describe('analysisRequestAllowed', () => {
  it('allows an analysis after a P1 (also one lowered later) or a calamity only', () => {
    expect(analysisRequestAllowed({ priority: 'P1', everP1: true, calamityAt: null })).toBe(true);
    expect(analysisRequestAllowed({ priority: 'P3', everP1: true, calamityAt: null })).toBe(true);
    expect(analysisRequestAllowed({ priority: 'P2', everP1: false, calamityAt: 5 })).toBe(true);
    expect(analysisRequestAllowed({ priority: 'P2', everP1: false, calamityAt: null })).toBe(false);
  });
});

describe('incidentActionsFor', () => {
  const facts: IncidentFacts = {
    kind: 'afnemer-systeem',
    status: 'gemeld',
    priority: 'P1',
    everP1: true,
    afnemers: ['A'],
    reportedByAfnemer: 'A',
    calamityAt: null,
    crisisAt: null,
    escalationLevel: 0,
  };
  it('lets the planner of the reporting Afnemer update, move and close its own disruption', () => {
    expect(incidentActionsFor(facts, { role: 'planner', afnemer: 'A' })).toEqual(['update', 'status', 'close', 'escalate', 'request-analysis']);
  });
  it('gives another Afnemer, and a klantraad-manager, nothing to do', () => {
    expect(incidentActionsFor(facts, { role: 'planner', afnemer: 'B' })).toEqual([]);
    expect(incidentActionsFor(facts, { role: 'klantraad-manager', afnemer: 'A' })).toEqual([]);
  });
  it('lets only the calamity manager confirm a calamity, and then record a crisis', () => {
    expect(incidentActionsFor(facts, { role: 'incident-manager', afnemer: null })).not.toContain('confirm-calamity');
    expect(incidentActionsFor(facts, { role: 'calamity-manager', afnemer: null })).toContain('confirm-calamity');
    const calamity = { ...facts, calamityAt: 1 };
    expect(incidentActionsFor(calamity, { role: 'calamity-manager', afnemer: null })).toContain('declare-crisis');
  });
  it('allows nothing on a closed incident, and no escalation past the top', () => {
    expect(incidentActionsFor({ ...facts, status: 'gesloten' }, { role: 'admin', afnemer: null })).toEqual([]);
    expect(incidentActionsFor({ ...facts, escalationLevel: 2 }, { role: 'admin', afnemer: null })).not.toContain('escalate');
  });
});

describe('referenceFormat', () => {
  it('pads the sequence to six digits', () => {
    expect(referenceFormat('INC', 2027, 123)).toBe('INC-2027-000123');
    expect(referenceFormat('FRD', 2027, 1234567)).toBe('FRD-2027-1234567');
  });
  it('takes the year in Amsterdam', () => {
    expect(referenceYear(Date.parse('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(referenceYear(Date.parse('2026-12-31T22:30:00Z'))).toBe(2026);
  });
});
