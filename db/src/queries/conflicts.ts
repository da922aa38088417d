import type { Conflict, StoredConflict } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

export interface OpenConflictSpan extends StoredConflict {
  /** Until when its backlog runs (drainedAt, or end when unknown), ms. */
  until: number;
}

/** Open conflicts whose span or backlog reaches into [from, to). */
export function conflictsOpenInRange(sql: Queryable, from: number, to: number) {
  return sql<OpenConflictSpan[]>`
    select id::int, (extract(epoch from start_at) * 1000)::float8 as start, (extract(epoch from end_at) * 1000)::float8 as end,
      array_to_json(window_ids) as window_ids,
      (extract(epoch from greatest(end_at, coalesce(drained_at, end_at))) * 1000)::float8 as until
    from conflicts
    where status = 'open' and start_at < to_timestamp(${to / 1000})
      and greatest(end_at, coalesce(drained_at, end_at)) > to_timestamp(${from / 1000})`;
}

/** A number as JSON stores it: a non-finite one (an unbounded peak) becomes null, as in conflictsUpdateMany. */
const storedNumber = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

type StoredValues = [
  id: number,
  start: number,
  end: number,
  afnemers: string[],
  windowIds: number[],
  loads: number[],
  peak: number | null,
  excess: number | null,
  backlog: number | null,
  drained: number | null,
  delay: number | null,
];

/**
 * The ids among `kept` whose stored row already holds what conflictsUpdateMany would write: updating them would change
 * nothing. The stored lists come as JSON (parsed natively; a float8[] went through postgres.js's array parser
 * character by character) and are compared value by value, without building texts (issue 16: this comparison took
 * 20-50 ms of a recompute of everything with 11,000 conflict windows). Numbers come back exactly (float8 and jsonb
 * carry a double's shortest text).
 */
export async function conflictsUnchanged(tx: Tx, kept: readonly { id: number; conflict: Conflict }[]): Promise<Set<number>> {
  const same = new Set<number>();
  if (kept.length === 0) return same;
  const rows = (await tx`
    select id::int, (extract(epoch from start_at) * 1000)::float8, (extract(epoch from end_at) * 1000)::float8,
      array_to_json(afnemers), array_to_json(window_ids), jsonb_path_query_array(windows, '$[*].load'),
      peak_utilization, excess_messages, peak_backlog, (extract(epoch from drained_at) * 1000)::float8, delay_ms
    from conflicts where id = any(${kept.map((k) => k.id)}::bigint[])`.values()) as unknown as StoredValues[];
  const stored = new Map(rows.map((r) => [r[0], r]));
  for (const { id, conflict: c } of kept) {
    const r = stored.get(id);
    if (!r) continue;
    const [, start, end, afnemers, windowIds, loads, peak, excess, backlog, drained, delay] = r;
    if (start !== c.start || end !== c.end) continue;
    if (storedNumber(peak) !== storedNumber(c.peakUtilization) || storedNumber(excess) !== storedNumber(c.excessMessages)) continue;
    if (storedNumber(backlog) !== storedNumber(c.peakBacklog) || storedNumber(drained) !== storedNumber(c.drainedAt)) continue;
    if (storedNumber(delay) !== storedNumber(c.delayMs)) continue;
    if (afnemers.length !== c.afnemers.length || afnemers.some((a, i) => a !== c.afnemers[i])) continue;
    const ws = c.windows;
    if (windowIds.length !== ws.length || loads.length !== ws.length) continue;
    let equal = true;
    for (let i = 0; i < ws.length && equal; i++) equal = windowIds[i] === ws.id[i] && storedNumber(loads[i]!) === storedNumber(ws.load[i]!);
    if (equal) same.add(id);
  }
  return same;
}

/** Marks conflicts resolved with a reason; they are never deleted. */
export async function conflictsResolve(tx: Tx, ids: number[], now: Date, reason: string) {
  if (ids.length === 0) return;
  await tx`
    update conflicts set status = 'resolved', resolved_at = ${now}, resolved_reason = ${reason}, updated_at = ${now}
    where id = any(${ids}::bigint[]) and status = 'open'`;
}

export interface ConflictRow {
  id: number;
  status: 'open' | 'resolved';
  startAt: Date;
  endAt: Date;
  afnemers: string[];
  windows: { id: number; afnemer: string; kenmerk: string; load: number }[];
  peakUtilization: number | null;
  excessMessages: number;
  peakBacklog: number;
  drainedAt: Date | null;
  delayMs: number | null;
  detectedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  resolvedReason: string | null;
  /** Windows in the conflict; `windows` may hold fewer in a list. */
  windowCount: number;
}

// Afnemer lists come as JSON: postgres.js parses a text[] in JavaScript, character by character, and a large
// conflict involves hundreds of Afnemers; JSON.parse is native.
const conflictColumns = (sql: Queryable) => sql`
  id::int, status, start_at, end_at, array_to_json(afnemers) as afnemers, windows, jsonb_array_length(windows) as window_count,
  peak_utilization, excess_messages, peak_backlog, drained_at, delay_ms, detected_at, updated_at, resolved_at, resolved_reason`;

