import type { Queryable, Tx } from '../client.js';
import type { TrailActor, TrailEventRow } from './incidents.js';

export interface FraudReportRow {
  id: number;
  reference: string;
  afnemerOin: string;
  reportedById: number;
  reportedBy: string | null;
  reportedAt: Date;
  channel: 'telefoon' | 'e-mail' | 'app';
  highPriority: boolean;
  observedAt: Date | null;
  description: string;
  status: 'ontvangen' | 'in-onderzoek' | 'afgesloten';
}

const columns = (sql: Queryable) => sql`
  f.id::int, f.reference, f.afnemer_oin, f.reported_by::int as reported_by_id, u.email as reported_by, f.reported_at,
  f.channel, f.high_priority, f.observed_at, f.description, f.status`;

export interface FraudReportNew {
  reference: string;
  afnemerOin: string;
  userId: number;
  channel: FraudReportRow['channel'];
  highPriority: boolean;
  observedAt: Date | null;
  description: string;
}

/** Stores a fraud report; returns its id. */
export async function fraudReportInsert(tx: Tx, f: FraudReportNew, at: Date): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into fraud_reports (reference, afnemer_oin, reported_by, reported_at, channel, high_priority, observed_at, description)
    values (${f.reference}, ${f.afnemerOin}, ${f.userId}, ${at}, ${f.channel}, ${f.highPriority}, ${f.observedAt}, ${f.description})
    returning id::int`;
  return row!.id;
}

/** One fraud report, locked when `lock` is set; null when it does not exist. */
export async function fraudReportById(sql: Queryable, id: number, lock = false): Promise<FraudReportRow | null> {
  if (lock) await sql`select id from fraud_reports where id = ${id} for update`;
  const [row] = await sql<FraudReportRow[]>`select ${columns(sql)} from fraud_reports f join users u on u.id = f.reported_by where f.id = ${id}`;
  return row ?? null;
}

/** Fraud reports, newest first: all (Fraudeteam), or only those one user filed (their receipts). */
export function fraudReportsList(sql: Queryable, reporterId: number | null) {
  return sql<FraudReportRow[]>`
    select ${columns(sql)} from fraud_reports f join users u on u.id = f.reported_by
    where (${reporterId}::bigint is null or f.reported_by = ${reporterId})
    order by f.reported_at desc, f.id desc`;
}

/** Sets a fraud report's status. */
export async function fraudReportStatusSet(tx: Tx, id: number, status: FraudReportRow['status']) {
  await tx`update fraud_reports set status = ${status} where id = ${id}`;
}

/** Appends an event to a fraud report's trail (which refuses updates and deletes). */
export async function fraudReportEventAppend(tx: Tx, id: number, actor: TrailActor | null, action: string, payload: object, at: Date) {
  await tx`
    insert into fraud_report_events (fraud_report_id, at, actor_user_id, actor_email, actor_role, actor_afnemer, action, payload)
    values (${id}, ${at}, ${actor?.id ?? null}, ${actor?.email ?? null}, ${actor?.role ?? null}, ${actor?.afnemerOin ?? null},
      ${action}, ${tx.json(payload as never)})`;
}

/** The trail of a fraud report, oldest first. */
export function fraudReportEvents(sql: Queryable, id: number) {
  return sql<TrailEventRow[]>`
    select id::int, at, actor_email, actor_role, actor_afnemer, action, payload
    from fraud_report_events where fraud_report_id = ${id} order by id`;
}
