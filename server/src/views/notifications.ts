import type { NotificationRow, OutboxRow } from '@cd/db';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A notification as the API shows it. */
export const notificationJson = (n: NotificationRow) => ({
  id: n.id,
  conflictId: n.conflictId,
  title: n.title,
  body: n.body,
  createdAt: n.createdAt.toISOString(),
  readAt: iso(n.readAt),
  subjectKind: n.subjectKind,
  subjectRef: n.subjectRef,
});

/** An e-mail in the outbox, with its sending state. */
export const outboxMailJson = (m: OutboxRow) => ({
  id: m.id,
  to: m.toEmail,
  subject: m.subject,
  body: m.body,
  createdAt: m.createdAt.toISOString(),
  attempts: m.attempts,
  nextAttemptAt: m.nextAttemptAt.toISOString(),
  lastError: m.lastError,
  sentAt: iso(m.sentAt),
});
