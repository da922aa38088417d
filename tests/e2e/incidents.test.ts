import { createApp } from '@cd/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch, contextNew, expectAccessible, pageErrors, signIn } from '../helpers/e2e-browser.js';
import { e2eServe, type E2eServer } from '../helpers/e2e-server.js';
import { e2eNow } from '../helpers/e2e-clock.js';
import { apiRequest, type Actor, actor, OIN_A, standardActors, testDatabase, type TestContext } from '../helpers/test-db.js';

const PASSWORD = 'geheim-wachtwoord'; // what standardActors gives every user

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let incidentManager: Actor;
let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errorLists: string[][] = [];
let number = '';

const api = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, path, a, body);

async function pageFor(): Promise<Page> {
  const context = await contextNew(browser);
  contexts.push(context);
  const page = await context.newPage();
  errorLists.push(pageErrors(page));
  return page;
}

const incidentRow = (page: Page) => page.locator(`tr[data-incident="${number}"]`);

beforeAll(async () => {
  t = await testDatabase();
  // The app sees real time: the browser's countdown and the server's deadlines must agree.
  Object.defineProperty(t.clock, 'now', { get: e2eNow });
  who = await standardActors(t.sql);
  incidentManager = await actor(t.sql, 'incident@logius.example', 'incident-manager');
  server = await e2eServe(createApp({ sql: t.sql, now: e2eNow, sessionHours: 12 }));
  browser = await chromiumLaunch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('the incident panels in Chromium', () => {
  let manager: Page;

  it('shows "Geen open incidenten" on the overview, then a new P1 live, with its time left', async () => {
    manager = await pageFor();
    await signIn(manager, server.url, who.capacity.user.email, PASSWORD);
    await manager.locator('[data-live-status="live"]').waitFor();
    await manager.getByText('Geen open incidenten').waitFor();

    const res = await api('POST', '/api/v1/incidents', incidentManager, {
      kind: 'mijnoverheid',
      title: 'Berichtenbox geeft foutmelding bij openen bericht',
      channel: 'telefoon',
      priority: 'P1',
      afnemers: [OIN_A],
    });
    expect(res.status).toBe(201);
    const incident = (await res.json()) as { id: number; number: string; resolutionDueAt: string };
    number = incident.number;
    expect(number).toMatch(/^INC-\d{4}-\d+$/);
    const escalation = await api('POST', '/api/v1/escalations', incidentManager, {
      ladder: 'incident',
      incidentId: incident.id,
      reason: 'Afnemer A kan geen aanslagen versturen.',
    });
    expect(escalation.status).toBe(201);

    // No reload: the 'incidents' change on the live stream brings it in.
    const row = incidentRow(manager);
    await row.waitFor({ timeout: 5_000 });
    expect(await row.textContent()).toContain('Berichtenbox geeft foutmelding bij openen bericht');
    expect(await row.textContent()).toContain('Afnemer A');
    expect(await row.locator('.badge--priority').textContent()).toBe('P1');
    expect(await row.getByTestId('time-left').textContent()).toMatch(/^nog \d+ u( \d+ min)?|^nog \d+ min/);
    await expectAccessible(manager, 'incidenten-01-capaciteit-overzicht');
  });

  it('lists the incident, its escalation and the calamity panel on the Incidenten page for the capacity manager', async () => {
    await manager.getByRole('link', { name: 'Incidenten', exact: true }).click();
    await manager.getByRole('heading', { name: 'Incidenten', level: 1 }).waitFor();
    await incidentRow(manager).waitFor();
    expect(await incidentRow(manager).getByTestId('time-left').textContent()).toContain('nog');
    // A fresh P1 has used (almost) none of its resolution time; the bar says so in words too.
    expect(await incidentRow(manager).locator('.calamity-meter .visually-hidden').textContent()).toMatch(/van de oplostijd is verstreken; bij 75%/);
    await manager.getByText('Geen calamiteiten').waitFor();
    const escalation = manager.locator('tr[data-escalation]').first();
    await escalation.waitFor();
    expect(await escalation.textContent()).toContain('Afnemer A kan geen aanslagen versturen.');
    expect(await escalation.textContent()).toContain(number);
    await expectAccessible(manager, 'incidenten-02-capaciteit-incidentenpagina');
  });

  it('shows the incident to a planner of an affected Afnemer, on the overview and the Incidenten page', async () => {
    const planner = await pageFor();
    await signIn(planner, server.url, who.plannerA.user.email, PASSWORD);
    await incidentRow(planner).waitFor();
    expect(await incidentRow(planner).getByTestId('time-left').textContent()).toMatch(/^nog /);
    await expectAccessible(planner, 'incidenten-03-planner-overzicht');

    await planner.getByRole('link', { name: 'Incidenten', exact: true }).click();
    await planner.getByRole('heading', { name: 'Incidenten', level: 1 }).waitFor();
    await incidentRow(planner).waitFor();
    await planner.locator('tr[data-escalation]').first().waitFor();
    await expectAccessible(planner, 'incidenten-04-planner-incidentenpagina');
  });

  it('keeps the incident from a planner of an Afnemer it does not affect, in Dutch and in English', async () => {
    const other = await pageFor();
    await signIn(other, server.url, who.plannerB.user.email, PASSWORD);
    await other.getByRole('link', { name: 'Incidenten', exact: true }).click();
    await other.getByText('Geen open incidenten').waitFor();
    expect(await incidentRow(other).count()).toBe(0);
    await other.getByRole('button', { name: 'English' }).click();
    await other.getByText('No open incidents').waitFor();
    await other.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    await expectAccessible(other, 'incidenten-05-andere-planner-engels');
  });

  it('draws the calamity line at the admin’s threshold: 75% by default, 80% once the admin changed it', async () => {
    await manager.goto(`${server.url}/incidenten`);
    const meter = incidentRow(manager).locator('.calamity-meter');
    await meter.waitFor();
    expect(await meter.locator('.calamity-meter__line').getAttribute('style')).toBe('left: 75%;');

    const res = await api('PATCH', '/api/v1/settings', who.admin, { calamityThreshold: 0.8, reason: 'Besloten in het Tactisch Overleg' });
    expect(res.status).toBe(200);
    expect(await t.sql`select key, value from settings`).toEqual([{ key: 'calamityThreshold', value: 0.8 }]);

    await manager.reload();
    await meter.waitFor();
    await expect.poll(() => meter.locator('.calamity-meter__line').getAttribute('style')).toBe('left: 80%;');
    expect(await meter.locator('.visually-hidden').textContent()).toMatch(/van de oplostijd is verstreken; bij 80% wordt een calamiteit voorgesteld\.$/);
    // The detail page draws the same line.
    await manager.goto(`${server.url}/incidenten/${(await t.sql`select id from incidents where number = ${number}`)[0]!.id}`);
    await expect.poll(() => manager.locator('.calamity-meter__line').first().getAttribute('style')).toBe('left: 80%;');
  });

  it('had no uncaught errors in any page', () => {
    for (const errors of errorLists) expect(errors).toEqual([]);
  });
});
