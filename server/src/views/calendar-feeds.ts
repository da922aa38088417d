import type { CalendarFeedRow } from '@cd/db';

/** A calendar feed as its owner sees it in the list: never its token. */
export const calendarFeedJson = (f: CalendarFeedRow) => ({
  id: f.id,
  createdAt: f.createdAt.toISOString(),
  revokedAt: f.revokedAt?.toISOString() ?? null,
  lastUsedAt: f.lastUsedAt?.toISOString() ?? null,
});
