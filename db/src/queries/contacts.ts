import type { ContactRole } from '@cd/shared';
import type { Queryable } from '../client.js';

export interface ContactRow {
  id: number;
  afnemerOin: string | null;
  role: ContactRole;
  name: string;
  email: string;
  phone: string;
  updatedAt: Date;
}

export interface ContactFilter {
  /** Logius' contacts and those of these Afnemers; null for every Afnemer. */
  afnemers: string[] | null;
  includeLogius: boolean;
  role: ContactRole | null;
}

/** Contacts (Bijlage 1), Logius first, then by Afnemer and role. */
export function contactsList(sql: Queryable, f: ContactFilter) {
  return sql<ContactRow[]>`
    select id::int, afnemer_oin, role, name, email, phone, updated_at from contacts
    where ((${f.includeLogius} and afnemer_oin is null)
        or (afnemer_oin is not null and (${f.afnemers}::text[] is null or afnemer_oin = any(${f.afnemers}::text[]))))
      and (${f.role}::text is null or role = ${f.role})
    order by afnemer_oin nulls first, role, name, id`;
}

/** Contacts with one of these roles: Logius' and, when given, one Afnemer's. */
export function contactsByRoles(sql: Queryable, roles: ContactRole[], afnemer: string | null) {
  return sql<ContactRow[]>`
    select id::int, afnemer_oin, role, name, email, phone, updated_at from contacts
    where role = any(${roles}::text[]) and (afnemer_oin is null or afnemer_oin = ${afnemer})
    order by afnemer_oin nulls first, role, name, id`;
}

/** One contact, or null. */
export async function contactById(sql: Queryable, id: number): Promise<ContactRow | null> {
  const [row] = await sql<ContactRow[]>`select id::int, afnemer_oin, role, name, email, phone, updated_at from contacts where id = ${id}`;
  return row ?? null;
}

export interface ContactFields {
  afnemerOin: string | null;
  role: ContactRole;
  name: string;
  email: string;
  phone: string;
}

/** Adds a contact; returns its id. */
export async function contactCreate(sql: Queryable, c: ContactFields, userId: number, at: Date): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into contacts (afnemer_oin, role, name, email, phone, updated_by, updated_at)
    values (${c.afnemerOin}, ${c.role}, ${c.name}, ${c.email}, ${c.phone}, ${userId}, ${at}) returning id::int`;
  return row!.id;
}

/** Replaces a contact's fields; false when it does not exist. */
export async function contactUpdate(sql: Queryable, id: number, c: ContactFields, userId: number, at: Date): Promise<boolean> {
  const rows = await sql`
    update contacts set afnemer_oin = ${c.afnemerOin}, role = ${c.role}, name = ${c.name}, email = ${c.email}, phone = ${c.phone},
      updated_by = ${userId}, updated_at = ${at}
    where id = ${id} returning id`;
  return rows.length > 0;
}

/** Removes a contact; false when it did not exist. */
export async function contactDelete(sql: Queryable, id: number): Promise<boolean> {
  return (await sql`delete from contacts where id = ${id} returning id`).length > 0;
}

/** The contacts of these Afnemers with one of these roles (no Logius contacts). */
export function contactsOfAfnemers(sql: Queryable, afnemers: string[], roles: ContactRole[]) {
  return sql<ContactRow[]>`
    select id::int, afnemer_oin, role, name, email, phone, updated_at from contacts
    where afnemer_oin = any(${afnemers}::text[]) and role = any(${roles}::text[])
    order by afnemer_oin, role, name, id`;
}
