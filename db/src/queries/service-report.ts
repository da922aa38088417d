import type { Queryable } from '../client.js';

export interface ReportConflictRow {
  id: number;
  status: 'open' | 'resolved';
  resolvedReason: string | null;
  step: string | null;
}

/** Conflicts whose span overlaps [from, to), with the step their case file is in; with `afnemer` only those it is in. */
export function reportConflicts(sql: Queryable, from: Date, to: Date, afnemer: string | null = null) {
  return sql<ReportConflictRow[]>`
    select c.id::int, c.status, c.resolved_reason, cc.step
    from conflicts c left join conflict_cases cc on cc.conflict_id = c.id
    where c.start_at < ${to} and c.end_at > ${from} and (${afnemer}::text is null or ${afnemer}::text = any(c.afnemers)) order by c.id`;
}

/** The procedure trail of these conflicts: when each event happened and which step it led to. */
export function reportConflictEvents(sql: Queryable, conflictIds: number[]) {
  return sql<{ conflictId: number; at: Date; fromStep: string | null; toStep: string }[]>`
    select conflict_id::int, at, from_step, to_step from conflict_events where conflict_id = any(${conflictIds}::bigint[]) order by conflict_id, id`;
}

export interface ReportRfcFigures {
  byKind: { key: string; count: number }[];
  byStatus: { key: string; count: number }[];
  approved: number;
  rejected: number;
  implemented: number;
}

/** RFCs filed in [from, to) by kind and current status, and the decisions and implementations made in it; with `afnemer` only its own. */
export async function reportRfcs(sql: Queryable, from: Date, to: Date, afnemer: string | null = null): Promise<ReportRfcFigures> {
  const byKind = await sql<{ key: string; count: number }[]>`
    select kind as key, count(*)::int as count from rfcs
    where filed_at >= ${from} and filed_at < ${to} and (${afnemer}::text is null or afnemer_oin = ${afnemer}) group by kind order by kind`;
  const byStatus = await sql<{ key: string; count: number }[]>`
    select status as key, count(*)::int as count from rfcs
    where filed_at >= ${from} and filed_at < ${to} and (${afnemer}::text is null or afnemer_oin = ${afnemer}) group by status order by status`;
  const [events] = await sql<{ approved: number; rejected: number; implemented: number }[]>`
    select count(*) filter (where e.action = 'decide' and e.to_status = 'goedgekeurd')::int as approved,
      count(*) filter (where e.action = 'decide' and e.to_status = 'afgewezen')::int as rejected,
      count(*) filter (where e.action = 'implement')::int as implemented
    from rfc_events e join rfcs r on r.id = e.rfc_id
    where e.at >= ${from} and e.at < ${to} and (${afnemer}::text is null or r.afnemer_oin = ${afnemer})`;
  return { byKind, byStatus, ...events! };
}

export interface ReportIncidentRow {
  priority: string;
  total: number;
  solved: number;
  solvedInTime: number;
  /** Solved after the resolution time, or still open past it. */
  late: number;
}

export interface ReportCalamityRow {
  title: string;
  start: Date | null;
  status: string;
}

/** The incidents an Afnemer may see in its part of the report: those that touch it or that it reported; every one for null. */
const incidentOf = (sql: Queryable, afnemer: string | null) =>
  sql`(${afnemer}::text is null or ${afnemer}::text = any(afnemers) or reported_by_afnemer = ${afnemer})`;

const UNDEFINED = new Set(['42P01', '42703']);

async function whenPresent<T>(sql: Queryable, table: string, query: () => Promise<T>): Promise<T | null> {
  const [row] = await sql<{ present: boolean }[]>`select to_regclass(${`public.${table}`}) is not null as present`;
  if (!row?.present) return null;
  try {
    return await query();
  } catch (err) {
    // Incidents come from another migration (0005); a schema that differs reports "niet beschikbaar", not a 500.
    if (UNDEFINED.has((err as { code?: string }).code ?? '')) return null;
    throw err;
  }
}

/** Incidents reported in [from, to) per priority, with how many were solved within their resolution time; null without incidents table. */
export function reportIncidents(sql: Queryable, from: Date, to: Date, now: Date, afnemer: string | null = null) {
  return whenPresent(
    sql,
    'incidents',
    () => sql<ReportIncidentRow[]>`
    select priority, count(*)::int as total,
      count(*) filter (where resolved_at is not null)::int as solved,
      count(*) filter (where resolved_at is not null and resolved_at <= resolution_due_at)::int as solved_in_time,
      count(*) filter (where coalesce(resolved_at, ${now}::timestamptz) > resolution_due_at)::int as late
    from incidents where reported_at >= ${from} and reported_at < ${to} and ${incidentOf(sql, afnemer)}
    group by priority order by priority`,
  );
}

/** Calamities declared in [from, to); null without incidents table. */
export function reportCalamities(sql: Queryable, from: Date, to: Date, afnemer: string | null = null) {
  return whenPresent(
    sql,
    'incidents',
    () => sql<ReportCalamityRow[]>`
    select number || ': ' || title as title, calamity_at as start, status
    from incidents where calamity_at >= ${from} and calamity_at < ${to} and ${incidentOf(sql, afnemer)} order by calamity_at`,
  );
}

export interface ReportIncidentItem {
  number: string;
  title: string;
  priority: string;
  status: string;
  reportedAt: Date;
  resolvedAt: Date | null;
  resolutionDueAt: Date;
}

/** The incidents reported in [from, to), oldest first; with `afnemer` those that touch it or that it reported. */
export function reportIncidentItems(sql: Queryable, from: Date, to: Date, afnemer: string | null = null) {
  return whenPresent(
    sql,
    'incidents',
    () => sql<ReportIncidentItem[]>`
    select number, title, priority, status, reported_at, resolved_at, resolution_due_at
    from incidents where reported_at >= ${from} and reported_at < ${to} and ${incidentOf(sql, afnemer)} order by reported_at, id`,
  );
}

export interface ReportAnalysisItem {
  id: number;
  incidentNumber: string;
  afnemerName: string;
  requestedAt: Date;
  deliveredAt: Date | null;
}

/** Disruption analyses requested or delivered in [from, to), oldest request first; with `afnemer` only its own. */
export function reportAnalyses(sql: Queryable, from: Date, to: Date, afnemer: string | null = null) {
  return whenPresent(
    sql,
    'disruption_analyses',
    () => sql<ReportAnalysisItem[]>`
    select d.id::int, i.number as incident_number, a.name as afnemer_name, d.requested_at, d.delivered_at
    from disruption_analyses d join incidents i on i.id = d.incident_id join afnemers a on a.oin = d.afnemer_oin
    where ((d.requested_at >= ${from} and d.requested_at < ${to}) or (d.delivered_at >= ${from} and d.delivered_at < ${to}))
      and (${afnemer}::text is null or d.afnemer_oin = ${afnemer})
    order by d.requested_at, d.id`,
  );
}
