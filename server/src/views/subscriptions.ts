import { subscriptionsOfUser, type Queryable } from '@cd/db';
import { NOTICE_KIND_LABELS, NOTICE_KINDS, type SubscriptionJson } from '@cd/shared';

/** Per kind of notice whether the user subscribed, and since when. */
export async function subscriptionsJson(sql: Queryable, userId: number): Promise<SubscriptionJson[]> {
  const rows = await subscriptionsOfUser(sql, userId);
  return NOTICE_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return { kind, label: NOTICE_KIND_LABELS[kind], subscribed: row !== undefined, since: row ? row.createdAt.toISOString() : null };
  });
}
