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
