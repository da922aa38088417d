import type { Queryable, Tx } from '../client.js';
import type { TrailActor, TrailEventRow } from './incidents.js';
import type { Recipient } from './users.js';

export interface SecurityIncidentRow {
  id: number;
  reference: string;
  afnemerOin: string | null;
  afnemerName: string | null;
  reportedById: number;
  reportedBy: string | null;
  reportedAt: Date;
  discoveredAt: Date | null;
  title: string;
  description: string;
  severity: 'laag' | 'middel' | 'hoog' | 'kritiek';
  status: 'gemeld' | 'in-behandeling' | 'afgesloten';
  level: number;
  closedAt: Date | null;
}

const columns = (sql: Queryable) => sql`
  s.id::int, s.reference, s.afnemer_oin, a.name as afnemer_name, s.reported_by::int as reported_by_id, u.email as reported_by,
  s.reported_at, s.discovered_at, s.title, s.description, s.severity, s.status, s.level, s.closed_at`;
const from = (sql: Queryable) => sql`
  security_incidents s join users u on u.id = s.reported_by left join afnemers a on a.oin = s.afnemer_oin`;

export interface SecurityIncidentNew {
  reference: string;
  afnemerOin: string | null;
  userId: number;
  discoveredAt: Date | null;
  title: string;
  description: string;
  severity: SecurityIncidentRow['severity'];
}

/** Stores a security incident at level 0 ("gemeld"); returns its id. */
export async function securityIncidentInsert(tx: Tx, s: SecurityIncidentNew, at: Date): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into security_incidents (reference, afnemer_oin, reported_by, reported_at, discovered_at, title, description, severity)
    values (${s.reference}, ${s.afnemerOin}, ${s.userId}, ${at}, ${s.discoveredAt}, ${s.title}, ${s.description}, ${s.severity})
    returning id::int`;
  return row!.id;
}

/** One security incident, locked when `lock` is set; null when it does not exist. */
export async function securityIncidentById(sql: Queryable, id: number, lock = false): Promise<SecurityIncidentRow | null> {
  if (lock) await sql`select id from security_incidents where id = ${id} for update`;
  const [row] = await sql<SecurityIncidentRow[]>`select ${columns(sql)} from ${from(sql)} where s.id = ${id}`;
  return row ?? null;
}

/** Security incidents, newest first: all (afnemer null), or only those this Afnemer reported. */
export function securityIncidentsList(sql: Queryable, afnemer: string | null) {
  return sql<SecurityIncidentRow[]>`
    select ${columns(sql)} from ${from(sql)}
    where (${afnemer}::text is null or s.afnemer_oin = ${afnemer})
    order by s.reported_at desc, s.id desc`;
}

/** Security incidents reported in [start, end), oldest first (the periodic report). */
export function securityIncidentsReportedIn(sql: Queryable, start: Date, end: Date) {
  return sql<SecurityIncidentRow[]>`
    select ${columns(sql)} from ${from(sql)}
    where s.reported_at >= ${start} and s.reported_at < ${end}
    order by s.reported_at, s.id`;
}

/** Sets the status (and closed_at when it closes). */
export async function securityIncidentStatusSet(tx: Tx, id: number, status: SecurityIncidentRow['status'], at: Date) {
  await tx`update security_incidents set status = ${status}, closed_at = ${status === 'afgesloten' ? at : null} where id = ${id}`;
}

/** Sets the escalation level. */
export async function securityIncidentLevelSet(tx: Tx, id: number, level: number) {
  await tx`update security_incidents set level = ${level} where id = ${id}`;
}

/** Appends an event to a security incident's trail (which refuses updates and deletes). */
export async function securityIncidentEventAppend(tx: Tx, id: number, actor: TrailActor | null, action: string, payload: object, at: Date) {
  await tx`
    insert into security_incident_events (security_incident_id, at, actor_user_id, actor_email, actor_role, actor_afnemer, action, payload)
    values (${id}, ${at}, ${actor?.id ?? null}, ${actor?.email ?? null}, ${actor?.role ?? null}, ${actor?.afnemerOin ?? null},
      ${action}, ${tx.json(payload as never)})`;
}

/** The trail of a security incident, oldest first. */
export function securityIncidentEvents(sql: Queryable, id: number) {
  return sql<TrailEventRow[]>`
    select id::int, at, actor_email, actor_role, actor_afnemer, action, payload
    from security_incident_events where security_incident_id = ${id} order by id`;
}

/** Logius' contacts (Bijlage 1) with this function and an e-mail address: who the outbox writes to at a level. */
export function logiusContactsWithRole(sql: Queryable, role: string) {
  return sql<{ email: string }[]>`select email from contacts where afnemer_oin is null and role = ${role} and email <> '' order by id`;
}

/** Users with one of these roles, or bound to this Afnemer with this role (the reporting Afnemer's planners). */
export function securityIncidentRecipients(sql: Queryable, logiusRoles: readonly string[], afnemer: string | null, afnemerRole: string) {
  return sql<Recipient[]>`
    select id::int, email from users
    where role = any(${[...logiusRoles]}::text[]) or (${afnemer}::text is not null and afnemer_oin = ${afnemer} and role = ${afnemerRole})
    order by id`;
}
