import type { MaintenanceWindow } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

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

/** Maintenance windows overlapping [from, to), as the planning core takes them. */
export function maintenanceInRange(sql: Queryable, from: number, to: number) {
  return sql<MaintenanceWindow[]>`
    select id::int, (extract(epoch from start_at) * 1000)::float8 as start,
      (extract(epoch from end_at) * 1000)::float8 as end, factor
    from maintenance_windows
    where start_at < to_timestamp(${to / 1000}) and end_at > to_timestamp(${from / 1000})`;
}

/** What owns a maintenance window: a release or an incident; null when it is plain maintenance or missing. */
export async function maintenanceOwner(sql: Queryable, id: number): Promise<'release' | 'incident' | null> {
  const [row] = await sql<{ owner: 'release' | 'incident' | null }[]>`
    select case when release_id is not null then 'release' when incident_id is not null then 'incident' end as owner
    from maintenance_windows where id = ${id}`;
  return row?.owner ?? null;
}

export interface CapacityImpactRow {
  id: number;
  startAt: Date;
  endAt: Date;
  factor: number;
  reason: string;
  createdBy: string | null;
}

/** A capacity drop as its incident lists it, with the last change of its window (to undo it within its term). */
export interface CapacityImpactListRow extends CapacityImpactRow {
  lastChangeId: number | null;
  lastChangeById: number | null;
  lastChangeAt: Date | null;
  lastChangeUndoneAt: Date | null;
}

/** Stores a capacity drop of an incident as a maintenance window of kind 'incident'; returns its id. */
export async function incidentCapacityImpactCreate(
  tx: Tx,
  incidentId: number,
  m: { start: Date; end: Date; factor: number; reason: string },
  userId: number,
  at: Date,
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into maintenance_windows (start_at, end_at, factor, reason, kind, created_by, created_at, updated_at, incident_id)
    values (${m.start}, ${m.end}, ${m.factor}, ${m.reason}, 'incident', ${userId}, ${at}, ${at}, ${incidentId})
    returning id::int`;
  return row!.id;
}

/** The capacity drops of an incident, by start. */
export function incidentCapacityImpacts(sql: Queryable, incidentId: number) {
  return sql<CapacityImpactListRow[]>`
    select m.id::int, m.start_at, m.end_at, m.factor, m.reason, u.email as created_by,
      c.id::int as last_change_id, c.changed_by::int as last_change_by_id, c.changed_at as last_change_at, c.undone_at as last_change_undone_at
    from maintenance_windows m left join users u on u.id = m.created_by
      left join lateral (select * from maintenance_changes c where c.maintenance_id = m.id order by c.id desc limit 1) c on true
    where m.incident_id = ${incidentId} order by m.start_at, m.id`;
}

/** Removes one capacity drop of an incident; returns it, or null when the incident has no such window. */
export async function incidentCapacityImpactDelete(tx: Tx, incidentId: number, windowId: number): Promise<CapacityImpactRow | null> {
  const [row] = await tx<CapacityImpactRow[]>`
    delete from maintenance_windows where id = ${windowId} and incident_id = ${incidentId}
    returning id::int, start_at, end_at, factor, reason, null::text as created_by`;
  return row ?? null;
}

export interface CalendarMaintenanceRow {
  id: number;
  startAt: Date;
  endAt: Date;
  kind: string;
  reason: string;
  factor: number;
  updatedAt: Date;
}

/** Maintenance windows overlapping [from, to) that do not belong to a release (releases are their own events). */
export function calendarMaintenance(sql: Queryable, from: Date, to: Date) {
  return sql<CalendarMaintenanceRow[]>`
    select id::int, start_at, end_at, kind, reason, factor, updated_at from maintenance_windows
    where release_id is null and start_at < ${to} and end_at > ${from} order by start_at, id`;
}
