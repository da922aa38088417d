/**
 * The recompute's writes, one statement per kind whatever the number of conflicts: a delivery that opens hundreds
 * of conflicts used to spend ~30 ms on each (a statement per conflict, case, event, notification and e-mail).
 * Rows travel as one JSON text each (a jsonb parameter would be serialised once more by postgres.js).
 */
import type { Conflict, ProcedureState } from '@cd/shared';
import { type NotificationSubject, notificationSubjectDefault } from '@cd/shared/constants';
import type { Tx } from '../client.js';
import { type CaseRow, casesByConflicts } from './procedure.js';

/** A conflict's windows as stored (jsonb, largest load first): one object per window, read from the columns. */
function windowsStored(c: Conflict): { id: number; afnemer: string; kenmerk: string; load: number }[] {
  const ws = c.windows;
  const out = new Array<{ id: number; afnemer: string; kenmerk: string; load: number }>(ws.length);
  for (let j = 0; j < ws.length; j++) out[j] = { id: ws.id[j]!, afnemer: ws.afnemer(j), kenmerk: ws.kenmerk(j), load: ws.load[j]! };
  return out;
}

function conflictRecord(c: Conflict) {
  return {
    start_at: new Date(c.start).toISOString(),
    end_at: new Date(c.end).toISOString(),
    afnemers: c.afnemers,
    windows: windowsStored(c),
    window_ids: c.windows.ids(),
    peak_utilization: c.peakUtilization,
    excess_messages: c.excessMessages,
    peak_backlog: c.peakBacklog,
    drained_at: c.drainedAt === null ? null : new Date(c.drainedAt).toISOString(),
    delay_ms: c.delayMs,
  };
}

const conflictRecordColumns = (tx: Tx) => tx`
  start_at timestamptz, end_at timestamptz, afnemers jsonb, windows jsonb, window_ids jsonb, peak_utilization float8,
  excess_messages float8, peak_backlog float8, drained_at timestamptz, delay_ms float8`;

/** Stores newly detected conflicts in one statement; returns their ids in the same order (ascending, as one by one). */
export async function conflictsInsertMany(tx: Tx, conflicts: readonly Conflict[], now: Date): Promise<number[]> {
  if (conflicts.length === 0) return [];
  const ids = (await tx<{ id: number }[]>`select nextval('conflicts_id_seq')::int as id from generate_series(1, ${conflicts.length}) order by 1`).map(
    (r) => r.id,
  );
  const input = JSON.stringify(conflicts.map((c, i) => ({ id: ids[i], ...conflictRecord(c) })));
  await tx`
    insert into conflicts (id, start_at, end_at, afnemers, windows, window_ids, peak_utilization, excess_messages,
      peak_backlog, drained_at, delay_ms, detected_at, updated_at)
    select x.id, x.start_at, x.end_at, array(select jsonb_array_elements_text(x.afnemers)), x.windows,
      array(select jsonb_array_elements_text(x.window_ids)::bigint), x.peak_utilization, x.excess_messages,
      x.peak_backlog, x.drained_at, x.delay_ms, ${now}, ${now}
    from jsonb_to_recordset(${input}::text::jsonb) as x(id bigint, ${conflictRecordColumns(tx)})
    order by x.id`;
  return ids;
}

/** Updates persisting conflicts' figures in one statement; ids and history stay. */
export async function conflictsUpdateMany(tx: Tx, items: readonly { id: number; conflict: Conflict }[], now: Date) {
  if (items.length === 0) return;
  const input = JSON.stringify(items.map((k) => ({ id: k.id, ...conflictRecord(k.conflict) })));
  await tx`
    update conflicts c set start_at = x.start_at, end_at = x.end_at, afnemers = array(select jsonb_array_elements_text(x.afnemers)),
      windows = x.windows, window_ids = array(select jsonb_array_elements_text(x.window_ids)::bigint),
      peak_utilization = x.peak_utilization, excess_messages = x.excess_messages, peak_backlog = x.peak_backlog,
      drained_at = x.drained_at, delay_ms = x.delay_ms, updated_at = ${now}
    from jsonb_to_recordset(${input}::text::jsonb) as x(id bigint, ${conflictRecordColumns(tx)})
    where c.id = x.id`;
}

/** Stores cases' states (insert or replace) in one statement. */
export async function casesSaveMany(tx: Tx, cases: readonly { conflictId: number; state: ProcedureState; deadline: Date | null }[]) {
  if (cases.length === 0) return;
  const input = JSON.stringify(
    cases.map((c) => ({ conflict_id: c.conflictId, step: c.state.step, state: c.state, deadline: c.deadline?.toISOString() ?? null })),
  );
  await tx`
    insert into conflict_cases (conflict_id, step, state, deadline, updated_at)
    select x.conflict_id, x.step, x.state, x.deadline, now()
    from jsonb_to_recordset(${input}::text::jsonb) as x(conflict_id bigint, step text, state jsonb, deadline timestamptz)
    order by x.conflict_id
    on conflict (conflict_id) do update set step = excluded.step, state = excluded.state,
      deadline = excluded.deadline, updated_at = now()`;
}

/** Appends the system's events (no actor) to the audit trail in one statement, in the order given. */
export async function eventsAppendMany(
  tx: Tx,
  events: readonly { conflictId: number; action: string; from: string | null; to: string; payload: object }[],
  at: Date,
) {
  if (events.length === 0) return;
  const input = JSON.stringify(
    events.map((e, i) => ({ i, conflict_id: e.conflictId, action: e.action, from_step: e.from, to_step: e.to, payload: e.payload })),
  );
  await tx`
    insert into conflict_events (conflict_id, at, action, from_step, to_step, payload)
    select x.conflict_id, ${at}, x.action, x.from_step, x.to_step, x.payload
    from jsonb_to_recordset(${input}::text::jsonb) as x(i int, conflict_id bigint, action text, from_step text, to_step text, payload jsonb)
    order by x.i`;
}

/**
 * Notifies users in the app and queues the same messages as e-mail in the outbox: two statements for all of them.
 * `subject` is the event each is about (as notify() stores it): by default its conflict, so the web groups them.
 */
export async function notifyMany(
  tx: Tx,
  items: readonly { userId: number; email: string; conflictId: number | null; title: string; body: string; subject?: NotificationSubject }[],
  at: Date,
) {
  if (items.length === 0) return;
  const input = JSON.stringify(
    items.map((n, i) => {
      const subject = n.subject ?? notificationSubjectDefault(n.conflictId);
      return {
        i,
        user_id: n.userId,
        email: n.email,
        conflict_id: n.conflictId,
        title: n.title,
        body: n.body,
        subject_kind: subject.kind,
        subject_ref: subject.ref,
      };
    }),
  );
  await tx`
    with x as (
      select * from jsonb_to_recordset(${input}::text::jsonb)
        as x(i int, user_id bigint, email text, conflict_id bigint, title text, body text, subject_kind text, subject_ref text)
    ), mail as (
      insert into outbox (to_email, subject, body, created_at, next_attempt_at)
      select email, title, body, ${at}, ${at} from x order by i
    )
    insert into notifications (user_id, conflict_id, title, body, created_at, subject_kind, subject_ref)
    select user_id, conflict_id, title, body, ${at}, subject_kind, subject_ref from x order by i`;
}

/** The cases of these conflicts, locked for this transaction (in conflict order, so two recomputes never deadlock). */
export async function casesLockMany(tx: Tx, ids: readonly number[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  await tx`select 1 from conflict_cases where conflict_id = any(${ids as number[]}::bigint[]) order by conflict_id for update`;
  return casesByConflicts(tx, [...ids]);
}
