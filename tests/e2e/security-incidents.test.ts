// Security incidents in Chromium (issue 17, DAP 6.2): planner A reports one, Logius' security officer sees it and
// escalates it, planner A sees the new level; planner B never sees it. Every screen is checked with axe.
import { createApp } from '@cd/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch, contextNew, expectAccessible, pageErrors, signIn } from '../helpers/e2e-browser.js';
import { e2eServe, type E2eServer } from '../helpers/e2e-server.js';
import { e2eNow } from '../helpers/e2e-clock.js';
import { actor, standardActors, testDatabase, type Actor, type TestContext } from '../helpers/test-db.js';

const PASSWORD = 'geheim-wachtwoord'; // what actor() gives every user
const TITLE = 'Gelekt PKIoverheid-certificaat';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let officer: Actor;
let server: E2eServer;
let browser: Browser;
const errors: string[] = [];

async function pageAs(email: string): Promise<Page> {
  const page = await (await contextNew(browser)).newPage();
  const own = pageErrors(page);
  page.on('close', () => errors.push(...own));
  await signIn(page, server.url, email, PASSWORD);
  return page;
}
const incidentRow = (page: Page) => page.locator('tr[data-security-incident]', { hasText: TITLE });

beforeAll(async () => {
  t = await testDatabase();
  Object.defineProperty(t.clock, 'now', { get: e2eNow });
  who = await standardActors(t.sql);
  officer = await actor(t.sql, 'security@logius.example', 'security-officer');
  server = await e2eServe(createApp({ sql: t.sql, now: e2eNow, sessionHours: 12 }));
  browser = await chromiumLaunch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('security incidents in Chromium', () => {
  let plannerA: Page;
  let id: number;

  it('lets planner A report a security incident from the menu, stored for A', async () => {
    plannerA = await pageAs(who.plannerA.user.email);
    await plannerA.getByRole('link', { name: 'Beveiligingsincidenten', exact: true }).click();
    await plannerA.getByRole('heading', { name: 'Beveiligingsincidenten', level: 1 }).waitFor();
    // An empty title is refused in the form, in Dutch, before anything is sent.
    await plannerA.getByRole('button', { name: 'Melden', exact: true }).click();
    await plannerA.getByText('Geef het incident een titel.').waitFor();
    await plannerA.getByLabel('Titel').fill(TITLE);
    await plannerA.getByLabel('Ernst').selectOption('hoog');
    await plannerA.getByLabel('Wat is er gebeurd?').fill('Ons certificaat stond in een openbare repository.');
    await plannerA.getByRole('button', { name: 'Melden', exact: true }).click();
    await plannerA.getByText(/Beveiligingsincident SEC-\d{4}-000001 is gemeld/).waitFor();
    await incidentRow(plannerA).waitFor();
    const [row] = await t.sql<{ id: number; afnemerOin: string; severity: string; level: number }[]>`
      select id::int, afnemer_oin, severity, level from security_incidents where title = ${TITLE}`;
    expect(row).toMatchObject({ afnemerOin: who.plannerA.user.afnemerOin, severity: 'hoog', level: 0 });
    id = row!.id;
    expect(await incidentRow(plannerA).getByTestId('security-level').textContent()).toBe('Overleg (niet geëscaleerd)');
    await expectAccessible(plannerA, 'security-01-planner-gemeld');
  });

  it('shows the security officer the incident, who escalates it, recorded in the trail', async () => {
    const page = await pageAs(officer.user.email);
    await page.getByRole('link', { name: 'Beveiligingsincidenten', exact: true }).click();
    await incidentRow(page).getByRole('link').click();
    await page.getByRole('heading', { name: 'Rapportage beveiligingsincident', level: 1 }).waitFor();
    expect(await page.getByTestId('security-level').textContent()).toBe('Overleg (niet geëscaleerd)');
    await expectAccessible(page, 'security-02-officer-rapport');
    await page.getByLabel('Reden van escalatie naar Servicecentrum Logius').fill('Overleg met de Afnemer loste het niet op.');
    await page.getByRole('button', { name: 'Escaleren naar Servicecentrum Logius' }).click();
    await page.getByText('Geëscaleerd naar Servicecentrum Logius').waitFor();
    await page.getByTestId('security-level').getByText('Niveau 1: Servicecentrum Logius').waitFor();
    expect(await page.getByTestId('security-trail').textContent()).toContain('Overleg met de Afnemer loste het niet op.');
    const [row] = await t.sql<{ level: number }[]>`select level from security_incidents where id = ${id}`;
    expect(row!.level).toBe(1);
    const trail = await t.sql`select action, actor_email from security_incident_events where security_incident_id = ${id} order by id`;
    expect(trail).toEqual([
      { action: 'reported', actorEmail: who.plannerA.user.email },
      { action: 'escalated', actorEmail: officer.user.email },
    ]);
    // The next level is offered now, and the quarterly report counts the incident.
    await page.getByRole('button', { name: 'Escaleren naar Service manager Logius' }).waitFor();
    await page.getByRole('link', { name: 'Terug naar de beveiligingsincidenten' }).click();
    const report = page.getByTestId('security-report');
    await report.waitFor();
    expect(await report.getByRole('row', { name: /Totaal gemeld/ }).textContent()).toContain('1');
    expect(await page.getByRole('link', { name: 'Download als Excel' }).getAttribute('href')).toMatch(/periodic-reports\.xlsx\?year=\d{4}&quarter=[1-4]/);
    await expectAccessible(page, 'security-03-officer-lijst-rapportage');
    await page.close();
  });

  it('shows planner A the new level and tells A of it', async () => {
    await plannerA.reload();
    await incidentRow(plannerA).getByTestId('security-level').getByText('Niveau 1: Servicecentrum Logius').waitFor();
    await incidentRow(plannerA).getByRole('link').click();
    await plannerA.getByTestId('security-level').getByText('Niveau 1: Servicecentrum Logius').waitFor();
    // The planner may escalate further, but has no status buttons (those are the security officer's).
    await plannerA.getByRole('button', { name: 'Escaleren naar Service manager Logius' }).waitFor();
    expect(await plannerA.getByRole('button', { name: 'Afsluiten' }).count()).toBe(0);
    const told = await t.sql`select title from notifications where user_id = ${who.plannerA.user.id} and title like '%niveau 1%'`;
    expect(told).toHaveLength(1);
    await expectAccessible(plannerA, 'security-04-planner-niveau');
  });

  it('never shows planner B the incident: not in the list, and not by its address', async () => {
    const page = await pageAs(who.plannerB.user.email);
    await page.getByRole('link', { name: 'Beveiligingsincidenten', exact: true }).click();
    await page.getByText('Er zijn geen beveiligingsincidenten.').waitFor();
    await page.goto(`${server.url}/beveiligingsincidenten/${id}`);
    await page.getByText('Dit beveiligingsincident bestaat niet.').waitFor();
    expect(await page.content()).not.toContain(TITLE);
    await expectAccessible(page, 'security-05-planner-b');
    await page.close();
  });

  it('threw no errors in the pages', async () => {
    await plannerA.close();
    expect(errors).toEqual([]);
  });
});
