import type { Queryable } from '../client.js';

export interface ReportConflictRow {
  id: number;
  status: 'open' | 'resolved';
  resolvedReason: string | null;
  step: string | null;
}

/** Conflicts whose span overlaps [from, to), with the step their case file is in. */
export function reportConflicts(sql: Queryable, from: Date, to: Date) {
  return sql<ReportConflictRow[]>`
    select c.id::int, c.status, c.resolved_reason, cc.step
    from conflicts c left join conflict_cases cc on cc.conflict_id = c.id
    where c.start_at < ${to} and c.end_at > ${from} order by c.id`;
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

/** RFCs filed in [from, to) by kind and current status, and the decisions and implementations made in it. */
export async function reportRfcs(sql: Queryable, from: Date, to: Date): Promise<ReportRfcFigures> {
  const byKind = await sql<{ key: string; count: number }[]>`
    select kind as key, count(*)::int as count from rfcs where filed_at >= ${from} and filed_at < ${to} group by kind order by kind`;
  const byStatus = await sql<{ key: string; count: number }[]>`
    select status as key, count(*)::int as count from rfcs where filed_at >= ${from} and filed_at < ${to} group by status order by status`;
  const [events] = await sql<{ approved: number; rejected: number; implemented: number }[]>`
    select count(*) filter (where action = 'decide' and to_status = 'goedgekeurd')::int as approved,
      count(*) filter (where action = 'decide' and to_status = 'afgewezen')::int as rejected,
      count(*) filter (where action = 'implement')::int as implemented
    from rfc_events where at >= ${from} and at < ${to}`;
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
export function reportIncidents(sql: Queryable, from: Date, to: Date, now: Date) {
  return whenPresent(
    sql,
    'incidents',
    () => sql<ReportIncidentRow[]>`
    select priority, count(*)::int as total,
      count(*) filter (where resolved_at is not null)::int as solved,
      count(*) filter (where resolved_at is not null and resolved_at <= resolution_due_at)::int as solved_in_time,
      count(*) filter (where coalesce(resolved_at, ${now}::timestamptz) > resolution_due_at)::int as late
    from incidents where reported_at >= ${from} and reported_at < ${to}
    group by priority order by priority`,
  );
}

/** Calamities declared in [from, to); null without incidents table. */
export function reportCalamities(sql: Queryable, from: Date, to: Date) {
  return whenPresent(
    sql,
    'incidents',
    () => sql<ReportCalamityRow[]>`
    select number || ': ' || title as title, calamity_at as start, status
    from incidents where calamity_at >= ${from} and calamity_at < ${to} order by calamity_at`,
  );
}
