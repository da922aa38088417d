import type { Queryable } from '../client.js';
import type { UserRow } from './users.js';

/** Stores a new session under the hash of its token. */
export async function sessionCreate(sql: Queryable, tokenHash: string, userId: number, expiresAt: Date) {
  await sql`insert into sessions (token_hash, user_id, expires_at) values (${tokenHash}, ${userId}, ${expiresAt})`;
}

/** The user behind a live session, or null when the session is unknown or expired. */
export async function sessionUser(sql: Queryable, tokenHash: string, now: Date): Promise<UserRow | null> {
  const [row] = await sql<UserRow[]>`
    select u.id::int, u.email, u.name, u.role, u.afnemer_oin
    from sessions s join users u on u.id = s.user_id
    where s.token_hash = ${tokenHash} and s.expires_at > ${now}`;
  return row ?? null;
}

/** Ends a session. */
export async function sessionDelete(sql: Queryable, tokenHash: string) {
  await sql`delete from sessions where token_hash = ${tokenHash}`;
}

/** Stores an API token by its hash; the token itself is never stored. */
export async function apiTokenCreate(sql: Queryable, tokenHash: string, userId: number): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into api_tokens (token_hash, user_id) values (${tokenHash}, ${userId}) returning id::int`;
  return row!.id;
}

/** The user behind a valid, unrevoked API token, or null; notes its use at most once a minute (reads stay reads). */
export async function apiTokenUser(sql: Queryable, tokenHash: string, now: Date): Promise<UserRow | null> {
  const [row] = await sql<(UserRow & { tokenId: number; lastUsedAt: Date | null })[]>`
    select u.id::int, u.email, u.name, u.role, u.afnemer_oin, t.id::int as token_id, t.last_used_at
    from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${tokenHash} and t.revoked_at is null`;
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await sql`update api_tokens set last_used_at = ${now} where id = ${row.tokenId}`;
  }
  const { tokenId: _id, lastUsedAt: _used, ...user } = row;
  return user;
}
