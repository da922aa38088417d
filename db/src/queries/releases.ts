import type { Queryable, Tx } from '../client.js';

export interface ReleaseRow {
  id: number;
  name: string;
  description: string;
  startAt: Date;
  endAt: Date;
  factor: number;
  maintenanceWindowId: number | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const releaseColumns = (sql: Queryable) => sql`
  r.id::int, r.name, r.description, r.start_at, r.end_at, r.factor,
  (select m.id::int from maintenance_windows m where m.release_id = r.id) as maintenance_window_id,
  u.email as created_by, r.created_at, r.updated_at`;

export interface ReleaseInputRow {
  name: string;
  description: string;
  start: Date;
  end: Date;
  factor: number;
}

const releaseReason = (r: ReleaseInputRow) => `Release ${r.name}`.slice(0, 1000);

/** Stores a release and the maintenance window that lowers capacity during it; returns the release id. */
export async function releaseInsert(tx: Tx, r: ReleaseInputRow, userId: number, at: Date): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into releases (name, description, start_at, end_at, factor, created_by, created_at, updated_at)
    values (${r.name}, ${r.description}, ${r.start}, ${r.end}, ${r.factor}, ${userId}, ${at}, ${at})
    returning id::int`;
  await tx`
    insert into maintenance_windows (start_at, end_at, factor, reason, kind, created_by, created_at, updated_at, release_id)
    values (${r.start}, ${r.end}, ${r.factor}, ${releaseReason(r)}, 'release', ${userId}, ${at}, ${at}, ${row!.id})`;
  return row!.id;
}

/** Replaces a release's fields and its maintenance window (recreated if it was removed); false when it does not exist. */
export async function releaseUpdate(tx: Tx, id: number, r: ReleaseInputRow, userId: number, at: Date): Promise<boolean> {
  const rows = await tx`
    update releases set name = ${r.name}, description = ${r.description}, start_at = ${r.start}, end_at = ${r.end},
      factor = ${r.factor}, updated_at = ${at}
    where id = ${id} returning id`;
  if (rows.length === 0) return false;
  const moved = await tx`
    update maintenance_windows set start_at = ${r.start}, end_at = ${r.end}, factor = ${r.factor}, reason = ${releaseReason(r)},
      updated_at = ${at}
    where release_id = ${id} returning id`;
  if (moved.length === 0) {
    await tx`
      insert into maintenance_windows (start_at, end_at, factor, reason, kind, created_by, created_at, updated_at, release_id)
      values (${r.start}, ${r.end}, ${r.factor}, ${releaseReason(r)}, 'release', ${userId}, ${at}, ${at}, ${id})`;
  }
  return true;
}

/** Deletes a release and (by cascade) its maintenance window; false when it did not exist. */
export async function releaseDelete(tx: Tx, id: number): Promise<boolean> {
  return (await tx`delete from releases where id = ${id} returning id`).length > 0;
}

/** One release, locked for this transaction when `lock` is set; null when it does not exist. */
export async function releaseById(sql: Queryable, id: number, lock = false): Promise<ReleaseRow | null> {
  const [row] = lock
    ? await sql<ReleaseRow[]>`select ${releaseColumns(sql)} from releases r left join users u on u.id = r.created_by where r.id = ${id} for update of r`
    : await sql<ReleaseRow[]>`select ${releaseColumns(sql)} from releases r left join users u on u.id = r.created_by where r.id = ${id}`;
  return row ?? null;
}

/** Releases overlapping [from, to) (all when both are null), by start. */
export function releasesList(sql: Queryable, from: Date | null, to: Date | null) {
  return sql<ReleaseRow[]>`
    select ${releaseColumns(sql)} from releases r left join users u on u.id = r.created_by
    where (${to}::timestamptz is null or r.start_at < ${to}) and (${from}::timestamptz is null or r.end_at > ${from})
    order by r.start_at, r.id`;
}
