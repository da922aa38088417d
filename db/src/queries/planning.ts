import type { Conflict, MaintenanceWindow, PlanWindow, StoredConflict } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

export interface CapacityProfileRow {
  id: number;
  ratesPerHour: number[];
  threshold: number;
  warningLevel: number;
  /** In force from local midnight (Europe/Amsterdam) of this date, yyyy-mm-dd. */
  effectiveFrom: string;
  /** The profile this one restored ("Terugzetten"), if any. */
  restoredFrom: number | null;
  setBy: string | null;
  setAt: Date;
}

const profileColumns = (sql: Queryable) => sql`
  p.id::int, p.rates_per_hour, p.threshold, p.warning_level, p.effective_from::text, p.restored_from::int,
  u.email as set_by, p.set_at`;

/**
 * The profile set last, whatever its date.
 * @deprecated Profiles hold from their effective date: take the schedule (server/src/services/capacity-schedule.ts).
 */
export async function capacityProfileCurrent(sql: Queryable): Promise<CapacityProfileRow> {
  const [row] = await sql<CapacityProfileRow[]>`
    select ${profileColumns(sql)} from capacity_profiles p left join users u on u.id = p.set_by
    order by p.id desc limit 1`;
  return row!;
}

/** Stored profiles, the last set first (all of them when `limit` is null). */
export function capacityProfileHistory(sql: Queryable, limit: number | null) {
  return sql<CapacityProfileRow[]>`
    select ${profileColumns(sql)} from capacity_profiles p left join users u on u.id = p.set_by
    order by p.id desc limit ${limit ?? null}`;
}

/** One stored profile, or null. */
export async function capacityProfileById(sql: Queryable, id: number): Promise<CapacityProfileRow | null> {
  const [row] = await sql<CapacityProfileRow[]>`
    select ${profileColumns(sql)} from capacity_profiles p left join users u on u.id = p.set_by where p.id = ${id}`;
  return row ?? null;
}

/** Stores a new profile in force from `effectiveFrom` (yyyy-mm-dd); the previous ones stay as history. */
export async function capacityProfileSet(
  tx: Tx,
  p: { ratesPerHour: number[]; threshold: number; warningLevel: number; userId: number; effectiveFrom: string; restoredFrom?: number | null },
): Promise<CapacityProfileRow> {
  const [{ id }] = (await tx<{ id: number }[]>`
    insert into capacity_profiles (rates_per_hour, threshold, warning_level, set_by, effective_from, restored_from)
    values (${p.ratesPerHour}::double precision[], ${p.threshold}, ${p.warningLevel}, ${p.userId}, ${p.effectiveFrom}::date,
      ${p.restoredFrom ?? null})
    returning id::int`) as unknown as [{ id: number }];
  return (await capacityProfileById(tx, id))!;
}

