import type { Sql } from '@cd/db';

/**
 * The actuals recomputed in SQL, as the tests' reference: per UTC hour (epoch ms) the stored messages and those in
 * hours that no counting window of their own Afnemer touches (unannounced). All Afnemers, or one.
 */
export async function actualsByHourInSql(sql: Sql, afnemer: string | null): Promise<Map<number, { hour: number; actual: number; unannounced: number }>> {
  const rows = await sql<{ hour: number; actual: number; unannounced: number }[]>`
    select (extract(epoch from a.hour) * 1000)::float8 as hour, sum(a.count)::float8 as actual,
      coalesce(sum(a.count) filter (where not exists (
        select 1 from send_windows w
        where w.afnemer_oin = a.afnemer_oin and w.status <> 'geannuleerd' and w.start_at < a.hour + interval '1 hour' and w.end_at > a.hour
      )), 0)::float8 as unannounced
    from actuals a
    where ${afnemer === null ? sql`true` : sql`a.afnemer_oin = ${afnemer}`}
    group by a.hour`;
  return new Map(rows.map((r) => [r.hour, r]));
}
