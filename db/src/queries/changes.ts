import { RfcStateSchema, type RfcState } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

// ---------- who may file RFCs ----------

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

// ---------- RFCs ----------

export interface RfcRow {
  id: number;
  afnemerOin: string;
  afnemerName: string;
  kind: 'standaard' | 'niet-standaard' | 'urgent';
  catalogueItem: string | null;
  incidentNumber: string | null;
  title: string;
  description: string;
  status: string;
  state: RfcState;
  releaseId: number | null;
  filedBy: string;
  filedByUserId: number;
  filedAt: Date;
  updatedAt: Date;
}

const rfcColumns = (sql: Queryable) => sql`
  r.id::int, r.afnemer_oin, a.name as afnemer_name, r.kind, r.catalogue_item, r.incident_number, r.title, r.description,
  r.status, r.state, r.release_id::int, u.email as filed_by, r.filed_by::int as filed_by_user_id, r.filed_at, r.updated_at`;

const rfcFrom = (sql: Queryable) => sql`rfcs r join afnemers a on a.oin = r.afnemer_oin join users u on u.id = r.filed_by`;

type RfcStored = Omit<RfcRow, 'state'> & { state: unknown };

/** An RFC as read, its state parsed with its schema; a state that does not match throws (a 500, never a 400). */
function rfcParse(row: RfcStored): RfcRow {
  const parsed = RfcStateSchema.safeParse(row.state);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(state)'}: ${i.message}`).join('; ');
    throw new Error(`RFC ${row.id} heeft een ongeldige toestand: ${where}`);
  }
  return { ...row, state: parsed.data };
}

export interface RfcNew {
  afnemerOin: string;
  kind: RfcRow['kind'];
  catalogueItem: string | null;
  incidentNumber: string | null;
  title: string;
  description: string;
  status: string;
  state: object;
  filedBy: number;
}

/** Stores a new RFC; returns its id. */
export async function rfcInsert(tx: Tx, r: RfcNew, at: Date): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into rfcs (afnemer_oin, kind, catalogue_item, incident_number, title, description, status, state, filed_by, filed_at, updated_at)
    values (${r.afnemerOin}, ${r.kind}, ${r.catalogueItem}, ${r.incidentNumber}, ${r.title}, ${r.description}, ${r.status},
      ${tx.json(r.state as never)}, ${r.filedBy}, ${at}, ${at})
    returning id::int`;
  return row!.id;
}

/** One RFC, locked for this transaction when `lock` is set; null when it does not exist. */
export async function rfcById(sql: Queryable, id: number, lock = false): Promise<RfcRow | null> {
  const [row] = lock
    ? await sql<RfcStored[]>`select ${rfcColumns(sql)} from ${rfcFrom(sql)} where r.id = ${id} for update of r`
    : await sql<RfcStored[]>`select ${rfcColumns(sql)} from ${rfcFrom(sql)} where r.id = ${id}`;
  return row ? rfcParse(row) : null;
}

export interface RfcFilter {
  afnemer: string | null;
  status: string | null;
  kind: string | null;
  releaseId?: number | null;
}

/** RFCs matching the filter, newest first. */
export async function rfcsList(sql: Queryable, f: RfcFilter): Promise<RfcRow[]> {
  const rows = await sql<RfcStored[]>`
    select ${rfcColumns(sql)} from ${rfcFrom(sql)}
    where (${f.afnemer}::text is null or r.afnemer_oin = ${f.afnemer})
      and (${f.status}::text is null or r.status = ${f.status})
      and (${f.kind}::text is null or r.kind = ${f.kind})
      and (${f.releaseId ?? null}::bigint is null or r.release_id = ${f.releaseId ?? null})
    order by r.filed_at desc, r.id desc`;
  return rows.map(rfcParse);
}

/** Stores an RFC's new state (and its release, once planned). */
export async function rfcStateSave(tx: Tx, id: number, status: string, state: object, releaseId: number | null, at: Date) {
  await tx`
    update rfcs set status = ${status}, state = ${tx.json(state as never)}, release_id = ${releaseId}, updated_at = ${at}
    where id = ${id}`;
}

export interface RfcEventInput {
  rfcId: number;
  actor: { id: number; email: string; role: string } | null;
  action: string;
  from: string | null;
  to: string;
  payload: object;
}

/** Appends to the RFC audit trail (which refuses updates and deletes). */
export async function rfcEventAppend(tx: Tx, e: RfcEventInput, at: Date) {
  await tx`
    insert into rfc_events (rfc_id, at, actor_user_id, actor_email, actor_role, action, from_status, to_status, payload)
    values (${e.rfcId}, ${at}, ${e.actor?.id ?? null}, ${e.actor?.email ?? null}, ${e.actor?.role ?? null}, ${e.action},
      ${e.from}, ${e.to}, ${tx.json(e.payload as never)})`;
}

export interface RfcEventRow {
  at: Date;
  actorEmail: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  payload: Record<string, unknown>;
}

/** The audit trail of an RFC, oldest first. */
export function rfcEvents(sql: Queryable, rfcId: number) {
  return sql<RfcEventRow[]>`
    select at, actor_email, action, from_status, to_status, payload from rfc_events where rfc_id = ${rfcId} order by id`;
}

// ---------- releases ----------

export interface ReleaseRow {
  id: number;
  name: string;
  description: string;
  startAt: Date;
  endAt: Date;
  factor: number;
  maintenanceWindowId: number | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const releaseColumns = (sql: Queryable) => sql`
  r.id::int, r.name, r.description, r.start_at, r.end_at, r.factor,
  (select m.id::int from maintenance_windows m where m.release_id = r.id) as maintenance_window_id,
  u.email as created_by, r.created_at, r.updated_at`;

export interface ReleaseInputRow {
  name: string;
  description: string;
  start: Date;
  end: Date;
  factor: number;
}

const releaseReason = (r: ReleaseInputRow) => `Release ${r.name}`.slice(0, 1000);

/** Stores a release and the maintenance window that lowers capacity during it; returns the release id. */
export async function releaseInsert(tx: Tx, r: ReleaseInputRow, userId: number, at: Date): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into releases (name, description, start_at, end_at, factor, created_by, created_at, updated_at)
    values (${r.name}, ${r.description}, ${r.start}, ${r.end}, ${r.factor}, ${userId}, ${at}, ${at})
    returning id::int`;
  await tx`
    insert into maintenance_windows (start_at, end_at, factor, reason, kind, created_by, created_at, updated_at, release_id)
    values (${r.start}, ${r.end}, ${r.factor}, ${releaseReason(r)}, 'release', ${userId}, ${at}, ${at}, ${row!.id})`;
  return row!.id;
}

