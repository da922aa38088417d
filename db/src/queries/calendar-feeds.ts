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

export interface CalendarMaintenanceRow {
  id: number;
  startAt: Date;
  endAt: Date;
  kind: string;
  reason: string;
  factor: number;
  updatedAt: Date;
}

/** Maintenance windows overlapping [from, to) that do not belong to a release (releases are their own events). */
export function calendarMaintenance(sql: Queryable, from: Date, to: Date) {
  return sql<CalendarMaintenanceRow[]>`
    select id::int, start_at, end_at, kind, reason, factor, updated_at from maintenance_windows
    where release_id is null and start_at < ${to} and end_at > ${from} order by start_at, id`;
}

export interface CalendarSendWindowRow {
  id: number;
  kenmerk: string;
  omschrijving: string;
  berichttype: string;
  startAt: Date;
  endAt: Date;
  aantalBerichten: number;
  status: string;
  updatedAt: Date;
}

/** An Afnemer's counting send windows overlapping [from, to). */
export function calendarSendWindows(sql: Queryable, afnemerOin: string, from: Date, to: Date) {
  return sql<CalendarSendWindowRow[]>`
    select id::int, kenmerk, omschrijving, berichttype, start_at, end_at, aantal_berichten::float8, status, updated_at
    from send_windows
    where afnemer_oin = ${afnemerOin} and status <> 'geannuleerd' and start_at < ${to} and end_at > ${from}
    order by start_at, id`;
}
