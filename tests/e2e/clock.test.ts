// The harness clock (tests/helpers/e2e-clock.ts): server, browser and test code agree on the instant, and in the
// browser the clock runs on (timers and animation frames fire), so charts and live updates keep working.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '@cd/server';
import { AMSTERDAM_TIME_ZONE } from '@cd/shared/time';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch, contextNew, signIn } from '../helpers/e2e-browser.js';
import { E2E_DEFAULT_INSTANT, e2eInstant, e2eNow, e2eNowMs } from '../helpers/e2e-clock.js';
import { e2eServe, type E2eServer } from '../helpers/e2e-server.js';
import { actor, OIN_A, type TestContext, testDatabase } from '../helpers/test-db.js';
import { afnemerUpsert, userUpsert } from '@cd/db';
import { passwordHash } from '@cd/server/crypto';

let t: TestContext;
let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const PASSWORD = 'klok-wachtwoord-1';

beforeAll(async () => {
  t = await testDatabase();
  await afnemerUpsert(t.sql, { oin: OIN_A, name: 'Afnemer A' });
  await actor(t.sql, 'helper@a.example', 'planner', OIN_A);
  await userUpsert(t.sql, { email: 'klok@a.example', name: 'Klok', role: 'planner', afnemerOin: OIN_A, passwordHash: await passwordHash(PASSWORD) });
  server = await e2eServe(createApp({ sql: t.sql, now: e2eNow, sessionHours: 12 }));
  browser = await chromiumLaunch();
  context = await contextNew(browser);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const local = (ms: number) => new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }).format(ms);

describe('the e2e clock', () => {
  it('starts at TEST_NOW, or at the default instant, and refuses a time without an offset', () => {
    expect(e2eInstant('2027-10-31T02:30:00+01:00')).toBe(Date.parse('2027-10-31T01:30:00Z'));
    expect(e2eInstant('2027-10-31T02:30:00+02:00')).toBe(Date.parse('2027-10-31T00:30:00Z'));
    expect(e2eInstant('')).toBe(Date.parse(E2E_DEFAULT_INSTANT));
    expect(() => e2eInstant('2027-10-31T02:30:00')).toThrow(/TEST_NOW/);
    expect(() => e2eInstant('2027-10-31')).toThrow(/TEST_NOW/);
    expect(() => e2eInstant('2027-13-45T99:00:00Z')).toThrow(/TEST_NOW/);
    // The test code's clock is the harness's, not the machine's: within the minutes a file runs of the instant.
    const elapsed = e2eNowMs() - e2eInstant();
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThan(10 * 60_000);
  });

  it('is the only clock the browser tests read, and the server code never reads TEST_NOW', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
        .filter((f) => f.isFile() && f.name.endsWith('.ts'))
        .map((f) => join(f.parentPath, f.name));
    // The machine's clock in a browser test makes its result depend on the hour it runs (elapsed time: performance.now()).
    // This file is exempt: it reads Date.now() only inside the page, where Playwright's clock answers.
    const realClock = files('tests/e2e')
      .filter((f) => !f.endsWith('clock.test.ts'))
      .filter((f) => /Date\.now\(\)|new Date\(\)/.test(readFileSync(f, 'utf8').replaceAll(/\/\/.*$/gm, '')));
    expect(realClock.map((f) => f.slice(root.length + 1))).toEqual([]);
    const readers = ['server/src', 'db/src', 'shared/src'].flatMap(files).filter((f) => readFileSync(f, 'utf8').includes('TEST_NOW'));
    expect(readers).toEqual([]);
  });

  it('gives the browser the same instant, and its clock runs on: timers and animation frames fire', async () => {
    await page.goto(`${server.url}/`);
    const before = e2eNowMs();
    const seen = await page.evaluate(() => Date.now());
    const after = e2eNowMs();
    expect(seen).toBeGreaterThanOrEqual(before - 1_000);
    expect(seen).toBeLessThanOrEqual(after + 1_000);
    // The local time the page shows is the Amsterdam time of that instant (DST nights included).
    expect(await page.evaluate(() => new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short' }).format(Date.now()))).toBe(
      local(await page.evaluate(() => Date.now())),
    );
    const ran = await page.evaluate(
      () =>
        new Promise<{ waited: number; frames: number }>((resolve) => {
          const w = globalThis as unknown as { requestAnimationFrame(f: () => void): number; setTimeout(f: () => void, ms: number): number };
          const start = Date.now();
          let frames = 0;
          const frame = () => {
            frames++;
            w.requestAnimationFrame(frame);
          };
          w.requestAnimationFrame(frame);
          w.setTimeout(() => resolve({ waited: Date.now() - start, frames }), 300);
        }),
    );
    expect(ran.waited).toBeGreaterThanOrEqual(300);
    expect(ran.waited).toBeLessThan(5_000);
    expect(ran.frames).toBeGreaterThan(0);
  });

  it('signs in at that instant: the session the server stores starts on the harness clock', async () => {
    const before = e2eNowMs();
    await signIn(page, server.url, 'klok@a.example', PASSWORD);
    const after = e2eNowMs();
    const [session] = await t.sql<{ expiresAt: Date }[]>`
      select s.expires_at from sessions s join users u on u.id = s.user_id where u.email = 'klok@a.example'`;
    expect(session!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 12 * 3_600_000 - 1_000);
    expect(session!.expiresAt.getTime()).toBeLessThanOrEqual(after + 12 * 3_600_000 + 1_000);
    // Still signed in after a reload, whatever the machine's own clock says about the cookie.
    await page.reload();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  });
});
