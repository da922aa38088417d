import type { Queryable, Tx } from '../client.js';

export interface EventInput {
  conflictId: number;
  actor: { id: number; email: string; role: string; afnemerOin: string | null } | null;
  action: string;
  from: string | null;
  to: string;
  payload: object;
}

/** Appends an event to the audit trail (which refuses updates and deletes). */
export async function eventAppend(tx: Tx, e: EventInput, at: Date) {
  await tx`
    insert into conflict_events (conflict_id, at, actor_user_id, actor_email, actor_role, actor_afnemer, action, from_step, to_step, payload)
    values (${e.conflictId}, ${at}, ${e.actor?.id ?? null}, ${e.actor?.email ?? null}, ${e.actor?.role ?? null},
      ${e.actor?.afnemerOin ?? null}, ${e.action}, ${e.from}, ${e.to}, ${tx.json(e.payload as never)})`;
}

export interface EventRow {
  id: number;
  at: Date;
  actorEmail: string | null;
  actorRole: string | null;
  actorAfnemer: string | null;
  action: string;
  fromStep: string | null;
  toStep: string;
  payload: Record<string, unknown>;
}

/** The audit trail of a conflict, oldest first. */
export function eventsOfConflict(sql: Queryable, conflictId: number) {
  return sql<EventRow[]>`
    select id::int, at, actor_email, actor_role, actor_afnemer, action, from_step, to_step, payload
    from conflict_events where conflict_id = ${conflictId} order by id`;
}
