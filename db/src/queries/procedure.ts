import { ProcedureStateSchema, type ProcedureState } from '@cd/shared';
import type { Queryable, Tx } from '../client.js';

export interface CaseRow {
  conflictId: number;
  step: string;
  state: ProcedureState;
  deadline: Date | null;
}

type CaseStored = Omit<CaseRow, 'state'> & { state: unknown };

/** A case as read, its state parsed with its schema; a state that does not match throws (a 500, never a 400). */
function caseParse(row: CaseStored): CaseRow {
  const parsed = ProcedureStateSchema.safeParse(row.state);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(state)'}: ${i.message}`).join('; ');
    throw new Error(`Het dossier van conflict ${row.conflictId} heeft een ongeldige toestand: ${where}`);
  }
  return { ...row, state: parsed.data };
}

/** Stores a case's state (insert or replace). */
export async function caseSave(tx: Tx, conflictId: number, step: string, state: object, deadline: Date | null) {
  await tx`
    insert into conflict_cases (conflict_id, step, state, deadline, updated_at)
    values (${conflictId}, ${step}, ${tx.json(state as never)}, ${deadline}, now())
    on conflict (conflict_id) do update set step = excluded.step, state = excluded.state,
      deadline = excluded.deadline, updated_at = now()`;
}

/** The case of a conflict, locked for this transaction when `lock` is set; null when there is none. */
export async function caseLoad(sql: Queryable, conflictId: number, lock = false): Promise<CaseRow | null> {
  const [row] = lock
    ? await sql<CaseStored[]>`select conflict_id::int, step, state, deadline from conflict_cases where conflict_id = ${conflictId} for update`
    : await sql<CaseStored[]>`select conflict_id::int, step, state, deadline from conflict_cases where conflict_id = ${conflictId}`;
  return row ? caseParse(row) : null;
}

/**
 * Open cases whose deadline has passed at `now` and that have had no overdue notice for that deadline yet,
 * locked for this transaction; cases another instance is handling are skipped.
 */
export async function casesOverdueUnnoticed(tx: Tx, now: Date): Promise<CaseRow[]> {
  const rows = await tx<CaseStored[]>`
    select k.conflict_id::int, k.step, k.state, k.deadline from conflict_cases k join conflicts c on c.id = k.conflict_id
    where c.status = 'open' and k.step <> 'resolved' and k.deadline <= ${now}
      and k.overdue_notice_for is distinct from k.deadline
    order by k.deadline, k.conflict_id
    for update of k skip locked`;
  return rows.map(caseParse);
}

/** Records that the overdue notice for the case's current deadline was sent. */
export async function caseOverdueNoticed(tx: Tx, conflictId: number) {
  await tx`update conflict_cases set overdue_notice_for = deadline where conflict_id = ${conflictId}`;
}

/** The cases of these conflicts. */
export async function casesByConflicts(sql: Queryable, ids: number[]): Promise<CaseRow[]> {
  const rows = await sql<CaseStored[]>`select conflict_id::int, step, state, deadline from conflict_cases where conflict_id = any(${ids}::bigint[])`;
  return rows.map(caseParse);
}

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

export interface Recipient {
  id: number;
  email: string;
}

/** Users with one of these roles, optionally only those of these Afnemers. */
export function usersByRole(sql: Queryable, roles: string[], afnemers: string[] | null) {
  return sql<Recipient[]>`
    select id::int, email from users
    where role = any(${roles}::text[]) and (${afnemers}::text[] is null or afnemer_oin = any(${afnemers}::text[]))`;
}

/** Users with this role at these Afnemers, with their Afnemer. */
export function usersOfAfnemers(sql: Queryable, role: string, afnemers: string[]) {
  return sql<(Recipient & { afnemerOin: string })[]>`
    select id::int, email, afnemer_oin from users where role = ${role} and afnemer_oin = any(${afnemers}::text[]) order by afnemer_oin, email`;
}

/** Queues e-mail to an address without an account (a Bijlage-1 contact): only the outbox, no in-app notification. */
export async function outboxQueue(tx: Tx, to: string, n: { title: string; body: string }, at: Date) {
  await tx`insert into outbox (to_email, subject, body, created_at, next_attempt_at) values (${to}, ${n.title}, ${n.body}, ${at}, ${at})`;
}

/** Notifies users in the app and queues the same message as e-mail in the outbox. */
export async function notify(tx: Tx, users: Recipient[], n: { conflictId: number | null; title: string; body: string }, at: Date) {
  for (const u of users) {
    await tx`insert into notifications (user_id, conflict_id, title, body, created_at) values (${u.id}, ${n.conflictId}, ${n.title}, ${n.body}, ${at})`;
    await tx`insert into outbox (to_email, subject, body, created_at, next_attempt_at) values (${u.email}, ${n.title}, ${n.body}, ${at}, ${at})`;
  }
}

export interface NotificationRow {
  id: number;
  conflictId: number | null;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

/** A user's notifications, newest first. */
export function notificationsOfUser(sql: Queryable, userId: number, limit: number) {
  return sql<NotificationRow[]>`
    select id::int, conflict_id::int, title, body, created_at, read_at from notifications
    where user_id = ${userId} order by created_at desc, id desc limit ${limit}`;
}

/** Marks a user's notification read; false when it is not theirs. */
export async function notificationRead(sql: Queryable, userId: number, id: number, at: Date): Promise<boolean> {
  const rows = await sql`update notifications set read_at = coalesce(read_at, ${at}) where id = ${id} and user_id = ${userId} returning id`;
  return rows.length > 0;
}

export interface OutboxRow {
  id: number;
  toEmail: string;
  subject: string;
  body: string;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
}

/** Mail in the outbox: to one address, or all when null; newest first. */
export function outboxList(sql: Queryable, toEmail: string | null, limit: number) {
  return sql<OutboxRow[]>`
    select id::int, to_email, subject, body, created_at, attempts, next_attempt_at, last_error, sent_at from outbox
    where (${toEmail}::text is null or to_email = ${toEmail}) order by created_at desc, id desc limit ${limit}`;
}

/** Claims mail that is due, skipping rows another sender holds. */
export function outboxDue(tx: Tx, now: Date, limit: number) {
  return tx<OutboxRow[]>`
    select id::int, to_email, subject, body, created_at, attempts, next_attempt_at, last_error, sent_at from outbox
    where sent_at is null and next_attempt_at <= ${now} order by id limit ${limit} for update skip locked`;
}

/** Records a successful send. */
export async function outboxSent(tx: Tx, id: number, at: Date) {
  await tx`update outbox set sent_at = ${at}, attempts = attempts + 1, last_error = null where id = ${id}`;
}

/** Records a failed attempt and when to try again. */
export async function outboxFailed(tx: Tx, id: number, error: string, retryAt: Date) {
  await tx`update outbox set attempts = attempts + 1, last_error = ${error}, next_attempt_at = ${retryAt} where id = ${id}`;
}

/** Open conflicts that have no case file yet (detected before the procedure existed). */
export function conflictsOpenWithoutCase(sql: Queryable) {
  return sql<{ id: number; startAt: Date; afnemers: string[] }[]>`
    select c.id::int, c.start_at, c.afnemers from conflicts c
    where c.status = 'open' and not exists (select 1 from conflict_cases k where k.conflict_id = c.id)`;
}
