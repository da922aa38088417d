import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECURITY_SEVERITIES, SECURITY_STATUSES } from './model.js';
import { quarterRange, securityPeriodicSummary, type SecurityIncidentFacts } from './report.js';

const H = 3_600_000;

describe('quarterRange', () => {
  it('starts and ends at Amsterdam midnight, in winter and in summer time', () => {
    const q1 = quarterRange(2027, 1);
    expect(new Date(q1.start).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(new Date(q1.end).toISOString()).toBe('2027-03-31T22:00:00.000Z');
    expect(new Date(quarterRange(2027, 4).end).toISOString()).toBe('2027-12-31T23:00:00.000Z');
  });
});

describe('securityPeriodicSummary', () => {
  const base: SecurityIncidentFacts = { afnemerOin: 'A', severity: 'hoog', status: 'gemeld', reportedAt: 0, closedAt: null, level: 0 };

  it('counts the period half-open and averages the time to close over the closed ones', () => {
    const s = securityPeriodicSummary(
      [
        { ...base, reportedAt: 0, status: 'afgesloten', closedAt: 2 * H },
        { ...base, reportedAt: H, status: 'afgesloten', closedAt: 5 * H, afnemerOin: null, severity: 'laag', level: 2 },
        { ...base, reportedAt: 9 * H },
        { ...base, reportedAt: 10 * H },
      ],
      0,
      10 * H,
    );
    expect(s).toEqual({
      total: 3,
      byStatus: { gemeld: 1, 'in-behandeling': 0, afgesloten: 2 },
      bySeverity: { laag: 1, middel: 0, hoog: 2, kritiek: 0 },
      byAfnemer: { A: 2, logius: 1 },
      escalated: 1,
      closed: 2,
      meanTimeToCloseMs: 3 * H,
    });
    expect(securityPeriodicSummary([], 0, H).meanTimeToCloseMs).toBeNull();
  });

  it('agrees with a brute-force count for any set of incidents', () => {
    const incident = fc.record({
      afnemerOin: fc.constantFrom('A', 'B', null),
      severity: fc.constantFrom(...SECURITY_SEVERITIES),
      status: fc.constantFrom(...SECURITY_STATUSES),
      reportedAt: fc.integer({ min: -20, max: 120 }),
      closedAt: fc.option(fc.integer({ min: 0, max: 500 })),
      level: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 40 }), (list) => {
        const s = securityPeriodicSummary(list, 0, 100);
        const inside = list.filter((i) => i.reportedAt >= 0 && i.reportedAt < 100);
        expect(s.total).toBe(inside.length);
        for (const st of SECURITY_STATUSES) expect(s.byStatus[st]).toBe(inside.filter((i) => i.status === st).length);
        expect(Object.values(s.byAfnemer).reduce((a, b) => a + b, 0)).toBe(inside.length);
        const closed = inside.filter((i) => i.status === 'afgesloten' && i.closedAt !== null);
        expect(s.closed).toBe(closed.length);
        const mean = closed.length ? Math.round(closed.reduce((a, i) => a + (i.closedAt! - i.reportedAt), 0) / closed.length) : null;
        expect(s.meanTimeToCloseMs).toBe(mean);
      }),
    );
  });
});
