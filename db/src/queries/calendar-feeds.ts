import type { UserRow } from './users.js';
import type { Queryable, Tx } from '../client.js';

export interface CalendarFeedRow {
  id: number;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Revokes the user's active feed, if any, and stores a new one by its token hash; returns the new row. */
export async function calendarFeedReplace(tx: Tx, userId: number, tokenHash: string, at: Date): Promise<CalendarFeedRow> {
  await tx`update calendar_feeds set revoked_at = ${at} where user_id = ${userId} and revoked_at is null`;
  const [row] = await tx<CalendarFeedRow[]>`
    insert into calendar_feeds (user_id, token_hash, created_at) values (${userId}, ${tokenHash}, ${at})
    returning id::int, created_at, revoked_at, last_used_at`;
  return row!;
}

/** Revokes the user's active feed; false when there was none. */
export async function calendarFeedRevoke(sql: Queryable, userId: number, at: Date): Promise<boolean> {
  return (await sql`update calendar_feeds set revoked_at = ${at} where user_id = ${userId} and revoked_at is null returning id`).length > 0;
}

/** The user's feeds, newest first (tokens are never stored, so never shown). */
export function calendarFeedsOfUser(sql: Queryable, userId: number) {
  return sql<CalendarFeedRow[]>`
    select id::int, created_at, revoked_at, last_used_at from calendar_feeds where user_id = ${userId} order by id desc`;
}

/** The owner of an active feed with this token hash, recording the use; null for unknown or revoked tokens. */
export async function calendarFeedUser(sql: Queryable, tokenHash: string, at: Date): Promise<UserRow | null> {
  const [row] = await sql<UserRow[]>`
    update calendar_feeds f set last_used_at = ${at} from users u
    where f.token_hash = ${tokenHash} and f.revoked_at is null and u.id = f.user_id
    returning u.id::int, u.email, u.name, u.role, u.afnemer_oin`;
  return row ?? null;
}
