import type { Queryable, Tx } from '../client.js';

/** Queues e-mail to an address without an account (a Bijlage-1 contact): only the outbox, no in-app notification. */
export async function outboxQueue(tx: Tx, to: string, n: { title: string; body: string }, at: Date) {
  await tx`insert into outbox (to_email, subject, body, created_at, next_attempt_at) values (${to}, ${n.title}, ${n.body}, ${at}, ${at})`;
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
