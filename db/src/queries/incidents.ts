import type { Priority } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

/** The next number of the year's sequence for `prefix`; concurrent callers each get their own. */
export async function referenceNext(tx: Tx, prefix: 'INC' | 'FRD' | 'SEC', year: number): Promise<number> {
  const [row] = await tx<{ last: number }[]>`
    insert into reference_counters (prefix, year, last) values (${prefix}, ${year}, 1)
    on conflict (prefix, year) do update set last = reference_counters.last + 1
    returning last`;
  return row!.last;
}

export interface IncidentRow {
  id: number;
  number: string;
  kind: 'mijnoverheid' | 'afnemer-systeem';
  title: string;
  description: string;
  channel: 'telefoon' | 'e-mail' | 'app';
  priority: Priority;
  proposedPriority: Priority | null;
  prioritisedAt: Date | null;
  prioritisedBy: string | null;
  everP1: boolean;
  status: 'gemeld' | 'in-behandeling' | 'opgelost' | 'gesloten';
  afnemers: string[];
  reportedBy: string | null;
  reportedByAfnemer: string | null;
  reportedAt: Date;
  responseDueAt: Date;
  resolutionDueAt: Date;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  closingReport: string | null;
  calamityReason: 'p1-dreigt' | 'p1-overschreden' | 'imago' | 'dienstverlening' | 'calamiteitenmanager' | null;
  calamityAt: Date | null;
  calamityBy: string | null;
  crisisAt: Date | null;
  crisisNote: string | null;
  calamityProposedAt: Date | null;
  calamityProposedBy: string | null;
  calamityProposedReason: IncidentRow['calamityReason'];
  resolutionAgreedAt: Date | null;
  resolutionAgreedBy: string | null;
  resolutionAgreedReason: string | null;
  resolutionAgreedWith: string | null;
  escalationLevel: number;
}

const incidentColumns = (sql: Queryable) => sql`
  i.id::int, i.number, i.kind, i.title, i.description, i.channel, i.priority, i.ever_p1, i.status, i.afnemers,
  ru.email as reported_by, i.reported_by_afnemer, i.reported_at, i.response_due_at, i.resolution_due_at,
  i.responded_at, i.resolved_at, i.closed_at, i.closing_report, i.calamity_reason, i.calamity_at,
  cu.email as calamity_by, i.crisis_at, i.crisis_note, i.proposed_priority, i.prioritised_at, pu.email as prioritised_by,
  i.calamity_proposed_at, cpu.email as calamity_proposed_by, i.calamity_proposed_reason,
  i.resolution_agreed_at, au.email as resolution_agreed_by, i.resolution_agreed_reason, i.resolution_agreed_with,
  coalesce((select max(e.level) from escalations e where e.incident_id = i.id and e.ladder = 'incident'), 0)::int as escalation_level`;
const incidentFrom = (sql: Queryable) => sql`
  incidents i left join users ru on ru.id = i.reported_by left join users cu on cu.id = i.calamity_by
  left join users pu on pu.id = i.prioritised_by left join users cpu on cpu.id = i.calamity_proposed_by
  left join users au on au.id = i.resolution_agreed_by`;

export interface IncidentNew {
  number: string;
  kind: IncidentRow['kind'];
  title: string;
  description: string;
  channel: IncidentRow['channel'];
  priority: Priority;
  /** What the reporter proposed; null when none. */
  proposedPriority: Priority | null;
  /** True when Logius set the priority at the report; false while it runs on the reporter's proposal. */
  prioritised: boolean;
  afnemers: string[];
  reportedBy: number;
  reportedByAfnemer: string | null;
  reportedAt: Date;
  responseDueAt: Date;
  resolutionDueAt: Date;
}

