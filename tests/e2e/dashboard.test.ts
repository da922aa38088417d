import { createApp } from '@cd/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch, contextNew, expectAccessible, pageErrors, screenshot, signIn } from '../helpers/e2e-browser.js';
import { e2eServe, type E2eServer } from '../helpers/e2e-server.js';
import { e2eNow, e2eNowMs } from '../helpers/e2e-clock.js';
import { dutchCsv } from '../helpers/files.js';
import { apiRequest, type Actor, standardActors, testDatabase, type TestContext } from '../helpers/test-db.js';
import { AMSTERDAM_TIME_ZONE, DAY_MS } from '@cd/shared/time';
import { seedWindows, windowSeed } from '../helpers/conflict-seed.js';

const PASSWORD = 'geheim-wachtwoord'; // what standardActors gives every user
const LIVE_MS = 2_000;

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let server: E2eServer;
let browser: Browser;
let plannerContext: BrowserContext;
let managerContext: BrowserContext;
let planner: Page;
let manager: Page;
let pageErrorLists: string[][] = [];
let escalatedId = 0;
let conflictId = 0;

/** dd-mm-jjjj of the Amsterdam day `days` from now, as Dutch Excel writes dates. */
function dutchDate(days: number): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(e2eNowMs() + days * DAY_MS))
    .replace(/\//g, '-');
}
const DAY = dutchDate(3);
const NEXT_DAY = dutchDate(4);

const api = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, path, a, body);
const aspects = (u: string, i: string) => ({
  administratief: { urgency: u, impact: i },
  financieel: { urgency: u, impact: i },
  juridisch: { urgency: u, impact: i },
  imago: { urgency: u, impact: i },
});

/** The number of open conflicts the load chart reports for its range. */
const chartConflicts = (page: Page) => page.getByTestId('chart-conflict-count');

