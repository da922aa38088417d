import type { Queryable } from '../client.js';
import type { UserRow } from './users.js';

export interface ApiTokenRow {
  id: number;
  userId: number;
  label: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Stores an API token by its hash (the token itself is never stored), valid until `expiresAt`. */
export async function apiTokenCreate(
  sql: Queryable,
  tokenHash: string,
  userId: number,
  expiresAt: Date,
  label = '',
  createdAt: Date | null = null,
): Promise<ApiTokenRow> {
  const [row] = await sql<ApiTokenRow[]>`
    insert into api_tokens (token_hash, user_id, expires_at, label, created_at)
    values (${tokenHash}, ${userId}, ${expiresAt}, ${label}, coalesce(${createdAt}::timestamptz, now()))
    returning id::int, user_id::int, label, created_at, expires_at, last_used_at, revoked_at`;
  return row!;
}

/**
 * The user behind an API token that works at `now`, or null: unknown, revoked and expired tokens do not,
 * nor does the token of an account locked after failed logins. Notes the use at most once a minute.
 */
export async function apiTokenUser(sql: Queryable, tokenHash: string, now: Date): Promise<UserRow | null> {
  const [row] = await sql<(UserRow & { tokenId: number; lastUsedAt: Date | null })[]>`
    select u.id::int, u.email, u.name, u.role, u.afnemer_oin, t.id::int as token_id, t.last_used_at
    from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${tokenHash} and t.revoked_at is null and t.expires_at > ${now}
      and (u.locked_until is null or u.locked_until <= ${now})`;
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await sql`update api_tokens set last_used_at = ${now} where id = ${row.tokenId}`;
  }
  const { tokenId: _id, lastUsedAt: _used, ...user } = row;
  return user;
}

/** A user's tokens, newest first, without their hashes. */
export function apiTokensOfUser(sql: Queryable, userId: number) {
  return sql<ApiTokenRow[]>`
    select id::int, user_id::int, label, created_at, expires_at, last_used_at, revoked_at
    from api_tokens where user_id = ${userId} order by id desc`;
}

/** One token by id (without its hash), or null. */
export async function apiTokenById(sql: Queryable, id: number): Promise<ApiTokenRow | null> {
  const [row] = await sql<ApiTokenRow[]>`
    select id::int, user_id::int, label, created_at, expires_at, last_used_at, revoked_at from api_tokens where id = ${id}`;
  return row ?? null;
}

/**
 * Revokes the given tokens of a user (all of them when `ids` is null) that are not revoked yet; `by` is who
 * did it (null: the command line). Returns the tokens it revoked.
 */
export function apiTokensRevoke(sql: Queryable, userId: number, ids: readonly number[] | null, at: Date, by: number | null) {
  return sql<ApiTokenRow[]>`
    update api_tokens set revoked_at = ${at}, revoked_by = ${by}
    where user_id = ${userId} and revoked_at is null and (${ids === null} or id = any(${sql.array([...(ids ?? [])])}::bigint[]))
    returning id::int, user_id::int, label, created_at, expires_at, last_used_at, revoked_at`;
}