/** Stores a new incident; returns its id. */
export async function incidentInsert(tx: Tx, i: IncidentNew): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into incidents (number, kind, title, description, channel, priority, ever_p1, afnemers, reported_by,
      reported_by_afnemer, reported_at, response_due_at, resolution_due_at, updated_at, proposed_priority, prioritised_at, prioritised_by)
    values (${i.number}, ${i.kind}, ${i.title}, ${i.description}, ${i.channel}, ${i.priority}, ${i.prioritised && i.priority === 'P1'},
      ${i.afnemers}::text[], ${i.reportedBy}, ${i.reportedByAfnemer}, ${i.reportedAt}, ${i.responseDueAt},
      ${i.resolutionDueAt}, ${i.reportedAt}, ${i.proposedPriority}, ${i.prioritised ? i.reportedAt : null}, ${i.prioritised ? i.reportedBy : null})
    returning id::int`;
  return row!.id;
}

/** One incident, locked for this transaction when `lock` is set; null when it does not exist. */
export async function incidentById(sql: Queryable, id: number, lock = false): Promise<IncidentRow | null> {
  if (lock) await sql`select id from incidents where id = ${id} for update`;
  const [row] = await sql<IncidentRow[]>`select ${incidentColumns(sql)} from ${incidentFrom(sql)} where i.id = ${id}`;
  return row ?? null;
}

export interface IncidentFilter {
  status: IncidentRow['status'] | null;
  priority: Priority | null;
  /** Only incidents affecting, or reported by, this Afnemer. */
  afnemer: string | null;
  openOnly: boolean;
  calamityConfirmed: boolean | null;
  from: Date | null;
  to: Date | null;
}

const incidentWhere = (sql: Queryable, f: IncidentFilter) => sql`
  where (${f.status}::text is null or i.status = ${f.status})
    and (${f.priority}::text is null or i.priority = ${f.priority})
    and (${f.afnemer}::text is null or i.afnemers @> array[${f.afnemer}::text] or i.reported_by_afnemer = ${f.afnemer})
    and (not ${f.openOnly} or i.status <> 'gesloten')
    and (${f.calamityConfirmed}::boolean is null or (i.calamity_at is not null) = ${f.calamityConfirmed})
    and (${f.from}::timestamptz is null or coalesce(i.closed_at, 'infinity') > ${f.from})
    and (${f.to}::timestamptz is null or i.reported_at < ${f.to})`;

/** All incidents matching the filter, newest report first. */
export function incidentsList(sql: Queryable, f: IncidentFilter) {
  return sql<IncidentRow[]>`
    select ${incidentColumns(sql)} from ${incidentFrom(sql)} ${incidentWhere(sql, f)} order by i.reported_at desc, i.id desc`;
}

/** Changes an incident's fields; only the given ones. */
export async function incidentUpdate(
  tx: Tx,
  id: number,
  f: Partial<{
    status: IncidentRow['status'];
    priority: Priority;
    responseDueAt: Date;
    resolutionDueAt: Date;
    respondedAt: Date;
    resolvedAt: Date | null;
    closedAt: Date;
    closingReport: string;
    calamityReason: NonNullable<IncidentRow['calamityReason']>;
    calamityAt: Date;
    calamityBy: number;
    crisisAt: Date;
    crisisNote: string;
    prioritisedAt: Date;
    prioritisedBy: number;
    calamityProposedAt: Date;
    calamityProposedBy: number;
    calamityProposedReason: NonNullable<IncidentRow['calamityReason']>;
    resolutionAgreedAt: Date;
    resolutionAgreedBy: number;
    resolutionAgreedReason: string;
    resolutionAgreedWith: string;
  }>,
  at: Date,
) {
  const row: Record<string, unknown> = { updated_at: at };
  for (const [k, v] of Object.entries(f)) row[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  await tx`update incidents set ${tx(row as never, Object.keys(row))}, ever_p1 = ever_p1 or ${f.priority === 'P1'} where id = ${id}`;
}

export interface TrailActor {
  id: number;
  email: string;
  role: string;
  afnemerOin: string | null;
}

/** Appends an event to an incident's audit trail (which refuses updates and deletes). */
export async function incidentEventAppend(tx: Tx, incidentId: number, actor: TrailActor | null, action: string, payload: object, at: Date) {
  await tx`
    insert into incident_events (incident_id, at, actor_user_id, actor_email, actor_role, actor_afnemer, action, payload)
    values (${incidentId}, ${at}, ${actor?.id ?? null}, ${actor?.email ?? null}, ${actor?.role ?? null},
      ${actor?.afnemerOin ?? null}, ${action}, ${tx.json(payload as never)})`;
}

export interface TrailEventRow {
  id: number;
  at: Date;
  actorEmail: string | null;
  actorRole: string | null;
  actorAfnemer: string | null;
  action: string;
  payload: Record<string, unknown>;
}

/** The audit trail of an incident, oldest first. */
export function incidentEvents(sql: Queryable, incidentId: number) {
  return sql<TrailEventRow[]>`
    select id::int, at, actor_email, actor_role, actor_afnemer, action, payload
    from incident_events where incident_id = ${incidentId} order by id`;
}

/** Incidents for which an event with this action exists already (so a system event is recorded once). */
export async function incidentsWithEvent(sql: Queryable, ids: number[], action: string): Promise<Set<number>> {
  const rows = await sql<{ id: number }[]>`
    select distinct incident_id::int as id from incident_events where incident_id = any(${ids}::bigint[]) and action = ${action}`;
  return new Set(rows.map((r) => r.id));
}

/** One incident by its Logius number (INC-2027-000123); null when there is none. */
export async function incidentByNumber(sql: Queryable, number: string): Promise<IncidentRow | null> {
  const [row] = await sql<IncidentRow[]>`select ${incidentColumns(sql)} from ${incidentFrom(sql)} where i.number = ${number}`;
  return row ?? null;
}
