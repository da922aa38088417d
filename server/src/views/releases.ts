import { rfcsOfReleases, type ReleaseRow, type Sql, type Tx, type UserRow } from '@cd/db';
import type { ReleaseJson, RfcStatus } from '@cd/shared';
import { afnemerScope } from '../lib/context.js';

/** Releases as the API shows them; an Afnemer's users see only their own Afnemer's RFCs in each. */
export async function releasesJson(sql: Sql | Tx, rows: ReleaseRow[], user: UserRow): Promise<ReleaseJson[]> {
  const scope = afnemerScope(user);
  const rfcs = (
    await rfcsOfReleases(
      sql,
      rows.map((r) => r.id),
    )
  ).filter((r) => scope === null || r.afnemerOin === scope);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    start: r.startAt.toISOString(),
    end: r.endAt.toISOString(),
    factor: r.factor,
    maintenanceWindowId: r.maintenanceWindowId,
    rfcs: rfcs
      .filter((x) => x.releaseId === r.id)
      .map((x) => ({ id: x.id, title: x.title, kind: x.kind, status: x.status as RfcStatus, afnemer: x.afnemerOin })),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
