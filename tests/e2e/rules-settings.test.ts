// Issue 17 in Chromium: the subscriptions page (and Logius' notices), the administrator's settings page with its
// history, and the Afnemer's usage targets form; each checked with axe and against the database.
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { dutchCsv } from '../helpers/files.js';
import { OIN_A, OIN_B, type TestContext, type StandardActors } from '../helpers/test-db.js';

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  e2e = await e2eStart({ t, who });
}, 120_000);

afterAll(() => e2e?.close());

describe('the subscriptions page', () => {
  it('lets a planner subscribe to maintenance notices and unsubscribe again', async () => {
    const page = await e2e.pageAs(who.plannerA.user.email);
    await page.getByRole('link', { name: 'Abonnementen', exact: true }).click();
    await page.getByRole('heading', { name: 'Abonnementen', level: 1 }).waitFor();
    // A planner has no notices to send.
    expect(await page.getByRole('heading', { name: 'Berichten aan abonnees' }).count()).toBe(0);
    await expectAccessible(page, 'abonnementen-01-planner');

    await page.getByRole('button', { name: 'Aanmelden Onderhoudsmeldingen', exact: true }).click();
    await page.getByText('U bent aangemeld voor onderhoudsmeldingen.').waitFor();
    expect(await t.sql`select kind from notice_subscriptions where user_id = ${who.plannerA.user.id}`).toEqual([{ kind: 'onderhoud' }]);
    expect(await page.locator('[data-subscription="onderhoud"] [data-testid="subscription-state"]').textContent()).toMatch(/^aangemeld sinds/);
    await expectAccessible(page, 'abonnementen-02-aangemeld');

    await page.getByRole('button', { name: 'Afmelden Onderhoudsmeldingen', exact: true }).click();
    await page.getByText('U bent afgemeld voor onderhoudsmeldingen.').waitFor();
    expect(await t.sql`select kind from notice_subscriptions where user_id = ${who.plannerA.user.id}`).toEqual([]);
    await page.close();
  });

  it('lets Logius withhold a disruption notice with a reason, and shows it in the list', async () => {
    await t.sql`insert into notice_subscriptions (user_id, kind, created_at) values (${who.plannerB.user.id}, 'storing', now())`;
    const page = await e2e.pageAs(who.capacity.user.email);
    await page.goto(`${e2e.server.url}/abonnementen`);
    await page.getByRole('heading', { name: 'Berichten aan abonnees' }).waitFor();
    await page.getByLabel('Titel', { exact: true }).fill('Aanval op de inlogdienst');
    await page.getByLabel('Tekst', { exact: true }).fill('Details volgen.');
    await page.getByLabel('Bewust niet versturen').check();
    // Without a reason the form says what is missing and stores nothing.
    await page.getByRole('button', { name: 'Vastleggen zonder te versturen' }).click();
    await page.getByText('Leg vast waarom dit bericht bewust niet wordt verstuurd.').waitFor();
    expect(await t.sql`select id from notices`).toEqual([]);
    await page.getByLabel('Reden om niet te versturen').fill('Informatiebeveiliging: de aanval loopt nog.');
    await page.getByRole('button', { name: 'Vastleggen zonder te versturen' }).click();
    await page.getByText('Vastgelegd en niet verstuurd.').waitFor();
    expect(await t.sql`select title, withheld, withheld_reason, recipients from notices`).toEqual([
      { title: 'Aanval op de inlogdienst', withheld: true, withheldReason: 'Informatiebeveiliging: de aanval loopt nog.', recipients: 0 },
    ]);
    expect(await t.sql`select id from notifications where user_id = ${who.plannerB.user.id}`).toEqual([]);
    await expect
      .poll(() => page.locator('[data-testid="notice-status"]').first().textContent())
      .toBe('tegengehouden: Informatiebeveiliging: de aanval loopt nog.');
    await expectAccessible(page, 'abonnementen-03-logius-tegengehouden');
    await page.close();
  });
});

describe('the settings page', () => {
  it('is the administrator’s only: not in a planner’s menu, and refused when opened', async () => {
    const page = await e2e.pageAs(who.plannerA.user.email);
    expect(await page.getByRole('link', { name: 'Instellingen', exact: true }).count()).toBe(0);
    await page.goto(`${e2e.server.url}/instellingen`);
    await page.getByText('Alleen de beheerder ziet en wijzigt de instellingen.').waitFor();
    expect(await page.getByRole('button', { name: /Opslaan/ }).count()).toBe(0);
    await page.close();
  });

  it('changes the calamity threshold and shows it in the history; a bad value is refused', async () => {
    const page = await e2e.pageAs(who.admin.user.email);
    await page.getByRole('link', { name: 'Instellingen', exact: true }).click();
    await page.getByRole('heading', { name: 'Instellingen', level: 1 }).waitFor();
    await page.getByText('Nog niets gewijzigd: alle instellingen hebben hun standaardwaarde.').waitFor();
    await expectAccessible(page, 'instellingen-01-standaard');

    const threshold = page.getByLabel('Calamiteit voorstellen na (% van de oplostijd van een P1)');
    expect(await threshold.inputValue()).toBe('75');
    await threshold.fill('150');
    await page.getByRole('button', { name: 'Opslaan Calamiteitendrempel' }).click();
    await page.getByText('Geef een percentage van 5 tot en met 100.').waitFor();
    expect(await t.sql`select key from settings`).toEqual([]);

    await threshold.fill('80');
    await page
      .locator('section[aria-labelledby="settings-calamity"]')
      .getByLabel('Reden van de wijziging (optioneel)')
      .fill('Besloten in het Tactisch Overleg');
    await page.getByRole('button', { name: 'Opslaan Calamiteitendrempel' }).click();
    await page.getByText('Calamiteitendrempel opgeslagen.').waitFor();
    expect(await t.sql`select key, value from settings`).toEqual([{ key: 'calamityThreshold', value: 0.8 }]);
    const row = page.locator('tr[data-setting-change]').first();
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([expect.any(String), '75%', '80%', 'beheer@logius.example']);
    expect(await row.locator('th').textContent()).toBe('CalamiteitendrempelBesloten in het Tactisch Overleg');
    await expectAccessible(page, 'instellingen-02-gewijzigd');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.close();
  });
});

