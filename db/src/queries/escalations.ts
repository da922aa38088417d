import type { Queryable, Tx } from '../client.js';

export interface EscalationRow {
  id: number;
  ladder: 'incident' | 'algemeen';
  level: number;
  title: string;
  reason: string;
  incidentId: number | null;
  incidentNumber: string | null;
  afnemerOin: string | null;
  followsId: number | null;
  actorEmail: string;
  actorRole: string;
  at: Date;
}

const escalationColumns = (sql: Queryable) => sql`
  e.id::int, e.ladder, e.level, e.title, e.reason, e.incident_id::int, i.number as incident_number, e.afnemer_oin,
  e.follows_id::int, e.actor_email, e.actor_role, e.at`;

/** One escalation, or null. */
export async function escalationById(sql: Queryable, id: number): Promise<EscalationRow | null> {
  const [row] = await sql<EscalationRow[]>`
    select ${escalationColumns(sql)} from escalations e left join incidents i on i.id = e.incident_id where e.id = ${id}`;
  return row ?? null;
}

/** The highest escalation of an incident on a ladder, or null when it was not escalated on it. */
export async function escalationLatestOfIncident(sql: Queryable, incidentId: number, ladder: EscalationRow['ladder']): Promise<EscalationRow | null> {
  const [row] = await sql<EscalationRow[]>`
    select ${escalationColumns(sql)} from escalations e left join incidents i on i.id = e.incident_id
    where e.incident_id = ${incidentId} and e.ladder = ${ladder} order by e.level desc limit 1`;
  return row ?? null;
}

/** True when some escalation already takes `id` a level higher. */
export async function escalationIsFollowed(sql: Queryable, id: number): Promise<boolean> {
  return (await sql`select 1 from escalations where follows_id = ${id}`).length > 0;
}

export interface EscalationNew {
  ladder: EscalationRow['ladder'];
  level: number;
  title: string;
  reason: string;
  incidentId: number | null;
  afnemerOin: string | null;
  followsId: number | null;
  actor: { id: number; email: string; role: string };
}

/** Records an escalation (append-only); returns its id. */
export async function escalationInsert(tx: Tx, e: EscalationNew, at: Date): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into escalations (ladder, level, title, reason, incident_id, afnemer_oin, follows_id, actor_user_id, actor_email, actor_role, at)
    values (${e.ladder}, ${e.level}, ${e.title}, ${e.reason}, ${e.incidentId}, ${e.afnemerOin}, ${e.followsId},
      ${e.actor.id}, ${e.actor.email}, ${e.actor.role}, ${at})
    returning id::int`;
  return row!.id;
}

export interface EscalationFilter {
  ladder: EscalationRow['ladder'] | null;
  incidentId: number | null;
  /** Only escalations about this Afnemer, or about incidents affecting it. */
  afnemer: string | null;
}

/** Escalations matching the filter, newest first. */
export function escalationsList(sql: Queryable, f: EscalationFilter) {
  return sql<EscalationRow[]>`
    select ${escalationColumns(sql)} from escalations e left join incidents i on i.id = e.incident_id
    where (${f.ladder}::text is null or e.ladder = ${f.ladder})
      and (${f.incidentId}::bigint is null or e.incident_id = ${f.incidentId})
      and (${f.afnemer}::text is null or e.afnemer_oin = ${f.afnemer} or i.afnemers @> array[${f.afnemer}::text])
    order by e.at desc, e.id desc`;
}