beforeAll(async () => {
  t = await testDatabase();
  // The app sees real time: the browser's dates and the server's must agree.
  Object.defineProperty(t.clock, 'now', { get: e2eNow });
  who = await standardActors(t.sql);
  // Afnemer B already plans 2,000 messages at 10:00 on DAY: A's upload will push that hour over 4,000.
  await windowSeed(t, who.capacity, {
    day: DAY,
    windows: [{ by: who.plannerB, kenmerk: 'B-1', omschrijving: 'Aanslagen', aantalBerichten: 2000, status: 'concept' }],
  });
  // A second conflict, the next day, taken through the procedure up to the klantraad-managers.
  await seedWindows(t, {
    day: NEXT_DAY,
    from: '14:00',
    to: '15:00',
    windows: [
      { by: who.plannerA, kenmerk: 'A-2', omschrijving: 'Herinnering', aantalBerichten: 3000 },
      { by: who.plannerB, kenmerk: 'B-2', omschrijving: 'Beschikking', aantalBerichten: 2500, status: 'concept' },
    ],
  });
  escalatedId = (await t.sql<{ id: number }[]>`select id::int from conflicts where status = 'open'`)[0]!.id;
  const act = async (a: Actor, body: unknown) => {
    const res = await api('POST', `/api/v1/conflicts/${escalatedId}/actions`, a, body);
    expect(res.status, JSON.stringify(body)).toBe(200);
  };
  await act(who.plannerA, { type: 'contact-logius', message: 'Wij kunnen niet schuiven: de wettelijke termijn verloopt.' });
  await act(who.capacity, { type: 'open-assessment' });
  await act(who.plannerA, {
    type: 'submit-assessment',
    aspects: aspects('hoog', 'hoog'),
    motivation: 'Wettelijke termijn; verschuiven kost een nieuwe beschikking.',
  });
  await act(who.plannerB, {
    type: 'submit-assessment',
    aspects: aspects('middel', 'laag'),
    motivation: 'Kan een dag later, maar liever niet in de week van de aangifte.',
  });
  await act(who.capacity, { type: 'confirm-advice' });
  await act(who.plannerB, { type: 'escalate', reason: 'B verschuift alleen naar de volgende ochtend als de klantraad daarmee instemt.' });

  // The browser's server is an app of its own on the same database, as a second server instance would be.
  server = await e2eServe(createApp({ sql: t.sql, now: e2eNow, sessionHours: 12 }));
  browser = await chromiumLaunch();
  plannerContext = await contextNew(browser);
  managerContext = await contextNew(browser);
  planner = await plannerContext.newPage();
  manager = await managerContext.newPage();
  pageErrorLists = [pageErrors(planner), pageErrors(manager)];
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('the dashboard in Chromium', () => {
  it('shows a Dutch sign-in page without serious accessibility problems', async () => {
    await planner.goto(`${server.url}/`);
    await planner.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    expect(await planner.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessible(planner, '01-aanmelden');
  });

  it('lets a planner upload a CSV, preview the conflict it causes, and the capacity manager sees it live', async () => {
    await signIn(manager, server.url, who.capacity.user.email, PASSWORD);
    await manager.locator('[data-live-status="live"]').waitFor();
    await expect.poll(() => chartConflicts(manager).textContent()).toBe('1');
    await manager.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));

    await signIn(planner, server.url, who.plannerA.user.email, PASSWORD);
    await planner.getByRole('link', { name: 'Prognose aanleveren' }).click();
    await planner.getByRole('heading', { name: 'Prognose aanleveren', level: 1 }).waitFor();
    const csv = dutchCsv([`A-1;Voorlopige aanslag;Brief;${DAY} 10:00;${DAY} 11:00;3.000;definitief`]);
    await planner.getByTestId('upload-input').setInputFiles({ name: 'prognose-afnemer-a.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await planner.getByRole('heading', { name: 'Wat doet deze aanlevering?' }).waitFor();
    expect(await planner.getByTestId('dryrun-created').textContent()).toBe('1');
    // B shares the hour, but a planner learns the other Afnemers in a slot only as a count (decision 006).
    const line = await planner.locator('.preview li').first().textContent();
    expect(line).toContain('1 andere Afnemer');
    expect(line).not.toContain('Afnemer B');
    await expectAccessible(planner, '03-planner-aanleveren-voorvertoning');

    const saved = planner.waitForResponse((r) => r.url().endsWith('/api/v1/prognoses') && r.request().method() === 'POST');
    await planner.getByRole('button', { name: 'Aanlevering opslaan' }).click();
    expect((await saved).status()).toBe(201);
    const savedAt = performance.now();
    await expect.poll(() => chartConflicts(manager).textContent(), { timeout: LIVE_MS, interval: 50 }).toBe('2');
    const liveMs = performance.now() - savedAt;
    console.log(`New conflict on the capacity manager's open dashboard after ${liveMs} ms`);
    expect(liveMs).toBeLessThan(LIVE_MS);
    expect(await manager.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload)).toBe(true);
    await planner.getByText('De aanlevering is opgeslagen').waitFor();
    await screenshot(manager, '04-capaciteit-overzicht-live');

    const open = await t.sql<{ id: number }[]>`select id::int from conflicts where status = 'open' and id <> ${escalatedId}`;
    expect(open).toHaveLength(1);
    conflictId = open[0]!.id;
  });

  it('shows the new conflict on the planner’s chart and in the planner’s list', async () => {
    await planner.getByRole('link', { name: 'Overzicht' }).click();
    await expect.poll(() => chartConflicts(planner).textContent()).toBe('2');
    await expect.poll(() => planner.locator('.chart-conflict').count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(planner, '05-planner-overzicht');

    await planner.getByRole('link', { name: 'Mijn conflicten' }).click();
    await planner.locator(`tr[data-conflict-id="${conflictId}"]`).waitFor();
    await expectAccessible(planner, '06-planner-conflicten');
  });

  it('moves a window by a suggestion after a preview; the conflict resolves, live on the manager’s dashboard', async () => {
    await planner.locator(`tr[data-conflict-id="${conflictId}"] a`).click();
    await planner.getByRole('heading', { name: `Dossier conflict ${conflictId}` }).waitFor();
    const move = planner.getByRole('button', { name: /Verplaats naar dit (eerdere|latere) moment/ }).first();
    await move.waitFor();
    await expectAccessible(planner, '07-planner-conflictdossier');

    await move.click();
    const preview = planner.getByRole('dialog');
    await preview.getByTestId('move-solved').waitFor();
    expect(await preview.getByTestId('move-solved').textContent()).toBe('1');
    const moved = planner.waitForResponse((r) => r.url().endsWith(`/api/v1/conflicts/${conflictId}/actions`));
    await preview.getByRole('button', { name: 'Bevestigen' }).click();
    expect((await moved).status()).toBe(200);
    await planner.getByRole('button', { name: 'Ongedaan maken' }).waitFor();
    const movedAt = performance.now();
    await planner.getByTestId('conflict-resolved').waitFor();
    await expect.poll(() => chartConflicts(manager).textContent(), { timeout: LIVE_MS, interval: 50 }).toBe('1');
    const liveMs = performance.now() - movedAt;
    console.log(`Moved window reached the capacity manager's dashboard after ${liveMs} ms`);
    expect(liveMs).toBeLessThan(LIVE_MS);
    const [c] = await t.sql`select status from conflicts where id = ${conflictId}`;
    expect(c!.status).toBe('resolved');
    await expectAccessible(planner, '08-planner-conflict-opgelost');
  });

  it('shows the planner’s other views without serious accessibility problems', async () => {
    await planner.getByRole('link', { name: 'Mijn verzendmomenten' }).click();
    await planner.getByRole('cell', { name: /A-1/ }).first().waitFor();
    await expectAccessible(planner, '09-planner-verzendmomenten');
    await planner.getByRole('button', { name: 'Geschiedenis A-1' }).click();
    await planner.getByRole('dialog').getByRole('table').waitFor();
    await expectAccessible(planner, '10-planner-geschiedenis');
    await planner.keyboard.press('Escape');

    await planner.getByRole('link', { name: /Meldingen/ }).click();
    await planner.getByRole('heading', { name: 'Uw meldingen' }).waitFor();
    await planner.locator('.notification, .empty-state').first().waitFor();
    await expectAccessible(planner, '11-planner-meldingen');
  });

  it('shows the capacity manager’s views without serious accessibility problems', async () => {
    await expectAccessible(manager, '12-capaciteit-overzicht');
    const views: [string, string, string][] = [
      ['Conflicten', '13-capaciteit-conflicten-per-stap', '5. Geëscaleerd'],
      ['Escalaties', '14-capaciteit-escalaties', 'Geëscaleerde conflicten'],
      ['Capaciteitsprofiel', '15-capaciteit-profiel', 'Berichten per uur'],
      ['Onderhoudskalender', '16-capaciteit-onderhoud', 'Geplande vensters'],
    ];
    for (const [link, name, text] of views) {
      await manager.getByRole('link', { name: link, exact: true }).click();
      await manager.getByText(text).first().waitFor();
      await manager.locator('.loading').first().waitFor({ state: 'detached' });
      await expectAccessible(manager, name);
    }
    await manager.getByRole('button', { name: 'Onderhoudsvenster toevoegen' }).click();
    await manager.getByRole('dialog').getByLabel('Reden').fill('Release 4.2 van de Berichtenbox');
    await expectAccessible(manager, '17-capaciteit-onderhoud-toevoegen');
    await manager.getByRole('dialog').getByRole('button', { name: 'Effect bekijken' }).click();
    await manager.getByRole('dialog').getByRole('button', { name: 'Bevestigen en opslaan' }).click();
    await manager.getByText('Het onderhoudsvenster is toegevoegd.').waitFor();
  });

  it('shows the klantraad-manager the escalated conflict with the assessments side by side', async () => {
    const context = await contextNew(browser);
    const page = await context.newPage();
    await signIn(page, server.url, who.klantraadA.user.email, PASSWORD);
    await page.getByRole('heading', { name: 'Besluiten Klantraad Interactie' }).waitFor();
    const table = page.getByRole('table', { name: /Urgentie en impact per aspect/ });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Aspect', 'Afnemer A', 'Afnemer B']);
    await expectAccessible(page, '18-klantraad-besluiten');
    await context.close();
  });

  it('switches to English, with lang="en" on the page', async () => {
    // <html lang> must change in the same commit as the texts: set after paint (a passive effect), it lagged a frame
    // behind them, and a read right after the texts showed the old language (a flaky failure here). Every DOM change
    // is checked: the pressed language button and <html lang> always agree.
    await manager.evaluate(() => {
      // Inside the page (tests/ is compiled without the DOM's types).
      const g = globalThis as unknown as {
        document: { documentElement: { lang: string }; body: unknown; querySelector(s: string): { getAttribute(n: string): string | null } | null };
        MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
        langMismatches: string[];
      };
      g.langMismatches = [];
      new g.MutationObserver(() => {
        const shown = g.document.querySelector('.lang-switch__button[aria-pressed="true"]')?.getAttribute('lang');
        const lang = g.document.documentElement.lang;
        if (shown && shown !== lang) g.langMismatches.push(`${shown} shown, lang="${lang}"`);
      }).observe(g.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await manager.getByRole('button', { name: 'English' }).click();
    await manager.getByRole('link', { name: 'Overview' }).click();
    await manager.getByRole('heading', { name: 'Load and capacity' }).waitFor();
    expect(await manager.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(manager, '19-capacity-overview-english');
    await manager.getByRole('button', { name: 'Nederlands' }).click();
    await manager.getByRole('link', { name: 'Overzicht' }).waitFor();
    expect(await manager.getAttribute('html', 'lang')).toBe('nl');
    expect(await manager.evaluate(() => (globalThis as unknown as { langMismatches: string[] }).langMismatches)).toEqual([]);
  });

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrorLists.flat()).toEqual([]);
  });
});
