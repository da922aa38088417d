import { notify, usersByRole } from '@cd/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxDeliver, outboxWorker, smtpTransport } from '../server/src/services/mailer.js';
import { smtpServerStart } from './helpers/smtp-server.js';
import { standardActors, testDatabase, type TestContext } from './helpers/test-db.js';
import { freePort } from './helpers/free-port.js';

let t: TestContext;

beforeAll(async () => {
  t = await testDatabase();
  await standardActors(t.sql);
});
afterAll(() => t.close());

describe('outboxDeliver', () => {
  it('keeps mail when SMTP is down, retries later, and delivers it once SMTP is back', async () => {
    const now = new Date('2027-02-01T09:00:00Z');
    await t.sql.begin(async (tx) => {
      const planners = await usersByRole(tx, ['planner'], null);
      await notify(tx, planners, { conflictId: null, title: 'Nieuw conflict', body: 'Er is een conflict op 1 februari.' }, now);
    });
    const port = await freePort();
    const down = await outboxDeliver(t.sql, smtpTransport(`smtp://127.0.0.1:${port}`), 'dashboard@logius.example', now);
    expect(down).toEqual({ sent: 0, failed: 2 });
    const afterFailure = await t.sql`select attempts, sent_at, last_error, next_attempt_at from outbox order by id`;
    expect(afterFailure).toHaveLength(2);
    for (const m of afterFailure) {
      expect(m).toMatchObject({ attempts: 1, sentAt: null });
      expect(m.lastError).toMatch(/ECONNREFUSED/);
      expect(m.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);
    }
    const notYet = await outboxDeliver(t.sql, smtpTransport(`smtp://127.0.0.1:${port}`), 'dashboard@logius.example', new Date(now.getTime() + 30_000));
    expect(notYet).toEqual({ sent: 0, failed: 0 });

    const smtp = await smtpServerStart();
    try {
      const later = new Date(now.getTime() + 61_000);
      const up = await outboxDeliver(t.sql, smtpTransport(`smtp://127.0.0.1:${smtp.port}`), 'dashboard@logius.example', later);
      expect(up).toEqual({ sent: 2, failed: 0 });
      expect(smtp.mails.map((m) => m.to.join()).sort()).toEqual(['RCPT TO:<planner@a.example>', 'RCPT TO:<planner@b.example>']);
      expect(smtp.mails[0]!.data).toContain('Subject: Nieuw conflict');
      const rows = await t.sql`select attempts, sent_at from outbox`;
      expect(rows.every((r) => r.attempts === 2 && r.sentAt instanceof Date)).toBe(true);
      expect(await outboxDeliver(t.sql, smtpTransport(`smtp://127.0.0.1:${smtp.port}`), 'x@logius.example', later)).toEqual({ sent: 0, failed: 0 });
    } finally {
      await smtp.close();
    }
  });
});

describe('outboxWorker', () => {
  it("delivers on the app's clock: mail queued at the app's now goes out at the next tick, whatever the machine's clock says", async () => {
    // Years after the machine's clock: on that clock this mail would not be due yet, and would never go.
    const now = new Date('2099-03-01T09:00:00Z');
    await t.sql.begin(async (tx) => {
      const planners = await usersByRole(tx, ['planner'], null);
      await notify(tx, planners, { conflictId: null, title: 'Termijn verstreken', body: 'Een stap is over de termijn.' }, now);
    });
    const sent: string[] = [];
    const worker = outboxWorker(
      t.sql,
      { sendMail: async (m: { to: string; subject: string }) => sent.push(`${m.to} ${m.subject}`) },
      'dashboard@logius.example',
      { error: () => {} },
      () => new Date(now.getTime() + 1000),
      20,
    );
    try {
      for (let i = 0; i < 100 && sent.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.stop();
    }
    expect(sent.sort()).toEqual(['planner@a.example Termijn verstreken', 'planner@b.example Termijn verstreken']);
    const rows = await t.sql<{ sentAt: Date | null }[]>`select sent_at from outbox where subject = 'Termijn verstreken'`;
    expect(rows.map((r) => r.sentAt?.getTime())).toEqual([now.getTime() + 1000, now.getTime() + 1000]);
  });
});
