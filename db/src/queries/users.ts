import type { Role } from '@cd/shared';
import type { Queryable } from '../client.js';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  afnemerOin: string | null;
}

export interface UserWithHash extends UserRow {
  passwordHash: string | null;
}

/** The user with this e-mail address (case-insensitive), including the password hash, or null. */
export async function userByEmail(sql: Queryable, email: string): Promise<UserWithHash | null> {
  const [row] = await sql<UserWithHash[]>`
    select id::int, email, name, role, afnemer_oin, password_hash from users where email = ${email.toLowerCase()}`;
  return row ?? null;
}

/** Creates a user, or updates role, Afnemer, name and (when given) password of the existing one. */
export async function userUpsert(
  sql: Queryable,
  u: { email: string; name: string; role: Role; afnemerOin: string | null; passwordHash: string | null },
): Promise<UserRow> {
  const [row] = await sql<UserRow[]>`
    insert into users (email, name, role, afnemer_oin, password_hash)
    values (${u.email.toLowerCase()}, ${u.name}, ${u.role}, ${u.afnemerOin}, ${u.passwordHash})
    on conflict (email) do update set
      name = excluded.name, role = excluded.role, afnemer_oin = excluded.afnemer_oin,
      password_hash = coalesce(excluded.password_hash, users.password_hash)
    returning id::int, email, name, role, afnemer_oin`;
  return row!;
}

/** Number of users; the demo seed runs only on an empty database. */
export async function usersCount(sql: Queryable): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from users`;
  return row!.n;
}
