// A capacity drop whose dry run passed, refused at the confirm with a field error, in Chromium. The maintenance window
// starts on the first day of the planning horizon; the capacity manager looks at its effect just before midnight and
// confirms just after, when that day has left the horizon. The server refuses (400, errors[] naming "start"): the form
// comes back with the Dutch reason beside "Begin" and the focus on it, everything typed is still there, and nothing
// is stored. Corrected, the same form stores the window.
import { createApp } from '@cd/server';
import { instantFormatAmsterdamDutch, PLANNING_HORIZON_DEFAULT, planningHorizonAt, planningHorizonViolation } from '@cd/shared';
import { amsterdamMidnightOf, toLocalInputValue } from '@cd/shared/time';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch, contextNew, expectAccessible, signIn } from '../helpers/e2e-browser.js';
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { e2eServe, type E2eServer } from '../helpers/e2e-server.js';
import { type StandardActors, standardActors, TEST_PASSWORD, type TestContext, testDatabase } from '../helpers/test-db.js';

const MINUTE = 60_000;
// The server's clock is the tests' clock moved to ten minutes before the next Amsterdam midnight, running on; the
// test moves it (and the browser's) over midnight between the dry run and the confirm.
const midnight = amsterdamMidnightOf(e2eNowMs(), 1);
let shift = midnight - 10 * MINUTE - e2eNowMs();
const serverNowMs = () => e2eNowMs() + shift;

let t: TestContext;
let who: StandardActors;
let server: E2eServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

const stored = async () => ({
  windows: (await t.sql`select count(*)::int as n from maintenance_windows`)[0]!.n as number,
  changes: (await t.sql`select count(*)::int as n from maintenance_changes`)[0]!.n as number,
  notices: (await t.sql`select count(*)::int as n from notices`)[0]!.n as number,
  conflicts: (await t.sql`select count(*)::int as n from conflicts`)[0]!.n as number,
});

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  server = await e2eServe(createApp({ sql: t.sql, now: () => new Date(serverNowMs()), sessionHours: 12 }));
  browser = await chromiumLaunch();
  const context = await contextNew(browser, { realClock: true });
  await context.clock.install({ time: serverNowMs() });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('a capacity drop refused at the confirm', () => {
  it('comes back to the form with the Dutch reason beside its field, the focus there, nothing lost and nothing stored', async () => {
    await signIn(page, server.url, who.capacity.user.email, TEST_PASSWORD);
    await page.goto(`${server.url}/onderhoud`);
    await page.getByRole('button', { name: 'Onderhoudsvenster toevoegen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Onderhoudsvenster toevoegen' });

    // From 00:00 on the horizon's first day to 06:00 the day after (no DST hour): inside the horizon until midnight.
    const before = planningHorizonAt(PLANNING_HORIZON_DEFAULT, serverNowMs());
    const start = before.from;
    const end = amsterdamMidnightOf(start, 1) + 360 * MINUTE;
    const typed = { start: toLocalInputValue(start), end: toLocalInputValue(end), remaining: '35', reason: 'Archief omzetten' };
    await dialog.getByLabel('Begin').fill(typed.start);
    await dialog.getByLabel('Einde').fill(typed.end);
    await dialog.getByLabel('Soort').selectOption({ label: 'Release' });
    await dialog.getByLabel('Resterende capaciteit (%)').fill(typed.remaining);
    await dialog.getByLabel('Reden').fill(typed.reason);
    await dialog.getByRole('button', { name: 'Effect bekijken' }).click();
    await dialog.getByTestId('change-summary').waitFor();
    expect(serverNowMs(), 'the dry run ran before midnight').toBeLessThan(midnight);
    expect(await stored()).toEqual({ windows: 0, changes: 0, notices: 0, conflicts: 0 });

    // Midnight passes for the server and the browser alike; the first day has left the horizon.
    const jump = midnight + MINUTE - serverNowMs();
    shift += jump;
    await page.clock.fastForward(jump);
    const after = planningHorizonAt(PLANNING_HORIZON_DEFAULT, serverNowMs());
    expect(after.from).toBeGreaterThan(start);
    await dialog.getByRole('button', { name: 'Bevestigen en opslaan' }).click();

    // Back in the form: the reason stands beside "Begin", which has the focus; "Einde" is fine.
    const begin = dialog.getByLabel('Begin');
    await expect.poll(() => begin.getAttribute('aria-invalid')).toBe('true');
    const beginId = (await begin.getAttribute('id'))!;
    expect(await dialog.locator(`#${beginId}-err`).textContent()).toBe(
      `Het begin (${instantFormatAmsterdamDutch(new Date(start))}) ${planningHorizonViolation(after, start)}.`,
    );
    expect(await begin.getAttribute('aria-describedby')).toContain(`${beginId}-err`);
    expect(await begin.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await dialog.getByLabel('Einde').getAttribute('aria-invalid')).toBe('false');
    expect(await dialog.getByTestId('change-summary').count()).toBe(0);
    // No second message for the same refusal under the buttons.
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect({
      start: await begin.inputValue(),
      end: await dialog.getByLabel('Einde').inputValue(),
      remaining: await dialog.getByLabel('Resterende capaciteit (%)').inputValue(),
      reason: await dialog.getByLabel('Reden').inputValue(),
    }).toEqual(typed);
    expect(await dialog.getByLabel('Soort').inputValue()).toBe('release');
    expect(await stored()).toEqual({ windows: 0, changes: 0, notices: 0, conflicts: 0 });
    await expectAccessible(page, 'capaciteitsverlaging-bevestiging-geweigerd');

    // Corrected to the new first day, the same form shows the effect again and stores on confirm.
    await begin.fill(toLocalInputValue(after.from));
    await dialog.getByRole('button', { name: 'Effect bekijken' }).click();
    await dialog.getByTestId('change-summary').waitFor();
    await dialog.getByRole('button', { name: 'Bevestigen en opslaan' }).click();
    await page.getByTestId('maintenance-saved').waitFor();
    expect(await page.getByTestId('maintenance-saved').textContent()).toContain('Het onderhoudsvenster is toegevoegd.');
    const rows = await t.sql<{ startAt: Date; endAt: Date; factor: number; reason: string; kind: string }[]>`
      select start_at, end_at, factor, reason, kind from maintenance_windows`;
    expect(rows.map((r) => ({ ...r, startAt: r.startAt.getTime(), endAt: r.endAt.getTime() }))).toEqual([
      { startAt: after.from, endAt: end, factor: 0.35, reason: typed.reason, kind: 'release' },
    ]);
    expect((await stored()).changes).toBe(1);
  }, 90_000);

  it('raised no uncaught errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
