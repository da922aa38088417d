import type { Queryable, Tx } from '../client.js';

export interface PlanChangeRow {
  id: number;
  createdAt: Date;
  userId: number;
  source: string;
  undoOf: number | null;
  undoneAt: Date | null;
}

const columns = (sql: Queryable) => sql`id::int, created_at, user_id::int, source, undo_of::int, undone_at`;

/** Records a new plan change; returns it. */
export async function planChangeInsert(tx: Tx, p: { at: Date; userId: number; source: string; undoOf?: number | null }): Promise<PlanChangeRow> {
  const [row] = await tx<PlanChangeRow[]>`
    insert into plan_changes (created_at, user_id, source, undo_of)
    values (${p.at}, ${p.userId}, ${p.source}, ${p.undoOf ?? null})
    returning ${columns(tx)}`;
  return row!;
}

/** The plan change, locked for this transaction (a second undo waits here), or null. */
export async function planChangeLock(tx: Tx, id: number): Promise<PlanChangeRow | null> {
  const [row] = await tx<PlanChangeRow[]>`select ${columns(tx)} from plan_changes where id = ${id} for update`;
  return row ?? null;
}

/** Marks a plan change undone at `at`. */
export async function planChangeMarkUndone(tx: Tx, id: number, at: Date) {
  await tx`update plan_changes set undone_at = ${at} where id = ${id} and undone_at is null`;
}

export interface PlanChangeWindowRow {
  windowId: number;
  kenmerk: string;
  /** The revision this plan change wrote. */
  revision: number;
  /** The window's revision now: another when it changed since. */
  currentRevision: number;
  /** The revision before this plan change's (times as ISO text), to restore on undo. */
  previous: { startAt: string; endAt: string; aantalBerichten: number; status: 'concept' | 'definitief' | 'geannuleerd' } | null;
}

/** The windows this plan change wrote a revision of, with their revision before it; ordered by window id. */
export function planChangeWindows(sql: Queryable, planChangeId: number) {
  return sql<PlanChangeWindowRow[]>`
    select r.window_id::int, w.kenmerk, r.revision, w.revision as current_revision,
      (select json_build_object('startAt', p.start_at, 'endAt', p.end_at, 'aantalBerichten', p.aantal_berichten, 'status', p.status)
       from send_window_revisions p where p.window_id = r.window_id and p.revision < r.revision
       order by p.revision desc limit 1) as previous
    from send_window_revisions r join send_windows w on w.id = r.window_id
    where r.plan_change_id = ${planChangeId}
    order by r.window_id`;
}
