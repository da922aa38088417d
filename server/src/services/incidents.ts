import {
  escalationsList,
  incidentEventAppend,
  incidentsList,
  incidentsWithEvent,
  notify,
  usersByRole,
  type IncidentRow,
  type Queryable,
  type Tx,
  type UserRow,
} from '@cd/db';
import { CALAMITY_THRESHOLD, calamityCheck, type IncidentFacts } from '@cd/shared';
import { calamityThresholdRead } from './settings.js';
import { afnemerScope } from '../lib/context.js';
import { ProblemError } from '../lib/problem.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const ms = (d: Date | null) => (d ? d.getTime() : null);

/** The trail actor for a user. */
export const trailActor = (u: UserRow) => ({ id: u.id, email: u.email, role: u.role, afnemerOin: u.afnemerOin });

/** The facts the pure rules of shared/incidents take. */
export function incidentFacts(i: IncidentRow): IncidentFacts {
  return {
    kind: i.kind,
    status: i.status,
    priority: i.priority,
    everP1: i.everP1,
    afnemers: i.afnemers,
    reportedByAfnemer: i.reportedByAfnemer,
    calamityAt: ms(i.calamityAt),
    calamityProposedAt: ms(i.calamityProposedAt),
    crisisAt: ms(i.crisisAt),
    escalationLevel: i.escalationLevel,
  };
}

/** The calamity proposal of an incident at `nowMs` (computed on read, never stored until confirmed), at the threshold in force. */
export function incidentCalamity(i: IncidentRow, nowMs: number, threshold: number = CALAMITY_THRESHOLD) {
  return calamityCheck(
    {
      priority: i.priority,
      reportedAt: i.reportedAt.getTime(),
      resolutionDueAt: i.resolutionDueAt.getTime(),
      resolvedAt: ms(i.resolvedAt ?? i.closedAt),
      calamityAt: ms(i.calamityAt),
    },
    nowMs,
    threshold,
  );
}

/** True when the user may see the incident: Logius sees all, an Afnemer those affecting it or reported by it. */
export function incidentVisibleTo(i: IncidentRow, user: UserRow): boolean {
  const scope = afnemerScope(user);
  return scope === null || i.afnemers.includes(scope) || i.reportedByAfnemer === scope;
}

/** Throws 404 when the incident does not exist and 403 when the user's Afnemer is not involved. */
export function incidentAssertVisible(i: IncidentRow | null, user: UserRow): IncidentRow {
  if (!i) throw new ProblemError(404, 'Dit incident bestaat niet.');
  if (!incidentVisibleTo(i, user)) throw new ProblemError(403, 'Uw Afnemer is niet betrokken bij dit incident.');
  return i;
}

/** Escalations of one incident, oldest first. */
export async function incidentEscalations(sql: Queryable, incidentId: number) {
  return (await escalationsList(sql, { ladder: null, incidentId, afnemer: null })).reverse();
}

/** Planners and klantraad-managers of these Afnemers, and Logius users with these roles, without `except`. */
export async function incidentAudience(tx: Tx, afnemers: readonly string[], afnemerRoles: string[], logiusRoles: string[], except: number | null) {
  const users = [
    ...(afnemerRoles.length ? await usersByRole(tx, afnemerRoles, [...afnemers]) : []),
    ...(logiusRoles.length ? await usersByRole(tx, logiusRoles, null) : []),
  ];
  const seen = new Set<number>();
  return users.filter((u) => u.id !== except && !seen.has(u.id) && seen.add(u.id));
}

/**
 * Records a 'calamity-proposed' event once for every open P1 that has used the calamity threshold of its resolution
 * time (75% unless the administrator set another, or more) without a solution, and tells the calamity managers. Meant to run on a timer; reads compute the
 * proposal themselves, so nothing depends on it having run. Returns the incidents newly proposed.
 */
export async function incidentsCalamityProposalsRecord(tx: Tx, now: Date): Promise<number[]> {
  const open = await incidentsList(tx, { status: null, priority: 'P1', afnemer: null, openOnly: true, calamityConfirmed: false, from: null, to: null });
  const threshold = await calamityThresholdRead(tx);
  const due = open.filter((i) => incidentCalamity(i, now.getTime(), threshold).proposed);
  if (due.length === 0) return [];
  const already = await incidentsWithEvent(
    tx,
    due.map((i) => i.id),
    'calamity-proposed',
  );
  const fresh = due.filter((i) => !already.has(i.id));
  const managers = await usersByRole(tx, ['calamity-manager'], null);
  for (const i of fresh) {
    const p = incidentCalamity(i, now.getTime(), threshold);
    const reason = p.proposed ? p.reason : 'p1-dreigt';
    await incidentEventAppend(tx, i.id, null, 'calamity-proposed', { reason, usedFraction: p.usedFraction }, now);
    await notify(
      tx,
      managers,
      {
        conflictId: null,
        subject: { kind: 'incident', ref: i.number },
        title: `Calamiteit voorgesteld: ${i.number}`,
        body: `${i.number} (${i.title}) is een P1 zonder oplossing: ${reason === 'p1-overschreden' ? 'de oplostijd is overschreden' : `${Math.round(threshold * 100)}% van de oplostijd is verstreken`}. Bevestig of de calamiteitenprocedure in werking treedt.`,
      },
      now,
    );
  }
  return fresh.map((i) => i.id);
}
