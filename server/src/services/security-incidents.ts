import {
  afnemersList,
  logiusContactsWithRole,
  notify,
  outboxQueue,
  securityIncidentEvents,
  securityIncidentRecipients,
  securityIncidentsReportedIn,
  type Queryable,
  type SecurityIncidentRow,
  type Tx,
  type UserRow,
} from '@cd/db';
import {
  quarterRange,
  securityEscalationAudience,
  securityEscalationLevel,
  securityEscalationNext,
  securityPeriodicSummary,
  SECURITY_ALWAYS_INFORMED,
  type SecurityIncidentJson,
  type SecurityPeriodicReportJson,
} from '@cd/shared';
import { accessScope, roleMay } from '@cd/shared/access';
import { ProblemError } from '../lib/problem.js';

/**
 * The incident as this user may see it. Another Afnemer's incident, and any incident for a role without the
 * capability, is 404 whether or not it exists (as for every scoped resource of the API).
 */
export function securityIncidentVisible(s: SecurityIncidentRow | null, user: UserRow): SecurityIncidentRow {
  const scope = accessScope(user, 'security-incident.read');
  if (!s || !roleMay(user.role, 'security-incident.read') || (scope !== null && s.afnemerOin !== scope)) {
    throw new ProblemError(404, 'Dit beveiligingsincident bestaat niet.');
  }
  return s;
}

/** The JSON of one incident with its trail. */
export async function securityIncidentJson(sql: Queryable, s: SecurityIncidentRow): Promise<SecurityIncidentJson> {
  const events = await securityIncidentEvents(sql, s.id);
  return {
    id: s.id,
    reference: s.reference,
    title: s.title,
    description: s.description,
    severity: s.severity,
    status: s.status,
    afnemer: s.afnemerOin,
    afnemerName: s.afnemerName,
    reportedBy: s.reportedBy,
    reportedAt: s.reportedAt.toISOString(),
    discoveredAt: s.discoveredAt?.toISOString() ?? null,
    closedAt: s.closedAt?.toISOString() ?? null,
    level: s.level,
    levelTitle: securityEscalationLevel(s.level)?.title ?? null,
    nextLevelTitle: s.status === 'afgesloten' ? null : (securityEscalationNext(s.level)?.title ?? null),
    events: events.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actorEmail, actorRole: e.actorRole, action: e.action, payload: e.payload })),
  };
}

/**
 * Tells the people of a new level (section 7.3 "escaleren en informeren"): the level's Logius roles and the
 * security officer in the app and by e-mail, the level's Logius contacts (Bijlage 1) by e-mail, and the reporting
 * Afnemer's planners. The message names the incident and the level only: its content stays in the dashboard,
 * behind the access rules (the outbox is read by the administrator).
 */
export async function securityEscalationNotify(tx: Tx, s: SecurityIncidentRow, level: number, at: Date) {
  const audience = securityEscalationAudience(level, s.afnemerOin !== null);
  if (!audience) return;
  const title = `Beveiligingsincident ${s.reference} geëscaleerd naar niveau ${level}: ${securityEscalationLevel(level)!.title}`;
  const body = 'Een beveiligingsincident is geëscaleerd volgens het escalatiemodel (DAP 6.2 en 7.3). Bekijk het in het dashboard.';
  const users = await securityIncidentRecipients(tx, audience.roles, audience.informReportingAfnemer ? s.afnemerOin : null, 'planner');
  await notify(tx, users, { conflictId: null, title, body }, at);
  const mailed = new Set(users.map((u) => u.email));
  for (const c of await logiusContactsWithRole(tx, audience.contactRole)) {
    if (mailed.has(c.email)) continue;
    mailed.add(c.email);
    await outboxQueue(tx, c.email, { title, body }, at);
  }
}

/** Tells the security officers of a new report (in the app and by e-mail), without its content. */
export async function securityReportNotify(tx: Tx, s: { reference: string; severity: string }, at: Date) {
  const users = await securityIncidentRecipients(tx, SECURITY_ALWAYS_INFORMED, null, 'planner');
  await notify(
    tx,
    users,
    {
      conflictId: null,
      title: `Nieuw beveiligingsincident ${s.reference} (ernst ${s.severity})`,
      body: 'Er is een beveiligingsincident gemeld. Bekijk het in het dashboard.',
    },
    at,
  );
}

/** The periodic (quarterly) report: figures from the pure summary, and the incidents it counts. */
export async function securityPeriodicReport(sql: Queryable, year: number, quarter: 1 | 2 | 3 | 4): Promise<SecurityPeriodicReportJson> {
  const { start, end } = quarterRange(year, quarter);
  const rows = await securityIncidentsReportedIn(sql, new Date(start), new Date(end));
  const summary = securityPeriodicSummary(
    rows.map((r) => ({
      afnemerOin: r.afnemerOin,
      severity: r.severity,
      status: r.status,
      reportedAt: r.reportedAt.getTime(),
      closedAt: r.closedAt?.getTime() ?? null,
      level: r.level,
    })),
    start,
    end,
  );
  const names = new Map((await afnemersList(sql)).map((a) => [a.oin, a.name]));
  return {
    year,
    quarter,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    total: summary.total,
    byStatus: summary.byStatus,
    bySeverity: summary.bySeverity,
    byAfnemer: Object.entries(summary.byAfnemer)
      .map(([key, count]) => (key === 'logius' ? { afnemer: null, name: 'Logius', count } : { afnemer: key, name: names.get(key) ?? key, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'nl')),
    escalated: summary.escalated,
    closed: summary.closed,
    meanTimeToCloseHours: summary.meanTimeToCloseMs === null ? null : Math.round(summary.meanTimeToCloseMs / 36_000) / 100,
    incidents: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      severity: r.severity,
      status: r.status,
      afnemer: r.afnemerOin,
      level: r.level,
      reportedAt: r.reportedAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
    })),
  };
}
