import type { Queryable, Tx } from '../client.js';
import type { MaintenanceInput } from './maintenance-windows.js';

/** A maintenance window as the trail keeps it: enough to put it back as it was. */
export type MaintenanceSnapshot = {
  start: string;
  end: string;
  factor: number;
  reason: string;
  kind: MaintenanceInput['kind'];
  createdBy: number | null;
  createdAt: string;
  /** The incident whose capacity drop the window is; absent or null for plain maintenance. */
  incidentId?: number | null;
};

export interface MaintenanceChangeRow {
  id: number;
  maintenanceId: number;
  action: 'create' | 'update' | 'delete';
  before: MaintenanceSnapshot | null;
  after: MaintenanceSnapshot | null;
  changedBy: string | null;
  changedById: number | null;
  changedAt: Date;
  undoneBy: string | null;
  undoneAt: Date | null;
}

const changeColumns = (sql: Queryable) => sql`
  c.id::int, c.maintenance_id::int, c.action, c.before, c.after, u.email as changed_by, c.changed_by::int as changed_by_id,
  c.changed_at, v.email as undone_by, c.undone_at`;

/** The window as stored now, for the trail; null when it does not exist. */
export async function maintenanceSnapshot(sql: Queryable, id: number): Promise<MaintenanceSnapshot | null> {
  const [row] = await sql<{ snapshot: MaintenanceSnapshot }[]>`
    select jsonb_build_object('start', start_at, 'end', end_at, 'factor', factor, 'reason', reason, 'kind', kind,
      'createdBy', created_by, 'createdAt', created_at, 'incidentId', incident_id) as snapshot
    from maintenance_windows where id = ${id}`;
  return row?.snapshot ?? null;
}

/** Records a change in the trail; returns its id. */
export async function maintenanceChangeRecord(
  tx: Tx,
  c: {
    maintenanceId: number;
    action: MaintenanceChangeRow['action'];
    before: MaintenanceSnapshot | null;
    after: MaintenanceSnapshot | null;
    userId: number;
    at: Date;
  },
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into maintenance_changes (maintenance_id, action, before, after, changed_by, changed_at)
    values (${c.maintenanceId}, ${c.action}, ${c.before === null ? null : tx.json(c.before)}, ${c.after === null ? null : tx.json(c.after)},
      ${c.userId}, ${c.at})
    returning id::int`;
  return row!.id;
}

/** One change of the trail, or null; `lock` holds it (and so its window's undo) until the transaction ends. */
export async function maintenanceChangeById(sql: Queryable, id: number, lock = false): Promise<MaintenanceChangeRow | null> {
  const [row] = lock
    ? await sql<MaintenanceChangeRow[]>`
        select ${changeColumns(sql)} from maintenance_changes c left join users u on u.id = c.changed_by
        left join users v on v.id = c.undone_by where c.id = ${id} for update of c`
    : await sql<MaintenanceChangeRow[]>`
        select ${changeColumns(sql)} from maintenance_changes c left join users u on u.id = c.changed_by
        left join users v on v.id = c.undone_by where c.id = ${id}`;
  return row ?? null;
}

/** The id of the last change of a window that is not undone, or null. */
export async function maintenanceLastChangeId(sql: Queryable, maintenanceId: number): Promise<number | null> {
  const [row] = await sql<{ id: number }[]>`
    select id::int from maintenance_changes where maintenance_id = ${maintenanceId} and undone_at is null
    order by id desc limit 1`;
  return row?.id ?? null;
}

/** The trail, newest first. */
export function maintenanceChangesList(sql: Queryable, limit: number) {
  return sql<MaintenanceChangeRow[]>`
    select ${changeColumns(sql)} from maintenance_changes c left join users u on u.id = c.changed_by
    left join users v on v.id = c.undone_by order by c.id desc limit ${limit}`;
}

/** Marks a change undone. */
export async function maintenanceChangeUndone(tx: Tx, id: number, userId: number, at: Date) {
  await tx`update maintenance_changes set undone_by = ${userId}, undone_at = ${at} where id = ${id}`;
}

/** Puts a deleted window back under its own id, as it was. */
export async function maintenanceRestore(tx: Tx, id: number, s: MaintenanceSnapshot) {
  await tx`
    insert into maintenance_windows (id, start_at, end_at, factor, reason, kind, created_by, created_at, updated_at, incident_id)
    values (${id}, ${s.start}::timestamptz, ${s.end}::timestamptz, ${s.factor}, ${s.reason}, ${s.kind}, ${s.createdBy},
      ${s.createdAt}::timestamptz, now(), ${s.incidentId ?? null})`;
}
