import type { Queryable } from '../client.js';

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
