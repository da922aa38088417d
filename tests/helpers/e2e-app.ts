import { createApp } from '@cd/server';
import type { Browser, Page } from 'playwright-core';
import { chromiumLaunch, contextNew, signIn } from './e2e-browser.js';
import { e2eNow } from './e2e-clock.js';
import { e2eServe, type E2eServer } from './e2e-server.js';
import { type StandardActors, standardActors, TEST_PASSWORD, type TestContext, testDatabase } from './test-db.js';

/** What a browser test works with: its database, the served app, Chromium, and the pages it opened. */
export interface E2eApp {
  t: TestContext;
  who: StandardActors;
  server: E2eServer;
  browser: Browser;
  /** The uncaught errors of every page opened by page() or pageAs(), as they happen; a test ends by expecting none. */
  errors: string[];
  /** A page in a fresh browser profile (own cookies), its errors collected. */
  page(): Promise<Page>;
  /** A page in a fresh browser profile, signed in as the user with this e-mail address (any actor of test-db). */
  pageAs(email: string): Promise<Page>;
  /** Closes the browser, the server and the database. */
  close(): Promise<void>;
}

/**
 * A fresh test database with the standard actors. Its clock is the tests' running clock (e2e-clock.ts: TEST_NOW or a pinned instant) unless `testClock` is set: the browser's
 * countdowns and the server's deadlines must agree. Seed it, then call e2eStart.
 */
export async function e2eDatabase({ testClock = false }: { testClock?: boolean } = {}): Promise<{ t: TestContext; who: StandardActors }> {
  const t = await testDatabase();
  if (!testClock) Object.defineProperty(t.clock, 'now', { get: e2eNow });
  return { t, who: await standardActors(t.sql) };
}

/** Serves the app on the database (the tests' running clock, the built web) on a random port and launches Chromium. */
export async function e2eStart({ t, who }: { t: TestContext; who: StandardActors }): Promise<E2eApp> {
  const server = await e2eServe(createApp({ sql: t.sql, now: e2eNow, sessionHours: 12 }));
  const browser = await chromiumLaunch();
  const errors: string[] = [];
  const page = async () => {
    const p = await (await contextNew(browser)).newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    return p;
  };
  return {
    t,
    who,
    server,
    browser,
    errors,
    page,
    pageAs: async (email) => {
      const p = await page();
      await signIn(p, server.url, email, TEST_PASSWORD);
      return p;
    },
    close: async () => {
      await browser.close();
      await server.close();
      await t.close();
    },
  };
}

/** e2eDatabase then e2eStart, for a test that seeds nothing before the server starts. */
export async function e2eOpen(): Promise<E2eApp> {
  return e2eStart(await e2eDatabase());
}
