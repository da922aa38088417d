// The incident workflow in Chromium (DAP 5.2, 5.3): a planner reports a disruption of its own systems and proposes
// a priority; the incident manager sets it, agrees a deviating resolution time (the SNO clock moves to it) and closes
// the incident with an afmelding. Each step is checked in the database and on the screen, with axe.
import { createApp } from '@cd/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch, contextNew, expectAccessible, pageErrors, signIn } from '../helpers/e2e-browser.js';
import { e2eServe, type E2eServer } from '../helpers/e2e-server.js';
import { e2eNow } from '../helpers/e2e-clock.js';
import { type Actor, actor, standardActors, testDatabase, type TestContext } from '../helpers/test-db.js';

const PASSWORD = 'geheim-wachtwoord';
const TITLE = 'Koppelvlak van Afnemer A weigert berichten';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let incidentManager: Actor;
let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errorLists: string[][] = [];
let incidentId = 0;

async function pageFor(): Promise<Page> {
  const context = await contextNew(browser);
  contexts.push(context);
  const page = await context.newPage();
  errorLists.push(pageErrors(page));
  return page;
}

const incidentRow = async () =>
  (
    await t.sql<
      {
        priority: string;
        proposedPriority: string | null;
        prioritisedAt: Date | null;
        prioritisedBy: number | null;
        resolutionDueAt: Date;
        resolutionAgreedWith: string | null;
        resolutionAgreedReason: string | null;
        status: string;
        closingReport: string | null;
      }[]
    >`select priority, proposed_priority, prioritised_at, prioritised_by::int, resolution_due_at, resolution_agreed_with,
        resolution_agreed_reason, status, closing_report from incidents where id = ${incidentId}`
  )[0]!;