export interface MaintenanceRow {
  id: number;
  startAt: Date;
  endAt: Date;
  factor: number;
  reason: string;
  kind: 'onderhoud' | 'release' | 'incident';
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const maintenanceColumns = (sql: Queryable) => sql`
  m.id::int, m.start_at, m.end_at, m.factor, m.reason, m.kind, u.email as created_by, m.created_at, m.updated_at`;

/** Maintenance windows overlapping [from, to) (all when both are null), by start. */
export function maintenanceList(sql: Queryable, from: Date | null, to: Date | null) {
  return sql<MaintenanceRow[]>`
    select ${maintenanceColumns(sql)} from maintenance_windows m left join users u on u.id = m.created_by
    where (${to}::timestamptz is null or m.start_at < ${to}) and (${from}::timestamptz is null or m.end_at > ${from})
    order by m.start_at, m.id`;
}

/** One maintenance window, or null. */
export async function maintenanceById(sql: Queryable, id: number): Promise<MaintenanceRow | null> {
  const [row] = await sql<MaintenanceRow[]>`
    select ${maintenanceColumns(sql)} from maintenance_windows m left join users u on u.id = m.created_by
    where m.id = ${id}`;
  return row ?? null;
}

export interface MaintenanceInput {
  start: Date;
  end: Date;
  factor: number;
  reason: string;
  kind: MaintenanceRow['kind'];
}

/** Creates a maintenance window; returns its id. */
export async function maintenanceCreate(tx: Tx, m: MaintenanceInput, userId: number): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into maintenance_windows (start_at, end_at, factor, reason, kind, created_by)
    values (${m.start}, ${m.end}, ${m.factor}, ${m.reason}, ${m.kind}, ${userId})
    returning id::int`;
  return row!.id;
}

/** Replaces a maintenance window's fields; returns false when it does not exist. */
export async function maintenanceUpdate(tx: Tx, id: number, m: MaintenanceInput): Promise<boolean> {
  const rows = await tx`
    update maintenance_windows set start_at = ${m.start}, end_at = ${m.end}, factor = ${m.factor},
      reason = ${m.reason}, kind = ${m.kind}, updated_at = now()
    where id = ${id} returning id`;
  return rows.length > 0;
}

/** Deletes a maintenance window; returns false when it did not exist. */
export async function maintenanceDelete(tx: Tx, id: number): Promise<boolean> {
  return (await tx`delete from maintenance_windows where id = ${id} returning id`).length > 0;
}

/** A send window as the planning core takes it (a PlanWindow): instants as epoch milliseconds. */
const planWindowColumns = (sql: Queryable) => sql`
  id::int, afnemer_oin as afnemer, kenmerk,
  (extract(epoch from start_at) * 1000)::float8 as start, (extract(epoch from end_at) * 1000)::float8 as end,
  aantal_berichten::float8 as volume, status,
  (extract(epoch from vroegste_start) * 1000)::float8 as earliest_start,
  (extract(epoch from laatste_eind) * 1000)::float8 as latest_end`;

/** Counting (not cancelled) send windows overlapping [from, to), as the planning core takes them. */
export function planWindowsInRange(sql: Queryable, from: number, to: number) {
  return sql<PlanWindow[]>`
    select ${planWindowColumns(sql)}
    from send_windows
    where status <> 'geannuleerd' and start_at < to_timestamp(${to / 1000}) and end_at > to_timestamp(${from / 1000})`;
}

/** The instant span of all counting send windows, or null when there are none. */
export async function planWindowsExtent(sql: Queryable): Promise<{ from: number; to: number } | null> {
  const [row] = await sql<{ from: number | null; to: number | null }[]>`
    select (extract(epoch from min(start_at)) * 1000)::float8 as from, (extract(epoch from max(end_at)) * 1000)::float8 as to
    from send_windows where status <> 'geannuleerd'`;
  return row && row.from !== null && row.to !== null ? { from: row.from, to: row.to } : null;
}

/**
 * The spans covered by counting send windows and open conflicts (their backlog included), joined where less than
 * `gapMs` apart, in time order: what a recompute of everything must cover. Computed in the database, so the server
 * never holds every window for it.
 */
export async function planningIslands(sql: Queryable, gapMs: number): Promise<{ from: number; to: number }[]> {
  const rows = await sql<{ from: number; to: number }[]>`
    with spans as (
      select extract(epoch from start_at)::float8 as s, extract(epoch from end_at)::float8 as e
      from send_windows where status <> 'geannuleerd'
      union all
      select extract(epoch from start_at)::float8, extract(epoch from greatest(end_at, coalesce(drained_at, end_at)))::float8
      from conflicts where status = 'open'
    ), ordered as (
      select s, e, max(e) over (order by s, e rows between unbounded preceding and 1 preceding) as before_e from spans
    ), islands as (
      select s, e, sum(case when before_e is null or s > before_e + ${gapMs / 1000} then 1 else 0 end) over (order by s, e) as island
      from ordered
    )
    select min(s) * 1000 as from, max(e) * 1000 as to from islands group by island order by 1`;
  return rows.map((r) => ({ from: r.from, to: r.to }));
}

/** Maintenance windows overlapping [from, to), as the planning core takes them. */
export function maintenanceInRange(sql: Queryable, from: number, to: number) {
  return sql<MaintenanceWindow[]>`
    select id::int, (extract(epoch from start_at) * 1000)::float8 as start,
      (extract(epoch from end_at) * 1000)::float8 as end, factor
    from maintenance_windows
    where start_at < to_timestamp(${to / 1000}) and end_at > to_timestamp(${from / 1000})`;
}

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

function conflictFields(c: Conflict) {
  return {
    start: new Date(c.start),
    end: new Date(c.end),
    afnemers: c.afnemers,
    windows: c.windows.map((w) => ({ id: w.id, afnemer: w.afnemer, kenmerk: w.kenmerk, load: w.load })),
    windowIds: c.windows.map((w) => w.id),
    peak: c.peakUtilization,
    excess: c.excessMessages,
    backlog: c.peakBacklog,
    drained: c.drainedAt === null ? null : new Date(c.drainedAt),
    delay: c.delayMs,
  };
}

/** Stores a newly detected conflict; returns its id. */
export async function conflictInsert(tx: Tx, c: Conflict, now: Date): Promise<number> {
  const f = conflictFields(c);
  const [row] = await tx<{ id: number }[]>`
    insert into conflicts (start_at, end_at, afnemers, windows, window_ids, peak_utilization, excess_messages,
      peak_backlog, drained_at, delay_ms, detected_at, updated_at)
    values (${f.start}, ${f.end}, ${f.afnemers}::text[], ${tx.json(f.windows)}, ${f.windowIds}::bigint[], ${f.peak},
      ${f.excess}, ${f.backlog}, ${f.drained}, ${f.delay}, ${now}, ${now})
    returning id::int`;
  return row!.id;
}

/** Updates a persisting conflict's figures; its id and history stay. */
export async function conflictUpdate(tx: Tx, id: number, c: Conflict, now: Date) {
  const f = conflictFields(c);
  await tx`
    update conflicts set start_at = ${f.start}, end_at = ${f.end}, afnemers = ${f.afnemers}::text[],
      windows = ${tx.json(f.windows)}, window_ids = ${f.windowIds}::bigint[], peak_utilization = ${f.peak},
      excess_messages = ${f.excess}, peak_backlog = ${f.backlog}, drained_at = ${f.drained}, delay_ms = ${f.delay},
      updated_at = ${now}
    where id = ${id}`;
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

/** The windows of one Afnemer with these kenmerken (any status), as the planning core takes them. */
export function planWindowsByKenmerk(sql: Queryable, afnemerOin: string, kenmerken: string[]) {
  return sql<PlanWindow[]>`
    select ${planWindowColumns(sql)}
    from send_windows where afnemer_oin = ${afnemerOin} and kenmerk = any(${kenmerken}::text[])`;
}

/** Send windows (cancelled ones too) changed after planning version `version`, as the planning core takes them. */
export function planWindowsChangedSince(sql: Queryable, version: string) {
  return sql<PlanWindow[]>`
    select ${planWindowColumns(sql)}
    from send_windows where changed_version > ${version}::bigint`;
}

/** The planning version, and the version from which windows were deleted (a full reload is due past it). */
export async function planningState(sql: Queryable): Promise<{ version: string; resetVersion: string }> {
  const [row] = await sql<{ version: string; resetVersion: string }[]>`
    select version::text, reset_version::text from planning_state where id = 1`;
  return row!;
}

/** The planning version: it rises with every change to windows, maintenance or the capacity profile. */
export async function planningVersion(sql: Queryable): Promise<string> {
  const [row] = await sql<{ version: string }[]>`select version::text from planning_state where id = 1`;
  return row!.version;
}

/** What owns a maintenance window: a release or an incident; null when it is plain maintenance or missing. */
export async function maintenanceOwner(sql: Queryable, id: number): Promise<'release' | 'incident' | null> {
  const [row] = await sql<{ owner: 'release' | 'incident' | null }[]>`
    select case when release_id is not null then 'release' when incident_id is not null then 'incident' end as owner
    from maintenance_windows where id = ${id}`;
  return row?.owner ?? null;
}

/** How many distinct Afnemers the given conflicts involve together. */
export async function conflictsAfnemerCount(sql: Queryable, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await sql<{ n: number }[]>`
    select count(distinct a)::int as n from conflicts, unnest(afnemers) as a where id = any(${ids}::bigint[])`;
  return row!.n;
}
