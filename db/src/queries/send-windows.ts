import type { PlanWindow } from '@cd/shared';
import type { Queryable } from '../client.js';

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