beforeAll(async () => {
  t = await testDatabase();
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

describe('reporting and handling a disruption in Chromium', () => {
  it('lets a planner report a disruption and propose a priority, which is stored apart and shown as a proposal', async () => {
    const planner = await pageFor();
    await signIn(planner, server.url, who.plannerA.user.email, PASSWORD);
    await planner.getByRole('link', { name: 'Incidenten', exact: true }).click();
    await planner.getByRole('button', { name: 'Verstoring melden' }).click();
    const dialog = planner.getByRole('dialog', { name: 'Verstoring melden' });
    await dialog.getByLabel('Een eigen systeem van de Afnemer, gerelateerd aan MijnOverheid (stap 4)').check();
    await dialog.getByLabel('Korte omschrijving').fill(TITLE);
    await dialog.getByLabel('Toelichting').fill('Sinds 10:00 komen er foutmeldingen terug.');
    // The planner proposes; it has no field to set the priority.
    expect(await dialog.getByLabel('Prioriteit', { exact: true }).count()).toBe(0);
    await dialog.getByLabel('Voorgestelde prioriteit').selectOption('P2');
    await expectAccessible(planner, 'incidentwerk-01-planner-meldformulier');
    await dialog.getByRole('button', { name: 'Melden' }).click();

    await planner.waitForURL(/\/incidenten\/\d+$/);
    incidentId = Number(new URL(planner.url()).pathname.split('/').pop());
    await planner.getByTestId('priority-proposed').waitFor();
    expect(await planner.getByTestId('priority-proposed').textContent()).toBe('P2 (voorstel)');
    expect(await planner.getByTestId('incident-priority').textContent()).toContain('Wacht op het Servicecentrum');
    expect(await planner.getByTestId('time-left').textContent()).toMatch(/^nog \d+ u/);
    // Only what the reporting planner may do: updates and the afmelding of its own disruption, never the priority.
    const buttons = await planner.getByTestId('incident-actions').getByRole('button').allTextContents();
    expect(buttons).toEqual(['Update plaatsen', 'Status wijzigen', 'Afmelden']);

    const row = await incidentRow();
    expect(row).toMatchObject({ priority: 'P2', proposedPriority: 'P2', prioritisedAt: null, prioritisedBy: null, status: 'gemeld' });
    await expectAccessible(planner, 'incidentwerk-02-planner-incident-voorstel');
  });

  it('lets the incident manager set the priority, agree a deviating resolution time (the SNO clock moves) and close with an afmelding', async () => {
    const manager = await pageFor();
    await signIn(manager, server.url, incidentManager.user.email, PASSWORD);
    await manager.getByRole('link', { name: 'Incidenten', exact: true }).click();
    await manager.getByRole('link', { name: /^INC-/ }).first().click();
    await manager.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor();
    const actions = manager.getByTestId('incident-actions');
    expect(await actions.getByRole('button').allTextContents()).toEqual([
      'Prioriteit vaststellen',
      'Update plaatsen',
      'Status wijzigen',
      'Afwijkende oplostijd afspreken',
      'Calamiteit voorstellen',
      'Afmelden',
    ]);
    await expectAccessible(manager, 'incidentwerk-03-incidentmanager-incident');

    // Step 2: the Servicecentrum sets the priority (here higher than proposed).
    await actions.getByRole('button', { name: 'Prioriteit vaststellen' }).click();
    let dialog = manager.getByRole('dialog', { name: 'Prioriteit vaststellen' });
    expect(await dialog.textContent()).toContain('De melder stelde P2 voor.');
    await dialog.getByLabel('Prioriteit', { exact: true }).selectOption('P1');
    await dialog.getByLabel('Reden (classificatie)').fill('Alle berichten van A worden geweigerd.');
    await dialog.getByRole('button', { name: 'Prioriteit vaststellen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await manager.locator('[data-testid="incident-priority"] .badge--priority').waitFor();
    expect(await manager.locator('[data-testid="incident-priority"] .badge--priority').textContent()).toBe('P1');
    let row = await incidentRow();
    expect(row).toMatchObject({ priority: 'P1', proposedPriority: 'P2', prioritisedBy: incidentManager.user.id });
    expect(row.prioritisedAt).toBeInstanceOf(Date);
    const p1Due = row.resolutionDueAt.getTime();
    const before = await manager.getByTestId('time-left').textContent();
    expect(before).toMatch(/^nog [1-4] u|^nog \d+ min/); // P1: four hours round the clock

    // Section 5.2: a deviating resolution time, two days later; the SNO clock now runs to it.
    await actions.getByRole('button', { name: 'Afwijkende oplostijd afspreken' }).click();
    dialog = manager.getByRole('dialog', { name: 'Afwijkende oplostijd afspreken' });
    const agreed = new Date(p1Due + 2 * 86_400_000);
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Amsterdam',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(agreed)
      .replace(' ', 'T');
    await dialog.getByLabel('Opgelost uiterlijk (Nederlandse tijd)').fill(local);
    await dialog.getByLabel('Afgesproken met (stand-by manager van de Afnemer)').fill('Stand-by manager Afnemer A');
    await dialog.getByLabel('Waarom wijkt de oplostijd af?').fill('Herstel vraagt een nieuwe certificaatketen bij de leverancier.');
    await expectAccessible(manager, 'incidentwerk-04-afwijkende-oplostijd');
    await dialog.getByRole('button', { name: 'Afwijkende oplostijd afspreken' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await manager.getByTestId('resolution-agreement').waitFor();
    expect(await manager.getByTestId('resolution-agreement').textContent()).toContain('Stand-by manager Afnemer A');
    expect(await manager.getByTestId('time-left').textContent()).toMatch(/^nog 2 d/);
    row = await incidentRow();
    expect(Math.abs(row.resolutionDueAt.getTime() - agreed.getTime())).toBeLessThan(60_000);
    expect(row).toMatchObject({
      resolutionAgreedWith: 'Stand-by manager Afnemer A',
      resolutionAgreedReason: 'Herstel vraagt een nieuwe certificaatketen bij de leverancier.',
    });

    // An empty afmelding is refused on the screen and stores nothing.
    await actions.getByRole('button', { name: 'Afmelden' }).click();
    dialog = manager.getByRole('dialog', { name: 'Afmelden' });
    await dialog.getByRole('button', { name: 'Afmelden' }).click();
    await dialog.getByText('Vul dit veld in.').waitFor();
    expect((await incidentRow()).status).toBe('gemeld');
    await dialog.getByLabel('Afmelding (afsluitend verslag)').fill('Certificaatketen vernieuwd; alle berichten opnieuw aangeboden.');
    await dialog.getByRole('button', { name: 'Afmelden' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await manager.getByTestId('closing-report').waitFor();
    expect(await manager.getByTestId('incident-status').textContent()).toBe('Gesloten (afgemeld)');
    expect(await manager.getByTestId('incident-actions').count()).toBe(0);
    expect(await manager.getByTestId('time-left').textContent()).toContain('Binnen de oplostijd opgelost');
    row = await incidentRow();
    expect(row).toMatchObject({ status: 'gesloten', closingReport: 'Certificaatketen vernieuwd; alle berichten opnieuw aangeboden.' });
    await expectAccessible(manager, 'incidentwerk-05-afgemeld');
  });

  it('shows the planner the set priority, the agreement and the afmelding, in English too', async () => {
    const planner = await pageFor();
    await signIn(planner, server.url, who.plannerA.user.email, PASSWORD);
    await planner.goto(`${server.url}/incidenten/${incidentId}`);
    await planner.getByTestId('closing-report').waitFor();
    expect(await planner.getByTestId('resolution-agreement').textContent()).toContain('Stand-by manager Afnemer A');
    await planner.getByRole('button', { name: 'English' }).click();
    await planner.getByText('Solved within the resolution time').waitFor();
    await expectAccessible(planner, 'incidentwerk-06-planner-engels');
  });

  it('had no uncaught errors in any page', () => {
    for (const errors of errorLists) expect(errors).toEqual([]);
  });
});
