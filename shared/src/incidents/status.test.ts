import { describe, expect, it } from 'vitest';
import { analysisRequestAllowed, incidentStatusAllowed, incidentStatusNext } from './status.js';
import { incidentActionsFor, incidentReportPriority, type IncidentFacts } from './actions.js';
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
    calamityProposedAt: null,
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
  it('lets the incident manager set the priority, agree a resolution time and propose a calamity once', () => {
    const acts = incidentActionsFor(facts, { role: 'incident-manager', afnemer: null });
    expect(acts).toEqual(expect.arrayContaining(['priority', 'agree-resolution', 'propose-calamity', 'close']));
    expect(incidentActionsFor({ ...facts, calamityProposedAt: 1 }, { role: 'incident-manager', afnemer: null })).not.toContain('propose-calamity');
    expect(incidentActionsFor({ ...facts, calamityAt: 1 }, { role: 'incident-manager', afnemer: null })).not.toContain('propose-calamity');
    expect(incidentActionsFor(facts, { role: 'planner', afnemer: 'A' })).not.toContain('agree-resolution');
    expect(incidentActionsFor(facts, { role: 'service-manager', afnemer: null })).not.toContain('agree-resolution');
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

describe('incidentReportPriority', () => {
  it('lets Logius set the priority, and keeps a proposal it was told beside it', () => {
    expect(incidentReportPriority('incident-manager', { priority: 'P2', proposedPriority: 'P1' })).toEqual({
      ok: true,
      priority: 'P2',
      proposedPriority: 'P1',
      prioritised: true,
    });
    expect(incidentReportPriority('incident-manager', { proposedPriority: 'P1' })).toMatchObject({ ok: false, status: 400, field: 'priority' });
  });
  it('lets the reporting Afnemer only propose: the clock runs on the proposal until Logius sets it', () => {
    expect(incidentReportPriority('planner', { proposedPriority: 'P1' })).toEqual({ ok: true, priority: 'P1', proposedPriority: 'P1', prioritised: false });
    expect(incidentReportPriority('planner', { priority: 'P4' })).toMatchObject({ ok: false, status: 403, field: 'priority' });
    expect(incidentReportPriority('planner', { priority: 'P1', proposedPriority: 'P1' })).toMatchObject({ ok: false, status: 403 });
    expect(incidentReportPriority('planner', {})).toMatchObject({ ok: false, status: 400, field: 'proposedPriority' });
  });
  it('gives a role that may neither set nor propose a 403', () => {
    expect(incidentReportPriority('fraudeteam', { proposedPriority: 'P1' })).toMatchObject({ ok: false, status: 403 });
  });
});
