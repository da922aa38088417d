import type { Queryable, Tx } from '../client.js';

export interface DisruptionAnalysisRow {
  id: number;
  incidentId: number;
  incidentNumber: string;
  incidentAfnemers: string[];
  afnemerOin: string;
  afnemerName: string;
  requestedBy: 'afnemer' | 'logius';
  requestedByEmail: string | null;
  requestedAt: Date;
  description: string;
  disruptionDate: string;
  desiredDeliveryDate: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  questions: string;
  analysis: Record<string, unknown> | null;
  deliveredBy: string | null;
  deliveredAt: Date | null;
}

const columns = (sql: Queryable) => sql`
  d.id::int, d.incident_id::int, i.number as incident_number, i.afnemers as incident_afnemers, d.afnemer_oin,
  a.name as afnemer_name, d.requested_by, ru.email as requested_by_email, d.requested_at, d.description,
  to_char(d.disruption_date, 'YYYY-MM-DD') as disruption_date,
  to_char(d.desired_delivery_date, 'YYYY-MM-DD') as desired_delivery_date,
  d.contact_name, d.contact_email, d.contact_phone, d.questions, d.analysis, du.email as delivered_by, d.delivered_at`;
const from = (sql: Queryable) => sql`
  disruption_analyses d join incidents i on i.id = d.incident_id join afnemers a on a.oin = d.afnemer_oin
  left join users ru on ru.id = d.requested_by_user left join users du on du.id = d.delivered_by`;

export interface DisruptionAnalysisNew {
  incidentId: number;
  afnemerOin: string;
  requestedBy: 'afnemer' | 'logius';
  userId: number;
  description: string;
  disruptionDate: string;
  desiredDeliveryDate: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  questions: string;
}

/** Stores a request for a verstoringsanalyse; returns its id. */
export async function disruptionAnalysisInsert(tx: Tx, d: DisruptionAnalysisNew, at: Date): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into disruption_analyses (incident_id, afnemer_oin, requested_by, requested_by_user, requested_at, description,
      disruption_date, desired_delivery_date, contact_name, contact_email, contact_phone, questions)
    values (${d.incidentId}, ${d.afnemerOin}, ${d.requestedBy}, ${d.userId}, ${at}, ${d.description}, ${d.disruptionDate}::date,
      ${d.desiredDeliveryDate}::date, ${d.contactName}, ${d.contactEmail}, ${d.contactPhone}, ${d.questions})
    returning id::int`;
  return row!.id;
}

/** Stores (or replaces) Logius' analysis; the trail keeps earlier versions. */
export async function disruptionAnalysisDeliver(tx: Tx, id: number, analysis: object, userId: number, at: Date) {
  await tx`update disruption_analyses set analysis = ${tx.json(analysis as never)}, delivered_by = ${userId}, delivered_at = ${at} where id = ${id}`;
}

/** One analysis, locked when `lock` is set; null when it does not exist. */
export async function disruptionAnalysisById(sql: Queryable, id: number, lock = false): Promise<DisruptionAnalysisRow | null> {
  if (lock) await sql`select id from disruption_analyses where id = ${id} for update`;
  const [row] = await sql<DisruptionAnalysisRow[]>`select ${columns(sql)} from ${from(sql)} where d.id = ${id}`;
  return row ?? null;
}

/** Analyses, newest request first: of one Afnemer (null: all), one incident, and/or one status. */
export function disruptionAnalysesList(sql: Queryable, f: { afnemer: string | null; incidentId: number | null; delivered: boolean | null }) {
  return sql<DisruptionAnalysisRow[]>`
    select ${columns(sql)} from ${from(sql)}
    where (${f.afnemer}::text is null or d.afnemer_oin = ${f.afnemer})
      and (${f.incidentId}::bigint is null or d.incident_id = ${f.incidentId})
      and (${f.delivered}::boolean is null or (d.delivered_at is not null) = ${f.delivered})
    order by d.requested_at desc, d.id desc`;
}
