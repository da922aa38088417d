import { createApp } from '@cd/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch, contextNew, expectAccessible, pageErrors, signIn } from '../helpers/e2e-browser.js';
import { e2eServe, type E2eServer } from '../helpers/e2e-server.js';
import { e2eNow, e2eNowMs } from '../helpers/e2e-clock.js';
import { apiRequest, type Actor, standardActors, testDatabase, type TestContext } from '../helpers/test-db.js';

const PASSWORD = 'geheim-wachtwoord'; // what standardActors gives every user
const RELEASE = 'R-e2e.1';
const RFC_TITLE = 'Nieuwe notificatiemail voor Afnemer A';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errorLists: string[][] = [];
let rfcId = 0;

const api = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, path, a, body);

async function pageFor(): Promise<Page> {
  const context = await contextNew(browser);
  contexts.push(context);
  const page = await context.newPage();
  errorLists.push(pageErrors(page));
  return page;
}

const releaseRow = (page: Page) => page.locator(`tr[data-release="${RELEASE}"]`);
const rfcRow = (page: Page) => page.locator(`tr[data-rfc="${rfcId}"]`);

beforeAll(async () => {
  t = await testDatabase();
  Object.defineProperty(t.clock, 'now', { get: e2eNow });
  who = await standardActors(t.sql);
  server = await e2eServe(createApp({ sql: t.sql, now: e2eNow, sessionHours: 12 }));
  browser = await chromiumLaunch();

  // A release two days from now, at 40% of capacity, on whole hours.
  const start = new Date(Math.ceil(e2eNowMs() / 3_600_000) * 3_600_000 + 2 * 86_400_000);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const release = await api('POST', '/api/v1/releases', who.service, { name: RELEASE, start: start.toISOString(), end: end.toISOString(), factor: 0.4 });
  expect(release.status).toBe(201);
  const { id: releaseId } = (await release.json()) as { id: number };

  // Planner A may file RFCs; the service manager takes the RFC through to the release.
  expect((await api('PUT', `/api/v1/users/${who.plannerA.user.id}/rfc-permission`, who.admin, { mayFileRfc: true })).status).toBe(200);
  const rfc = await api('POST', '/api/v1/rfcs', who.plannerA, { kind: 'niet-standaard', title: RFC_TITLE });
  expect(rfc.status).toBe(201);
  rfcId = ((await rfc.json()) as { id: number }).id;
  for (const action of [
    { type: 'analyse', text: 'Haalbaar, binnen beleid' },
    { type: 'impact-analyse', text: 'Leverancier: 5 dagen' },
    { type: 'decide', outcome: 'goedgekeurd', reason: 'Past in roadmap' },
    { type: 'plan', releaseId },
  ]) {
    const res = await api('POST', `/api/v1/rfcs/${rfcId}/actions`, who.service, action);
    expect(res.status, JSON.stringify(action)).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('the Wijzigingen panels in Chromium', () => {
  let manager: Page;

  it('shows the coming release on the overview of the capacity manager', async () => {
    manager = await pageFor();
    await signIn(manager, server.url, who.capacity.user.email, PASSWORD);
    await manager.getByRole('heading', { name: 'Komende releases', level: 2 }).waitFor();
    await releaseRow(manager).waitFor();
    expect(await releaseRow(manager).getByTestId('release-capacity').textContent()).toBe('capaciteit 40%');
    expect(await releaseRow(manager).getByTestId('release-rfcs').textContent()).toBe('1 RFC');
    await expectAccessible(manager, 'wijzigingen-01-capaciteit-overzicht');
  });

  it('lists the RFC and the release on the Wijzigingen page for the capacity manager', async () => {
    await manager.getByRole('link', { name: 'Alle wijzigingen en releases' }).click();
    await manager.getByRole('heading', { name: 'Wijzigingen', level: 1 }).waitFor();
    await rfcRow(manager).waitFor();
    const text = await rfcRow(manager).textContent();
    expect(text).toContain(RFC_TITLE);
    expect(text).toContain('Niet-standaard');
    expect(text).toContain('Ingepland');
    expect(text).toContain('Afnemer A');
    await expect.poll(() => rfcRow(manager).getByTestId('rfc-release').textContent()).toBe(RELEASE);
    await releaseRow(manager).waitFor();
    expect(await releaseRow(manager).getByTestId('release-capacity').textContent()).toBe('capaciteit 40%');
    await expectAccessible(manager, 'wijzigingen-02-capaciteit-pagina');
  });

  it('shows the release and the own RFC to the planner, on the overview and the Wijzigingen page, in English too', async () => {
    const planner = await pageFor();
    await signIn(planner, server.url, who.plannerA.user.email, PASSWORD);
    await releaseRow(planner).waitFor();
    await expectAccessible(planner, 'wijzigingen-03-planner-overzicht');

    await planner.getByRole('link', { name: 'Wijzigingen', exact: true }).click();
    await planner.getByRole('heading', { name: 'Wijzigingen', level: 1 }).waitFor();
    await rfcRow(planner).waitFor();
    await releaseRow(planner).waitFor();
    await expectAccessible(planner, 'wijzigingen-04-planner-pagina');

    await planner.getByRole('button', { name: 'English' }).click();
    await planner.getByRole('heading', { name: 'Changes', level: 1 }).waitFor();
    expect(await releaseRow(planner).getByTestId('release-capacity').textContent()).toBe('capacity 40%');
  });

  it('shows "Geen wijzigingen" to a planner of another Afnemer', async () => {
    const other = await pageFor();
    await signIn(other, server.url, who.plannerB.user.email, PASSWORD);
    await other.getByRole('link', { name: 'Wijzigingen', exact: true }).click();
    await other.getByText('Geen wijzigingen').waitFor();
    expect(await rfcRow(other).count()).toBe(0);
    await releaseRow(other).waitFor();
    expect(await releaseRow(other).getByTestId('release-rfcs').textContent()).toBe('0 RFC’s');
    await expectAccessible(other, 'wijzigingen-05-andere-planner');
  });

  it('had no uncaught errors in any page', () => {
    for (const errors of errorLists) expect(errors).toEqual([]);
  });
});
