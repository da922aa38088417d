import { RfcStateSchema, type RfcState } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

export interface RfcRow {
  id: number;
  /** null for an RFC Logius filed for itself (section 2.1). */
  afnemerOin: string | null;
  afnemerName: string | null;
  kind: 'standaard' | 'niet-standaard' | 'urgent';
  changeType: 'technisch' | 'functioneel';
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
  /** Section 7.3 step 1 ("overleggen") is recorded in the trail. */
  escalationConsulted: boolean;
  /** The highest level reached on its ladder; 0 when not escalated. */
  escalationLevel: number;
}

const rfcColumns = (sql: Queryable) => sql`
  r.id::int, r.afnemer_oin, a.name as afnemer_name, r.kind, r.change_type, r.catalogue_item, r.incident_number, r.title, r.description,
  r.status, r.state, r.release_id::int, u.email as filed_by, r.filed_by::int as filed_by_user_id, r.filed_at, r.updated_at,
  exists (select 1 from rfc_events e where e.rfc_id = r.id and e.action = 'consult') as escalation_consulted,
  coalesce((select max((e.payload->>'level')::int) from rfc_events e where e.rfc_id = r.id and e.action = 'escalate'), 0)::int as escalation_level`;

const rfcFrom = (sql: Queryable) => sql`rfcs r left join afnemers a on a.oin = r.afnemer_oin join users u on u.id = r.filed_by`;

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
  afnemerOin: string | null;
  kind: RfcRow['kind'];
  changeType: RfcRow['changeType'];
  catalogueItem: string | null;
  incidentNumber: string | null;
  title: string;
  description: string;
  status: string;
  state: RfcState;
  filedBy: number;
}

/** Stores a new RFC; returns its id. */
export async function rfcInsert(tx: Tx, r: RfcNew, at: Date): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into rfcs (afnemer_oin, kind, change_type, catalogue_item, incident_number, title, description, status, state, filed_by, filed_at, updated_at)
    values (${r.afnemerOin}, ${r.kind}, ${r.changeType}, ${r.catalogueItem}, ${r.incidentNumber}, ${r.title}, ${r.description}, ${r.status},
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
export async function rfcStateSave(tx: Tx, id: number, status: string, state: RfcState, releaseId: number | null, at: Date) {
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
  actorRole: string | null;
  actorEmail: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  payload: Record<string, unknown>;
}

/** The audit trail of an RFC, oldest first. */
export function rfcEvents(sql: Queryable, rfcId: number) {
  return sql<RfcEventRow[]>`
    select at, actor_email, actor_role, action, from_status, to_status, payload from rfc_events where rfc_id = ${rfcId} order by id`;
}

export interface ReleaseRfcRow {
  id: number;
  releaseId: number;
  title: string;
  kind: RfcRow['kind'];
  status: string;
  afnemerOin: string | null;
}

/** The RFCs planned in these releases. */
export function rfcsOfReleases(sql: Queryable, releaseIds: number[]) {
  return sql<ReleaseRfcRow[]>`
    select id::int, release_id::int, title, kind, status, afnemer_oin from rfcs
    where release_id = any(${releaseIds}::bigint[]) order by id`;
}