describe('the usage targets form', () => {
  it('stores a planner’s targets and communication for a quarter, and refuses a bad count', async () => {
    const page = await e2e.pageAs(who.plannerA.user.email);
    await page.getByRole('link', { name: 'Doelstellingen gebruik', exact: true }).click();
    await page.getByRole('heading', { name: 'Doelstellingen en communicatie', level: 1 }).waitFor();
    await page.getByLabel('Jaar', { exact: true }).selectOption('2027');
    await page.getByLabel('Kwartaal', { exact: true }).selectOption('1');
    await page.getByText('Voor dit kwartaal is nog niets opgegeven.').waitFor();
    await expectAccessible(page, 'doelstellingen-01-leeg');

    const quarterTarget = page.getByLabel('Doelstelling toename transacties in het kwartaal (aantal)');
    await quarterTarget.fill('-5');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByText('Geef een heel aantal van 0 of meer, of laat het leeg.').waitFor();
    expect(await t.sql`select afnemer_oin from usage_targets`).toEqual([]);

    await quarterTarget.fill('250.000');
    await page.getByLabel('Doelstelling toename transacties in het jaar (aantal)').fill('1000000');
    await page.getByRole('button', { name: 'Activiteit toevoegen' }).click();
    await page.getByLabel('Datum 1', { exact: true }).fill('2027-02-15');
    await page.getByLabel('Omschrijving 1', { exact: true }).fill('Campagne: voorlopige aanslag digitaal');
    await page.getByLabel('Verwachte toename gebruik na de communicatie').selectOption('groot');
    await page.getByLabel('Toelichting', { exact: true }).fill('Na de campagne meer inlogs.');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByText('Opgeslagen voor Q1 2027.').waitFor();
    expect(await t.sql`select afnemer_oin, year, quarter, quarter_target::int, year_target::int, activities, expected_growth, note from usage_targets`).toEqual(
      [
        {
          afnemerOin: who.plannerA.user.afnemerOin,
          year: 2027,
          quarter: 1,
          quarterTarget: 250_000,
          yearTarget: 1_000_000,
          activities: [{ date: '2027-02-15', description: 'Campagne: voorlopige aanslag digitaal' }],
          expectedGrowth: 'groot',
          note: 'Na de campagne meer inlogs.',
        },
      ],
    );
    await expectAccessible(page, 'doelstellingen-02-opgeslagen');
    const href = await page.getByRole('link', { name: 'Template (gepland) gebruik downloaden (Excel)' }).getAttribute('href');
    expect(href).toBe('/api/v1/reports/usage.xlsx?year=2027&quarter=1');
    await page.close();
    expect(e2e.errors).toEqual([]);
  });

  it('shows a planner the reliability of its own prognoses in the quarter, computed from what was really sent', async () => {
    // Two days ago in Amsterdam: 1.000 announced from 10:00 to 11:00, 1.200 sent; B sent 5.000 in that hour unannounced.
    const [d, m, y] = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' })
      .format(e2eNowMs() - 2 * 86_400_000)
      .split(/[-/]/) as [string, string, string];
    const day = `${d}-${m}-${y}`;
    const prognose = await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
      body: dutchCsv([`ACC-1;x;Brief;${day} 10:00;${day} 11:00;1.000;definitief`]),
    });
    expect(prognose.status).toBe(201);
    const actuals = await t.app.request('/api/v1/actuals', {
      method: 'POST',
      headers: { ...who.capacity.headers, 'Content-Type': 'text/csv' },
      body: `oin;uur;aantal\n${OIN_A};${day} 10:00;1.200\n${OIN_B};${day} 10:00;5.000\n`,
    });
    expect(actuals.status).toBe(201);
    const page = await e2e.pageAs(who.plannerA.user.email);
    await page.getByRole('link', { name: 'Doelstellingen gebruik', exact: true }).click();
    await page.getByLabel('Jaar', { exact: true }).selectOption(y);
    await page.getByLabel('Kwartaal', { exact: true }).selectOption(String(Math.floor((Number(m) - 1) / 3) + 1));
    const panel = page.getByTestId('usage-accuracy');
    // |1.000 - 1.200| / 1.200 wrong, nothing unannounced: round(100 × (1 - 1/6)) = 83.
    await panel.getByTestId('usage-accuracy-score').getByText('83', { exact: true }).waitFor();
    await panel.getByText('1.000 / 1.200').waitFor();
    expect(await panel.getByText('5.000').count()).toBe(0);
    await expectAccessible(page, 'doelstellingen-03-betrouwbaarheid');
    await page.close();
    expect(e2e.errors).toEqual([]);
  });
});
