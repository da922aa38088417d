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
  failedLogins: number;
  lockedUntil: Date | null;
}

/** The user with this e-mail address (case-insensitive), including the password hash, or null. */
export async function userByEmail(sql: Queryable, email: string): Promise<UserWithHash | null> {
  const [row] = await sql<UserWithHash[]>`
    select id::int, email, name, role, afnemer_oin, password_hash, failed_logins, locked_until from users where email = ${email.toLowerCase()}`;
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

/** Counts a failed login; from the `max`-th in a row the account is locked until `lockUntil`. Returns the lock, or null. */
export async function userLoginFailed(sql: Queryable, id: number, max: number, lockUntil: Date): Promise<Date | null> {
  const [row] = await sql<{ lockedUntil: Date | null }[]>`
    update users set
      failed_logins = case when failed_logins + 1 >= ${max} then 0 else failed_logins + 1 end,
      locked_until = case when failed_logins + 1 >= ${max} then ${lockUntil}::timestamptz else locked_until end
    where id = ${id}
    returning locked_until`;
  return row?.lockedUntil ?? null;
}

/** Clears the failed-login count after a successful login. */
export async function userLoginSucceeded(sql: Queryable, id: number) {
  await sql`update users set failed_logins = 0, locked_until = null where id = ${id} and (failed_logins <> 0 or locked_until is not null)`;
}

export interface Recipient {
  id: number;
  email: string;
}

/** Users with one of these roles, optionally only those of these Afnemers. */
export function usersByRole(sql: Queryable, roles: string[], afnemers: string[] | null) {
  return sql<Recipient[]>`
    select id::int, email from users
    where role = any(${roles}::text[]) and (${afnemers}::text[] is null or afnemer_oin = any(${afnemers}::text[]))`;
}

/** Users with this role at these Afnemers, with their Afnemer. */
export function usersOfAfnemers(sql: Queryable, role: string, afnemers: string[]) {
  return sql<(Recipient & { afnemerOin: string })[]>`
    select id::int, email, afnemer_oin from users where role = ${role} and afnemer_oin = any(${afnemers}::text[]) order by afnemer_oin, email`;
}

export interface RfcPermissionRow {
  userId: number;
  email: string;
  afnemerOin: string | null;
  mayFileRfc: boolean;
}

/** Whether a user may file RFCs for their Afnemer, or null when the user does not exist. */
export async function userRfcPermission(sql: Queryable, userId: number): Promise<RfcPermissionRow | null> {
  const [row] = await sql<RfcPermissionRow[]>`
    select id::int as user_id, email, afnemer_oin, may_file_rfc from users where id = ${userId}`;
  return row ?? null;
}

/** Sets whether a user may file RFCs; returns the new row, or null when the user does not exist. */
export async function userRfcPermissionSet(sql: Queryable, userId: number, may: boolean): Promise<RfcPermissionRow | null> {
  const [row] = await sql<RfcPermissionRow[]>`
    update users set may_file_rfc = ${may} where id = ${userId}
    returning id::int as user_id, email, afnemer_oin, may_file_rfc`;
  return row ?? null;
}
