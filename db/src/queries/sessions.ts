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
