import type { Queryable } from '../client.js';

export interface AfnemerRow {
  oin: string;
  name: string;
}

/** All Afnemers, by name. */
export function afnemersList(sql: Queryable) {
  return sql<AfnemerRow[]>`select oin, name from afnemers order by name`;
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
