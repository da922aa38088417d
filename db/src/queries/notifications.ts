import { type NotificationKind, type NotificationSubject, notificationSubjectDefault } from '@cd/shared/constants';
import type { Queryable, Tx } from '../client.js';
import type { Recipient } from './users.js';

/**
 * Notifies users in the app and queues the same message as e-mail in the outbox. `subject` is the event it is
 * about, for grouping; without one, a conflict's notice is about its conflict.
 */
export async function notify(
  tx: Tx,
  users: Recipient[],
  n: { conflictId: number | null; title: string; body: string; subject?: NotificationSubject },
  at: Date,
) {
  const subject = n.subject ?? notificationSubjectDefault(n.conflictId);
  for (const u of users) {
    await tx`
      insert into notifications (user_id, conflict_id, title, body, created_at, subject_kind, subject_ref)
      values (${u.id}, ${n.conflictId}, ${n.title}, ${n.body}, ${at}, ${subject.kind}, ${subject.ref})`;
    await tx`insert into outbox (to_email, subject, body, created_at, next_attempt_at) values (${u.email}, ${n.title}, ${n.body}, ${at}, ${at})`;
  }
}

/** In-app notice only: fraud never goes to the outbox, which the administrator can read. */
export async function notifyInAppOnly(tx: Tx, userIds: number[], n: { title: string; body: string; subject?: NotificationSubject }, at: Date) {
  const subject = n.subject ?? notificationSubjectDefault(null);
  for (const id of userIds) {
    await tx`
      insert into notifications (user_id, title, body, created_at, subject_kind, subject_ref)
      values (${id}, ${n.title}, ${n.body}, ${at}, ${subject.kind}, ${subject.ref})`;
  }
}

export interface NotificationRow {
  id: number;
  conflictId: number | null;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
  subjectKind: NotificationKind;
  subjectRef: string | null;
}

/** A user's notifications, newest first. */
export function notificationsOfUser(sql: Queryable, userId: number, limit: number) {
  return sql<NotificationRow[]>`
    select id::int, conflict_id::int, title, body, created_at, read_at, subject_kind, subject_ref from notifications
    where user_id = ${userId} order by created_at desc, id desc limit ${limit}`;
}

/** Marks a user's notification read; false when it is not theirs. */
export async function notificationRead(sql: Queryable, userId: number, id: number, at: Date): Promise<boolean> {
  const rows = await sql`update notifications set read_at = coalesce(read_at, ${at}) where id = ${id} and user_id = ${userId} returning id`;
  return rows.length > 0;
}

/** Marks every unread notification of a user read (of one kind, if given); returns how many it marked. */
export async function notificationsReadAll(sql: Queryable, userId: number, at: Date, kind: NotificationKind | null): Promise<number> {
  const rows = await sql`
    update notifications set read_at = ${at}
    where user_id = ${userId} and read_at is null and (${kind}::text is null or subject_kind = ${kind})
    returning id`;
  return rows.length;
}

/** The number of a user's unread notifications. */
export async function notificationsUnreadCount(sql: Queryable, userId: number): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`;
  return row?.n ?? 0;
}
