import type { Queryable } from '../client.js';

export interface UsageTargetsRow {
  afnemerOin: string;
  year: number;
  quarter: number;
  quarterTarget: number | null;
  yearTarget: number | null;
  activities: { date: string; description: string }[];
  expectedGrowth: 'groot' | 'middel' | 'laag' | null;
  note: string;
  updatedAt: Date;
  updatedBy: string;
}

/** An Afnemer's targets for one quarter, or null when it entered none. */
export async function usageTargetsOf(sql: Queryable, afnemer: string, year: number, quarter: number): Promise<UsageTargetsRow | null> {
  const [row] = await sql<UsageTargetsRow[]>`
    select t.afnemer_oin, t.year, t.quarter, t.quarter_target::float8 as quarter_target, t.year_target::float8 as year_target,
      t.activities, t.expected_growth, t.note, t.updated_at, u.email as updated_by
    from usage_targets t join users u on u.id = t.updated_by
    where t.afnemer_oin = ${afnemer} and t.year = ${year} and t.quarter = ${quarter}`;
  return row ?? null;
}

/** Stores (or replaces) an Afnemer's targets for one quarter. */
export async function usageTargetsSet(sql: Queryable, t: Omit<UsageTargetsRow, 'updatedAt' | 'updatedBy'>, userId: number, at: Date) {
  await sql`
    insert into usage_targets (afnemer_oin, year, quarter, quarter_target, year_target, activities, expected_growth, note, updated_by, updated_at)
    values (${t.afnemerOin}, ${t.year}, ${t.quarter}, ${t.quarterTarget}, ${t.yearTarget}, ${sql.json(t.activities as never)},
      ${t.expectedGrowth}, ${t.note}, ${userId}, ${at})
    on conflict (afnemer_oin, year, quarter) do update set
      quarter_target = excluded.quarter_target, year_target = excluded.year_target, activities = excluded.activities,
      expected_growth = excluded.expected_growth, note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
}
