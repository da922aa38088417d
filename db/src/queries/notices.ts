import type { Queryable, Tx } from '../client.js';

export interface SubscriptionRow {
  kind: 'storing' | 'onderhoud';
  createdAt: Date;
}

/** The kinds a user subscribed to. */
export function subscriptionsOfUser(sql: Queryable, userId: number) {
  return sql<SubscriptionRow[]>`select kind, created_at from notice_subscriptions where user_id = ${userId} order by kind`;
}

/** Subscribes a user to a kind; false when already subscribed. */
export async function subscriptionAdd(sql: Queryable, userId: number, kind: string, at: Date): Promise<boolean> {
  const rows = await sql`
    insert into notice_subscriptions (user_id, kind, created_at) values (${userId}, ${kind}, ${at})
    on conflict do nothing returning user_id`;
  return rows.length > 0;
}

/** Ends a user's subscription to a kind; false when there was none. */
export async function subscriptionRemove(sql: Queryable, userId: number, kind: string): Promise<boolean> {
  const rows = await sql`delete from notice_subscriptions where user_id = ${userId} and kind = ${kind} returning user_id`;
  return rows.length > 0;
}

export interface NoticeRow {
  id: number;
  kind: 'storing' | 'onderhoud';
  source: 'onderhoud' | 'release' | 'handmatig';
  title: string;
  body: string;
  createdAt: Date;
  createdBy: string | null;
  withheld: boolean;
  withheldReason: string | null;
  recipients: number;
}

export interface NoticeNew {
  kind: string;
  source: 'onderhoud' | 'release' | 'handmatig';
  title: string;
  body: string;
  userId: number | null;
  withheldReason: string | null;
}

/**
 * Records a notice and, unless withheld, sends it to every subscriber of its kind: an in-app notification and a
 * mail in the outbox each, set-based (one INSERT ... SELECT per table, however many subscribe). Returns its id.
 */
export async function noticeSend(tx: Tx, n: NoticeNew, at: Date): Promise<number> {
  const withheld = n.withheldReason !== null;
  const [row] = await tx<{ id: number }[]>`
    insert into notices (kind, source, title, body, created_by, created_at, withheld, withheld_reason, recipients)
    values (${n.kind}, ${n.source}, ${n.title}, ${n.body}, ${n.userId}, ${at}, ${withheld}, ${n.withheldReason},
      case when ${withheld} then 0 else (select count(*) from notice_subscriptions where kind = ${n.kind}) end)
    returning id::int`;
  if (!withheld) {
    await tx`
      insert into notifications (user_id, title, body, created_at)
      select s.user_id, ${n.title}, ${n.body}, ${at} from notice_subscriptions s where s.kind = ${n.kind}`;
    await tx`
      insert into outbox (to_email, subject, body, created_at, next_attempt_at)
      select u.email, ${n.title}, ${n.body}, ${at}, ${at}
      from notice_subscriptions s join users u on u.id = s.user_id where s.kind = ${n.kind}`;
  }
  return row!.id;
}

/** Notices, newest first. */
export function noticesList(sql: Queryable, limit: number) {
  return sql<NoticeRow[]>`
    select n.id::int, n.kind, n.source, n.title, n.body, n.created_at, u.email as created_by, n.withheld, n.withheld_reason, n.recipients
    from notices n left join users u on u.id = n.created_by
    order by n.created_at desc, n.id desc limit ${limit}`;
}

/** One notice, or null. */
export async function noticeById(sql: Queryable, id: number): Promise<NoticeRow | null> {
  const [row] = await sql<NoticeRow[]>`
    select n.id::int, n.kind, n.source, n.title, n.body, n.created_at, u.email as created_by, n.withheld, n.withheld_reason, n.recipients
    from notices n left join users u on u.id = n.created_by where n.id = ${id}`;
  return row ?? null;
}
