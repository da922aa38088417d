import { amsterdamToMs } from '../time/calendar.js';
import { SECURITY_SEVERITIES, SECURITY_STATUSES, type SecuritySeverity, type SecurityStatus } from './model.js';

/** What the periodic report needs of one incident. */
export interface SecurityIncidentFacts {
  afnemerOin: string | null;
  severity: SecuritySeverity;
  status: SecurityStatus;
  reportedAt: number;
  closedAt: number | null;
  level: number;
}

/**
 * Returns the quarter [start, end) in Europe/Amsterdam as epoch milliseconds.
 * Edge: Q1 2027 starts at 2026-12-31T23:00Z (CET) and Q2 at 2027-03-31T22:00Z (CEST).
 */
export function quarterRange(year: number, quarter: 1 | 2 | 3 | 4): { start: number; end: number } {
  const month = (quarter - 1) * 3 + 1;
  const start = amsterdamToMs(year, month, 1);
  const end = quarter === 4 ? amsterdamToMs(year + 1, 1, 1) : amsterdamToMs(year, month + 3, 1);
  return { start, end };
}

export interface SecurityPeriodicSummary {
  total: number;
  byStatus: Record<SecurityStatus, number>;
  bySeverity: Record<SecuritySeverity, number>;
  /** Per reporting Afnemer (OIN); incidents Logius itself reported under null's key "logius". */
  byAfnemer: Record<string, number>;
  escalated: number;
  closed: number;
  /** Mean time from report to close of the incidents closed, in milliseconds; null when none closed. */
  meanTimeToCloseMs: number | null;
}

/**
 * Returns the periodic summary of the incidents reported in [start, end).
 * Edge: an incident reported exactly at `end` belongs to the next period; one closed after `end` counts as closed
 * only if it is closed now (the report shows the state of today).
 */
export function securityPeriodicSummary(incidents: readonly SecurityIncidentFacts[], start: number, end: number): SecurityPeriodicSummary {
  const byStatus = Object.fromEntries(SECURITY_STATUSES.map((s) => [s, 0])) as Record<SecurityStatus, number>;
  const bySeverity = Object.fromEntries(SECURITY_SEVERITIES.map((s) => [s, 0])) as Record<SecuritySeverity, number>;
  const byAfnemer: Record<string, number> = {};
  let total = 0;
  let escalated = 0;
  let closed = 0;
  let closeSum = 0;
  for (const i of incidents) {
    if (i.reportedAt < start || i.reportedAt >= end) continue;
    total++;
    byStatus[i.status]++;
    bySeverity[i.severity]++;
    const key = i.afnemerOin ?? 'logius';
    byAfnemer[key] = (byAfnemer[key] ?? 0) + 1;
    if (i.level > 0) escalated++;
    if (i.status === 'afgesloten' && i.closedAt !== null) {
      closed++;
      closeSum += i.closedAt - i.reportedAt;
    }
  }
  return { total, byStatus, bySeverity, byAfnemer, escalated, closed, meanTimeToCloseMs: closed === 0 ? null : Math.round(closeSum / closed) };
}
