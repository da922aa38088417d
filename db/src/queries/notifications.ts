import type { Queryable, Tx } from '../client.js';
import type { Recipient } from './users.js';

/** Notifies users in the app and queues the same message as e-mail in the outbox. */
export async function notify(tx: Tx, users: Recipient[], n: { conflictId: number | null; title: string; body: string }, at: Date) {
  for (const u of users) {
    await tx`insert into notifications (user_id, conflict_id, title, body, created_at) values (${u.id}, ${n.conflictId}, ${n.title}, ${n.body}, ${at})`;
    await tx`insert into outbox (to_email, subject, body, created_at, next_attempt_at) values (${u.email}, ${n.title}, ${n.body}, ${at}, ${at})`;
  }
}

/** In-app notice only: fraud never goes to the outbox, which the administrator can read. */
export async function notifyInAppOnly(tx: Tx, userIds: number[], n: { title: string; body: string }, at: Date) {
  for (const id of userIds) {
    await tx`insert into notifications (user_id, title, body, created_at) values (${id}, ${n.title}, ${n.body}, ${at})`;
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