/** Replaces a release's fields and its maintenance window (recreated if it was removed); false when it does not exist. */
export async function releaseUpdate(tx: Tx, id: number, r: ReleaseInputRow, userId: number, at: Date): Promise<boolean> {
  const rows = await tx`
    update releases set name = ${r.name}, description = ${r.description}, start_at = ${r.start}, end_at = ${r.end},
      factor = ${r.factor}, updated_at = ${at}
    where id = ${id} returning id`;
  if (rows.length === 0) return false;
  const moved = await tx`
    update maintenance_windows set start_at = ${r.start}, end_at = ${r.end}, factor = ${r.factor}, reason = ${releaseReason(r)},
      updated_at = ${at}
    where release_id = ${id} returning id`;
  if (moved.length === 0) {
    await tx`
      insert into maintenance_windows (start_at, end_at, factor, reason, kind, created_by, created_at, updated_at, release_id)
      values (${r.start}, ${r.end}, ${r.factor}, ${releaseReason(r)}, 'release', ${userId}, ${at}, ${at}, ${id})`;
  }
  return true;
}

/** Deletes a release and (by cascade) its maintenance window; false when it did not exist. */
export async function releaseDelete(tx: Tx, id: number): Promise<boolean> {
  return (await tx`delete from releases where id = ${id} returning id`).length > 0;
}

/** One release, locked for this transaction when `lock` is set; null when it does not exist. */
export async function releaseById(sql: Queryable, id: number, lock = false): Promise<ReleaseRow | null> {
  const [row] = lock
    ? await sql<ReleaseRow[]>`select ${releaseColumns(sql)} from releases r left join users u on u.id = r.created_by where r.id = ${id} for update of r`
    : await sql<ReleaseRow[]>`select ${releaseColumns(sql)} from releases r left join users u on u.id = r.created_by where r.id = ${id}`;
  return row ?? null;
}

/** Releases overlapping [from, to) (all when both are null), by start. */
export function releasesList(sql: Queryable, from: Date | null, to: Date | null) {
  return sql<ReleaseRow[]>`
    select ${releaseColumns(sql)} from releases r left join users u on u.id = r.created_by
    where (${to}::timestamptz is null or r.start_at < ${to}) and (${from}::timestamptz is null or r.end_at > ${from})
    order by r.start_at, r.id`;
}

export interface ReleaseRfcRow {
  id: number;
  releaseId: number;
  title: string;
  kind: RfcRow['kind'];
  status: string;
  afnemerOin: string;
}

/** The RFCs planned in these releases. */
export function rfcsOfReleases(sql: Queryable, releaseIds: number[]) {
  return sql<ReleaseRfcRow[]>`
    select id::int, release_id::int, title, kind, status, afnemer_oin from rfcs
    where release_id = any(${releaseIds}::bigint[]) order by id`;
}

// ---------- service requests ----------

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

// ---------- the quarterly usage template ----------

/** An Afnemer's counting send windows starting in [from, to), as the usage template takes them. */
export function usageWindows(sql: Queryable, afnemerOin: string, from: Date, to: Date) {
  return sql<{ start: number; volume: number; status: 'concept' | 'definitief'; berichttype: string; omschrijving: string }[]>`
    select (extract(epoch from start_at) * 1000)::float8 as start, aantal_berichten::float8 as volume, status, berichttype, omschrijving
    from send_windows
    where afnemer_oin = ${afnemerOin} and status <> 'geannuleerd' and start_at >= ${from} and start_at < ${to}`;
}

/** Open conflicts whose span or backlog reaches into [from, to), with the Afnemers involved. */
export function conflictsOpenDuring(sql: Queryable, from: Date, to: Date) {
  return sql<{ id: number; afnemers: string[]; startAt: Date }[]>`
    select id::int, afnemers, start_at from conflicts
    where status = 'open' and start_at < ${to} and greatest(end_at, coalesce(drained_at, end_at)) > ${from}
    order by start_at, id`;
}
