// The DAP's services in Chromium: service requests with their working-day deadline, fraud reports (the Fraudeteam's
// home and the reporter's receipt), disruption analyses on Bijlage 2's template, Bijlage 1's contacts, the service
// report (an Afnemer's own part) with the usage XLSX and the calendar feed, and printing the report and a case file.
import { AMSTERDAM_TIME_ZONE, DAY_MS, workingDaysAdd } from '@cd/shared/time';
import type { Page } from 'playwright-core';
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { actor, type Actor, apiRequest, OIN_A, OIN_B, type TestContext, type StandardActors } from '../helpers/test-db.js';
import { conflictSeed } from '../helpers/conflict-seed.js';

const FRAUD_TEXT = 'Sms uit naam van de Berichtenbox met een link naar berichtenbox-inloggen.example';

let t: TestContext;
let who: StandardActors;
let fraudeteam: Actor;
let incidentManager: Actor;
let e2e: E2eApp;
let incidentA = '';
let incidentB = '';
let conflictId = 0;

/** The date as the web writes it ("di 1 dec 2026"): Dutch, Amsterdam time. */
const dutchDate = (ms: number) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(ms);
/** The Amsterdam calendar day `days` from now as yyyy-mm-dd and as dd-mm-jjjj. */
function day(days: number) {
  const [d, m, y] = new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(e2eNowMs() + days * DAY_MS))
    .split(/[-/]/);
  return { iso: `${y}-${m}-${d}`, dutch: `${d}-${m}-${y}` };
}

async function pageAs(a: Actor): Promise<Page> {
  const page = await e2e.pageAs(a.user.email);
  page.setDefaultTimeout(8000);
  return page;
}
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true }).click();

/** The number of pages of a PDF, by its page objects. */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  fraudeteam = await actor(t.sql, 'fraude@logius.example', 'fraudeteam');
  incidentManager = await actor(t.sql, 'incident@logius.example', 'incident-manager');
  const incident = async (title: string, oin: string) => {
    const res = await apiRequest(t.app, 'POST', '/api/v1/incidents', incidentManager, {
      kind: 'mijnoverheid',
      title,
      channel: 'telefoon',
      priority: 'P1',
      afnemers: [oin],
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { number: string }).number;
  };
  incidentA = await incident('Berichten van A komen niet aan', OIN_A);
  incidentB = await incident('Storing bij B (vertrouwelijk)', OIN_B);
  // A (3,000) and B (2,000) in the same hour at 4,000 an hour: one conflict for the case file.
  ({ conflictId } = await conflictSeed(t, who.capacity, {
    day: day(3).dutch,
    windows: [
      { by: who.plannerB, kenmerk: 'B-1', omschrijving: 'Aanslagen', aantalBerichten: 2000, status: 'concept' },
      { by: who.plannerA, kenmerk: 'A-1', omschrijving: 'Voorlopige aanslag', aantalBerichten: 3000 },
    ],
  }));
  // What A and B really sent two hours ago, when neither had announced anything: the report's reliability section.
  const hour = `${new Date(Math.floor(e2eNowMs() / 3600_000) * 3600_000 - 2 * 3600_000).toISOString().slice(0, 16)}+00:00`;
  const actuals = await t.app.request('/api/v1/actuals', {
    method: 'POST',
    headers: { ...who.capacity.headers, 'Content-Type': 'text/csv' },
    body: `oin;uur;aantal\n${OIN_A};${hour};1.500\n${OIN_B};${hour};700\n`,
  });
  expect(actuals.status).toBe(201);
  e2e = await e2eStart({ t, who });
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  expect(e2e?.errors).toEqual([]);
});