export interface ConflictFilter {
  /** How many of each conflict's windows to return (the largest). */
  windowsPerConflict: number;
  status: 'open' | 'resolved' | null;
  from: Date | null;
  to: Date | null;
  afnemer: string | null;
  limit: number;
  offset: number;
}

/** One page of conflicts by start time, and the total. */
export async function conflictsList(sql: Queryable, f: ConflictFilter): Promise<{ rows: ConflictRow[]; total: number }> {
  const where = sql`
    where (${f.status}::text is null or status = ${f.status})
      and (${f.to}::timestamptz is null or start_at < ${f.to})
      and (${f.from}::timestamptz is null or end_at > ${f.from})
      and (${f.afnemer}::text is null or afnemers @> array[${f.afnemer}::text])`;
  // A list carries each conflict's largest windows only (stored largest first); the detail has them all.
  const rows = await sql<ConflictRow[]>`
    select id::int, status, start_at, end_at, array_to_json(afnemers) as afnemers,
      jsonb_path_query_array(windows, ${`$[0 to ${f.windowsPerConflict - 1}]`}::jsonpath) as windows,
      jsonb_array_length(windows) as window_count, peak_utilization, excess_messages, peak_backlog,
      drained_at, delay_ms, detected_at, updated_at, resolved_at, resolved_reason
    from conflicts ${where} order by start_at, id limit ${f.limit} offset ${f.offset}`;
  const [count] = await sql<{ n: number }[]>`select count(*)::int as n from conflicts ${where}`;
  return { rows, total: count!.n };
}

/** The conflicts version: it rises with every change to a conflict. */
export async function conflictsVersion(sql: Queryable): Promise<string> {
  const [row] = await sql<{ version: string }[]>`select version::text from conflicts_state where id = 1`;
  return row!.version;
}

/**
 * In one round trip, the versions a view of conflicts depends on: the conflicts (conflictsVersion), the planning
 * (planningVersion) and the Afnemers (afnemersVersion).
 */
export async function conflictViewVersions(sql: Queryable): Promise<{ conflicts: string; planning: string; afnemers: string }> {
  const [row] = await sql<{ conflicts: string; planning: string; afnemers: string }[]>`
    select (select version::text from conflicts_state where id = 1) as conflicts,
      (select version::text from planning_state where id = 1) as planning,
      (select count(*)::text || '.' || coalesce(max(xmin::text::bigint), 0)::text from afnemers) as afnemers`;
  return row!;
}

/** The ids of a conflict's windows (empty when there is no such conflict). */
export async function conflictWindowIds(sql: Queryable, id: number): Promise<number[]> {
  const [row] = await sql<{ ids: number[] }[]>`select array_to_json(window_ids) as ids from conflicts where id = ${id}`;
  return row?.ids ?? [];
}

/** One conflict, or null. */
export async function conflictById(sql: Queryable, id: number): Promise<ConflictRow | null> {
  const [row] = await sql<ConflictRow[]>`select ${conflictColumns(sql)} from conflicts where id = ${id}`;
  return row ?? null;
}

/** How many distinct Afnemers the given conflicts involve together. */
export async function conflictsAfnemerCount(sql: Queryable, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await sql<{ n: number }[]>`
    select count(distinct a)::int as n from conflicts, unnest(afnemers) as a where id = any(${ids}::bigint[])`;
  return row!.n;
}

/** Open conflicts that have no case file yet (detected before the procedure existed). */
export function conflictsOpenWithoutCase(sql: Queryable) {
  return sql<{ id: number; startAt: Date; afnemers: string[] }[]>`
    select c.id::int, c.start_at, c.afnemers from conflicts c
    where c.status = 'open' and not exists (select 1 from conflict_cases k where k.conflict_id = c.id)`;
}

/** Open conflicts whose span or backlog reaches into [from, to), with the Afnemers involved. */
export function conflictsOpenDuring(sql: Queryable, from: Date, to: Date) {
  return sql<{ id: number; afnemers: string[]; startAt: Date }[]>`
    select id::int, afnemers, start_at from conflicts
    where status = 'open' and start_at < ${to} and greatest(end_at, coalesce(drained_at, end_at)) > ${from}
    order by start_at, id`;
}

/** Open conflicts that hold any of these windows. */
export function conflictsOpenWithWindows(sql: Queryable, windowIds: number[]) {
  return sql<{ id: number }[]>`
    select id::int from conflicts where status = 'open' and window_ids && ${windowIds}::bigint[] order by id`;
}

/** Conflicts (open or resolved) holding any of these windows whose trail records plan change `planChangeId`. */
export async function conflictsWithPlanChange(sql: Queryable, planChangeId: number, windowIds: number[]): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select distinct e.conflict_id::int as id from conflict_events e join conflicts c on c.id = e.conflict_id
    where c.window_ids && ${windowIds}::bigint[] and e.action = 'plan-change'
      and e.payload @> ${sql.json({ planChangeId })}
    order by 1`;
  return rows.map((r) => r.id);
}
