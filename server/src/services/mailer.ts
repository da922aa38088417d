import { outboxDue, outboxFailed, outboxSent, type Sql, type Tx } from '@cd/db';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** A nodemailer SMTP transport for SMTP_URL (smtp:// or smtps://). */
export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport(url);
}

/** Wait before the next attempt: 1 minute, doubling per failed attempt, at most an hour. */
export function outboxRetryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends the mail that is due. A failure keeps the mail, counts the attempt and schedules a retry;
 * rows another sender holds are skipped, so several servers never send one mail twice.
 */
export async function outboxDeliver(sql: Sql, transport: MailTransport, from: string, now: Date, batch = 50) {
  return sql.begin(async (tx: Tx) => {
    const due = await outboxDue(tx, now, batch);
    let sent = 0;
    let failed = 0;
    for (const mail of due) {
      try {
        await transport.sendMail({ from, to: mail.toEmail, subject: mail.subject, text: mail.body });
        await outboxSent(tx, mail.id, now);
        sent++;
      } catch (err) {
        const attempts = mail.attempts + 1;
        await outboxFailed(tx, mail.id, String((err as Error).message ?? err).slice(0, 500), new Date(now.getTime() + outboxRetryDelayMs(attempts)));
        failed++;
      }
    }
    return { sent, failed };
  });
}

/**
 * Runs outboxDeliver every `intervalMs` until stopped, on the app's clock `now` (the one that set next_attempt_at);
 * errors go to `log`, never fatal. stop() resolves once a delivery under way has finished, so a shutdown closes the
 * pool only after it.
 */
export function outboxWorker(sql: Sql, transport: MailTransport, from: string, log: Pick<Logger, 'error'>, now: () => Date, intervalMs = 15_000) {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = outboxDeliver(sql, transport, from, now())
      .then(() => {})
      .catch((err) => log.error({ err: String((err as Error).message) }, 'outbox'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
