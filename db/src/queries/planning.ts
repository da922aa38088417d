import type { Queryable } from '../client.js';

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
