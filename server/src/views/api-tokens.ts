import type { ApiTokenRow } from '@cd/db';
import { apiTokenStatus } from '@cd/shared';

export const tokenJson = (row: ApiTokenRow, now: Date) => ({
  id: row.id,
  label: row.label,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  status: apiTokenStatus(row, now),
});
