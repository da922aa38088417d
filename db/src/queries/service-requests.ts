import type { Queryable, Tx } from '../client.js';

export interface ServiceRequestRow {
  id: number;
  afnemerOin: string;
  afnemerName: string;
  kind: 'standaard' | 'vrij';
  catalogueItem: string | null;
  subject: string;
  description: string;
  fields: Record<string, unknown>;
  status: 'ingediend' | 'in-behandeling' | 'afgehandeld' | 'afgewezen';
  answer: string | null;
  filedBy: string;
  filedByUserId: number;
  filedAt: Date;
  answeredBy: string | null;
  answeredAt: Date | null;
  updatedAt: Date;
}

const srColumns = (sql: Queryable) => sql`
  s.id::int, s.afnemer_oin, a.name as afnemer_name, s.kind, s.catalogue_item, s.subject, s.description, s.fields, s.status,
  s.answer, f.email as filed_by, s.filed_by::int as filed_by_user_id, s.filed_at, ans.email as answered_by, s.answered_at, s.updated_at`;
const srFrom = (sql: Queryable) => sql`
  service_requests s join afnemers a on a.oin = s.afnemer_oin join users f on f.id = s.filed_by
  left join users ans on ans.id = s.answered_by`;

/** Stores a new service request; returns its id. */
export async function serviceRequestInsert(
  tx: Tx,
  s: { afnemerOin: string; kind: 'standaard' | 'vrij'; catalogueItem: string | null; subject: string; description: string; fields: object; filedBy: number },
  at: Date,
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into service_requests (afnemer_oin, kind, catalogue_item, subject, description, fields, filed_by, filed_at, updated_at)
    values (${s.afnemerOin}, ${s.kind}, ${s.catalogueItem}, ${s.subject}, ${s.description}, ${tx.json(s.fields as never)},
      ${s.filedBy}, ${at}, ${at})
    returning id::int`;
  return row!.id;
}

/** One service request, locked when `lock` is set; null when it does not exist. */
export async function serviceRequestById(sql: Queryable, id: number, lock = false): Promise<ServiceRequestRow | null> {
  const [row] = lock
    ? await sql<ServiceRequestRow[]>`select ${srColumns(sql)} from ${srFrom(sql)} where s.id = ${id} for update of s`
    : await sql<ServiceRequestRow[]>`select ${srColumns(sql)} from ${srFrom(sql)} where s.id = ${id}`;
  return row ?? null;
}

/** Service requests of one Afnemer (or all when null), optionally of one status, newest first. */
export function serviceRequestsList(sql: Queryable, afnemer: string | null, status: string | null) {
  return sql<ServiceRequestRow[]>`
    select ${srColumns(sql)} from ${srFrom(sql)}
    where (${afnemer}::text is null or s.afnemer_oin = ${afnemer}) and (${status}::text is null or s.status = ${status})
    order by s.filed_at desc, s.id desc`;
}

/** Sets a request's status and answer; closing records who answered and when. */
export async function serviceRequestUpdate(tx: Tx, id: number, status: string, answer: string | null, userId: number, at: Date) {
  const closing = status === 'afgehandeld' || status === 'afgewezen';
  await tx`
    update service_requests set status = ${status}, answer = coalesce(${answer}, answer), updated_at = ${at},
      answered_by = case when ${closing} then ${userId}::bigint else answered_by end,
      answered_at = case when ${closing} then ${at}::timestamptz else answered_at end
    where id = ${id}`;
}
