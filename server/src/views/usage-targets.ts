import { usageTargetsOf, type Queryable } from '@cd/db';
import type { UsageTargetsJson } from '@cd/shared';

/** The targets of one quarter as the API shows them; empty (updatedAt null) while the Afnemer entered none. */
export async function usageTargetsJson(sql: Queryable, afnemer: string, year: number, quarter: number): Promise<UsageTargetsJson> {
  const row = await usageTargetsOf(sql, afnemer, year, quarter);
  if (!row)
    return { afnemer, year, quarter, quarterTarget: null, yearTarget: null, activities: [], expectedGrowth: null, note: '', updatedAt: null, updatedBy: null };
  return {
    afnemer,
    year,
    quarter,
    quarterTarget: row.quarterTarget,
    yearTarget: row.yearTarget,
    activities: row.activities,
    expectedGrowth: row.expectedGrowth,
    note: row.note,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}
