// When the server loses its LISTEN connection, changes made meanwhile were never announced: once it listens again,
// every open dashboard gets 'resync' and refetches all its data, without a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { OIN_A, type TestContext, type StandardActors } from '../helpers/test-db.js';

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;
let planner: Page;

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  e2e = await e2eStart({ t, who });
  planner = await e2e.page();
}, 120_000);

afterAll(() => e2e?.close());

describe('the live dashboard after the server lost its LISTEN connection', () => {
  it('refetches everything on resync, so a change nobody announced shows without a reload', async () => {
    await signIn(planner, e2e.server.url, who.plannerA.user.email, 'geheim-wachtwoord');
    await planner.locator('[data-live-status="live"]').waitFor();
    const legend = planner.locator('.legend').first();
    await expect.poll(() => legend.textContent()).toContain('Afnemer A');
    await planner.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));

    // A change no trigger announces, as if its NOTIFY were lost while the connection was down.
    await t.sql`update afnemers set name = 'Afnemer A, hernoemd' where oin = ${OIN_A}`;
    await new Promise((r) => setTimeout(r, 1000));
    expect(await legend.textContent(), 'nothing refetches without a signal').not.toContain('hernoemd');

    const ended = await t.sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`;
    expect(ended).toHaveLength(1);
    const from = performance.now();
    await expect.poll(() => legend.textContent(), { timeout: 5000, interval: 50 }).toContain('Afnemer A, hernoemd');
    console.log(`Dashboard current again ${Math.round(performance.now() - from)} ms after the LISTEN connection was cut`);
    expect(await planner.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload)).toBe(true);
    expect(e2e.errors).toEqual([]);
  });
});