describe('service requests in Chromium', () => {
  it('files a catalogue request with its working-day deadline and a free one without a term; a bad field is refused and stores nothing', async () => {
    const page = await pageAs(who.plannerA);
    await nav(page, 'Serviceverzoeken');
    await page.getByRole('heading', { name: 'Serviceverzoeken', level: 1 }).waitFor();
    await page.getByLabel('Verzoek uit de catalogus').selectOption('testaccounts');
    const preview = await page.getByTestId('sr-deadline-preview').textContent();
    expect(preview).toContain(`uiterlijk ${dutchDate(workingDaysAdd(e2eNowMs(), 5) - 1)}, einde dag`);

    await page.getByLabel('Aantal').fill('0');
    await page.getByLabel('Omgeving').selectOption('acceptatie');
    await page.getByLabel('Toelichting', { exact: true }).fill('Voor de ketentest van maart');
    await page.getByRole('button', { name: 'Verzoek indienen' }).click();
    await page.getByText('Minstens 1.').waitFor();
    expect((await t.sql`select id from service_requests`).length).toBe(0);

    await page.getByLabel('Aantal').fill('3');
    await page.getByRole('button', { name: 'Verzoek indienen' }).click();
    await page.getByText(/Serviceverzoek #\d+ \(Testaccounts aanvragen\) is ingediend/).waitFor();
    const [stored] = await t.sql<{ id: number; filedAt: Date; fields: unknown; afnemerOin: string }[]>`
      select id::int, filed_at, fields, afnemer_oin from service_requests where catalogue_item = 'testaccounts'`;
    expect(stored).toMatchObject({ afnemerOin: OIN_A, fields: { aantal: 3, omgeving: 'acceptatie', toelichting: 'Voor de ketentest van maart' } });
    const row = page.locator(`tr[data-service-request="${stored!.id}"]`);
    expect(await row.getByTestId('sr-deadline').textContent()).toBe(`uiterlijk ${dutchDate(workingDaysAdd(stored!.filedAt.getTime(), 5) - 1)} (5 werkdagen)`);

    await page.getByLabel('Vrij verzoek').check();
    await page.getByLabel('Onderwerp').fill('Hogere limiet in december');
    await page.getByLabel('Omschrijving').fill('Kan de limiet per uur tijdelijk omhoog?');
    await page.getByRole('button', { name: 'Verzoek indienen' }).click();
    await page.getByText(/\(Hogere limiet in december\) is ingediend/).waitFor();
    const [free] = await t.sql<{ id: number }[]>`select id::int from service_requests where kind = 'vrij'`;
    expect(await page.locator(`tr[data-service-request="${free!.id}"]`).getByTestId('sr-deadline').textContent()).toBe('geen vaste termijn');
    await expectAccessible(page, 'diensten-01-planner-serviceverzoeken');
  });

  it('lets the service manager take a request on, and shows another Afnemer none of them', async () => {
    const page = await pageAs(who.service);
    await nav(page, 'Serviceverzoeken');
    expect(await page.getByRole('heading', { name: 'Nieuw serviceverzoek' }).count()).toBe(0);
    const [r] = await t.sql<{ id: number }[]>`select id::int from service_requests where kind = 'vrij'`;
    await page.getByRole('button', { name: `In behandeling nemen #${r!.id}` }).click();
    await page.locator(`tr[data-service-request="${r!.id}"]`).getByTestId('sr-status').getByText('In behandeling', { exact: true }).waitFor();
    expect((await t.sql`select status from service_requests where id = ${r!.id}`)[0]!.status).toBe('in-behandeling');

    const other = await pageAs(who.plannerB);
    await nav(other, 'Serviceverzoeken');
    await other.getByText('Er zijn geen serviceverzoeken.').waitFor();
    expect(await other.getByText('Hogere limiet in december').count()).toBe(0);
  });
});

describe('fraud reports in Chromium', () => {
  let reference = '';

  it('gives the reporter a receipt with a reference and nothing more', async () => {
    const page = await pageAs(who.plannerA);
    await nav(page, 'Fraude melden');
    await page.getByLabel('Wat hebt u gezien?').fill(FRAUD_TEXT);
    await page.getByLabel(/Hoge prioriteit/).check();
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    const receipt = await page.getByTestId('fraud-receipt').textContent();
    reference = /FRD-\d{4}-\d+/.exec(receipt ?? '')![0];
    const [row] = await t.sql<{ description: string; highPriority: boolean; afnemerOin: string }[]>`
      select description, high_priority, afnemer_oin from fraud_reports where reference = ${reference}`;
    expect(row).toEqual({ description: FRAUD_TEXT, highPriority: true, afnemerOin: OIN_A });
    await page.reload();
    await page.locator(`tr[data-fraud="${reference}"]`).waitFor();
    expect(await page.getByText(FRAUD_TEXT).count()).toBe(0);
    await expectAccessible(page, 'diensten-02-planner-fraude-melden');
  });

  it('lands the Fraudeteam on its own home page with the whole report, and records that it starts an investigation', async () => {
    const page = await pageAs(fraudeteam);
    await page.getByRole('heading', { name: 'Fraudemeldingen', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const row = page.locator(`tr[data-fraud="${reference}"]`);
    await row.getByText(FRAUD_TEXT).waitFor();
    expect(await row.getByText('hoog', { exact: true }).count()).toBe(1);
    await row.getByRole('button', { name: `Onderzoek starten ${reference}` }).click();
    await row.getByTestId('fraud-status').getByText('In onderzoek').waitFor();
    expect((await t.sql`select status from fraud_reports where reference = ${reference}`)[0]!.status).toBe('in-onderzoek');
    await expectAccessible(page, 'diensten-03-fraudeteam-home');
  });
});

describe('disruption analyses in Chromium', () => {
  it('lets a planner request an analysis after a P1 (not without a description), and the incident manager write it on the template', async () => {
    const planner = await pageAs(who.plannerA);
    await nav(planner, 'Verstoringsanalyses');
    const form = planner.locator('form').filter({ has: planner.getByRole('button', { name: 'Analyse aanvragen' }) });
    await form.getByLabel('Verstoring (incident)').locator('option', { hasText: incidentA }).waitFor({ state: 'attached' });
    const options = await form.getByLabel('Verstoring (incident)').locator('option').allTextContents();
    expect(options.some((o) => o.startsWith(incidentA))).toBe(true);
    expect(options.some((o) => o.startsWith(incidentB))).toBe(false);
    await form.getByLabel('Verstoring (incident)').selectOption({ label: options.find((o) => o.startsWith(incidentA))! });
    await form.getByLabel('Datum verstoring').fill(day(0).iso);
    await form.getByLabel('Contactpersoon', { exact: true }).fill('Jan Jansen');
    await form.getByRole('button', { name: 'Analyse aanvragen' }).click();
    await form.getByText('Omschrijf de verstoring.').waitFor();
    expect((await t.sql`select id from disruption_analyses`).length).toBe(0);
    await form.getByLabel('Omschrijving').fill('Berichten kwamen twee uur te laat aan.');
    await form.getByRole('button', { name: 'Analyse aanvragen' }).click();
    await planner.getByText(`De verstoringsanalyse voor ${incidentA} is aangevraagd.`).waitFor();
    const [a] = await t.sql<{ id: number; contactEmail: string; requestedBy: string }[]>`select id::int, contact_email, requested_by from disruption_analyses`;
    expect(a).toMatchObject({ contactEmail: 'planner@a.example', requestedBy: 'afnemer' });
    await planner.locator(`tr[data-analysis="${a!.id}"]`).getByText('Aangevraagd, nog niet opgeleverd').waitFor();
    await expectAccessible(planner, 'diensten-04-planner-verstoringsanalyse');

    const manager = await pageAs(incidentManager);
    await nav(manager, 'Verstoringsanalyses');
    await manager.getByRole('button', { name: `Analyse schrijven ${incidentA}` }).click();
    const write = manager.getByRole('form', { name: `Verstoringsanalyse ${incidentA}` });
    await write.getByLabel('Huidige status van de verstoring').fill('Verholpen');
    await write.getByLabel('Oorzaak').fill('Een volle wachtrij na een release.');
    await write.getByLabel('Incidentele oplossing').fill('Wachtrij handmatig geleegd.');
    await write.getByLabel('Structurele oplossing').fill('Alarm op de wachtrijlengte.');
    await expectAccessible(manager, 'diensten-05-incidentmanager-analyse-schrijven');
    await write.getByRole('button', { name: 'Analyse opleveren' }).click();
    await manager
      .locator(`tr[data-analysis="${a!.id}"]`)
      .getByText(/^Opgeleverd /)
      .waitFor();
    const [done] = await t.sql<{ cause: string; delivered: boolean }[]>`
      select analysis->>'cause' as cause, delivered_at is not null as delivered from disruption_analyses where id = ${a!.id}`;
    expect(done).toEqual({ cause: 'Een volle wachtrij na een release.', delivered: true });

    await planner.reload();
    await planner.getByRole('button', { name: `Analyse tonen ${incidentA}` }).click();
    await planner.getByTestId('analysis-view').getByText('Een volle wachtrij na een release.').waitFor();
  });
});

describe('contacts (Bijlage 1) in Chromium', () => {
  it("lets a planner keep its own Afnemer's contacts and Logius its own, refuses a bad e-mail, and shows another Afnemer only Logius' contacts", async () => {
    const page = await pageAs(who.plannerA);
    await nav(page, 'Contacten');
    await page.getByRole('button', { name: 'Contact toevoegen' }).click();
    const form = page.getByRole('form', { name: 'Contact toevoegen' });
    await form.getByLabel('Naam').fill('Petra Planning');
    await form.getByLabel('E-mail').fill('geen-adres');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.getByText('Vul een geldig e-mailadres in.').waitFor();
    expect((await t.sql`select id from contacts where name = 'Petra Planning'`).length).toBe(0);
    await form.getByLabel('E-mail').fill('petra@a.example');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('rowheader', { name: 'Petra Planning' }).waitFor();
    const [c] = await t.sql<{ afnemerOin: string; role: string }[]>`select afnemer_oin, role from contacts where name = 'Petra Planning'`;
    expect(c).toEqual({ afnemerOin: OIN_A, role: 'planning' });
    await expectAccessible(page, 'diensten-06-planner-contacten');

    // Logius keeps its own list: the service manager adds the Servicecentrum, which every Afnemer then sees.
    const logius = await pageAs(who.service);
    await nav(logius, 'Contacten');
    await logius.getByRole('rowheader', { name: 'Petra Planning' }).waitFor();
    await logius.getByRole('button', { name: 'Contact toevoegen' }).click();
    const logiusForm = logius.getByRole('form', { name: 'Contact toevoegen' });
    await logiusForm.getByLabel('Functie of rol').selectOption('servicecentrum');
    await logiusForm.getByLabel('Naam').fill('Servicecentrum Logius');
    await logiusForm.getByLabel('Telefoon').fill('0900-5554555');
    await logiusForm.getByRole('button', { name: 'Opslaan' }).click();
    await logius.getByRole('rowheader', { name: 'Servicecentrum Logius' }).waitFor();
    expect(await t.sql`select afnemer_oin, role from contacts where name = 'Servicecentrum Logius'`).toEqual([{ afnemerOin: null, role: 'servicecentrum' }]);

    const other = await pageAs(who.plannerB);
    await nav(other, 'Contacten');
    await other.getByRole('heading', { name: 'Contactgegevens', level: 1 }).waitFor();
    const logiusRow = other.locator('tr', { has: other.getByRole('rowheader', { name: 'Servicecentrum Logius' }) });
    await logiusRow.waitFor();
    expect(await logiusRow.getByRole('button').count()).toBe(0);
    expect(await other.getByText('Petra Planning').count()).toBe(0);
  });
});

describe('the service report in Chromium', () => {
  it('gives an Afnemer its own part with its incidents and analyses, links the usage XLSX, and creates and revokes the calendar feed', async () => {
    const page = await pageAs(who.plannerA);
    await nav(page, 'Rapportage');
    await page.goto(`${e2e.server.url}/rapportage?van=${day(-1).iso}&tot=${day(1).iso}`);
    await page.getByTestId('report-scope').getByText('Deel van Afnemer A.').waitFor();
    const incidents = page.getByTestId('report-incidents');
    await incidents.getByText(incidentA).waitFor();
    expect(await page.getByText(incidentB).count()).toBe(0);
    expect(await page.getByText('Storing bij B (vertrouwelijk)').count()).toBe(0);
    await page.getByTestId('report-analyses').getByText(incidentA).waitFor();
    const accuracy = page.getByTestId('report-accuracy');
    await accuracy.getByRole('cell', { name: 'Afnemer A' }).waitFor();
    expect(await accuracy.getByRole('row').count()).toBe(2);
    expect(await accuracy.getByText('Afnemer B').count()).toBe(0);
    expect(await accuracy.getByRole('cell', { name: '1.500' }).count()).toBe(1);

    const links = page.getByTestId('usage-links').getByRole('link');
    expect(await links.count()).toBe(4);
    const href = new URL((await links.first().getAttribute('href'))!, e2e.server.url);
    expect(href.pathname).toBe('/api/v1/reports/usage.xlsx');
    expect(href.searchParams.get('quarter')).toBe('1');
    expect(href.searchParams.get('afnemer')).toBeNull();
    const xlsx = await page.request.get(href.href);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

    await page.getByRole('button', { name: 'Agendafeed maken' }).click();
    const url = await page.getByTestId('feed-url').textContent();
    expect(url).toMatch(/\/api\/v1\/calendar-feeds\/cdf_[\w-]+\.ics$/);
    const feeds = () => t.sql<{ revoked: boolean }[]>`select revoked_at is not null as revoked from calendar_feeds where user_id = ${who.plannerA.user.id}`;
    expect(await feeds()).toEqual([{ revoked: false }]);
    expect((await page.request.get(url!)).status()).toBe(200);
    await expectAccessible(page, 'diensten-07-planner-rapportage');
    await page.getByRole('button', { name: 'Agendafeed intrekken' }).click();
    await page.getByTestId('feed-status').getByText('U hebt geen agendafeed.').waitFor();
    expect(await feeds()).toEqual([{ revoked: true }]);
    expect((await page.request.get(url!)).status()).toBe(404);
  });

  it('prints the report for Logius as one document without menu or buttons, on few pages', async () => {
    const page = await pageAs(who.service);
    await page.goto(`${e2e.server.url}/rapportage?van=${day(-1).iso}&tot=${day(1).iso}`);
    await page.getByTestId('report-incidents').getByText(incidentB).waitFor();
    expect(await page.getByTestId('report-scope').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).toBe(false);
    expect(await page.locator('button:visible, a.button:visible, input:visible, select:visible').count()).toBe(0);
    expect(await page.getByText('Gebruik per kwartaal (Excel)').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Service rapportage MijnOverheid Berichtenbox' }).isVisible()).toBe(true);
    const pages = pdfPages(await page.pdf({ format: 'A4' }));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
  });

  it('prints a conflict case file without menu, buttons or chart, on at most two pages', async () => {
    const page = await pageAs(who.capacity);
    await page.goto(`${e2e.server.url}/conflicten/${conflictId}`);
    await page.getByRole('heading', { level: 1 }).getByText(String(conflictId)).waitFor();
    await page.locator('section[aria-labelledby="cf-windows"]').waitFor();
    expect(await page.locator('button:visible').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).toBe(false);
    expect(await page.locator('button:visible, a.button:visible').count()).toBe(0);
    expect(await page.locator('section[aria-labelledby="cf-windows"]').isVisible()).toBe(true);
    expect(await page.locator('section[aria-labelledby="cf-windows"]').getByText('A-1').first().isVisible()).toBe(true);
    const pages = pdfPages(await page.pdf({ format: 'A4' }));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
  });
});
