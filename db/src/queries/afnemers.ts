import type { Queryable } from '../client.js';

export interface AfnemerRow {
  oin: string;
  name: string;
}

/** All Afnemers, by name. */
export function afnemersList(sql: Queryable) {
  return sql<AfnemerRow[]>`select oin, name from afnemers order by name`;
}

/**
 * A version of the Afnemers table without a counter of its own: the number of rows and the newest row version
 * (xmin), so any insert, rename or delete gives another value. Reading it scans some 600 small rows, far less than
 * reading and parsing all names.
 */
export async function afnemersVersion(sql: Queryable): Promise<string> {
  const [row] = await sql<{ version: string }[]>`select count(*)::text || '.' || coalesce(max(xmin::text::bigint), 0)::text as version from afnemers`;
  return row!.version;
}

/** The Afnemer with this OIN, or null. */
export async function afnemerByOin(sql: Queryable, oin: string): Promise<AfnemerRow | null> {
  const [row] = await sql<AfnemerRow[]>`select oin, name from afnemers where oin = ${oin}`;
  return row ?? null;
}

/** Adds an Afnemer or renames an existing one; returns it. */
export async function afnemerUpsert(sql: Queryable, a: AfnemerRow): Promise<AfnemerRow> {
  const [row] = await sql<AfnemerRow[]>`
    insert into afnemers (oin, name) values (${a.oin}, ${a.name})
    on conflict (oin) do update set name = excluded.name
    returning oin, name`;
  return row!;
}
