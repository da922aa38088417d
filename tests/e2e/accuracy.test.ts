// Issue 18 in Chromium: the accuracy page for Logius (every Afnemer, least reliable first, with the Excel download)
// and for a planner (only its own), on prognoses and actuals stored in the database; checked with axe.
import { actualsStore, deliveryStore, type Tx } from '@cd/db';
import { amsterdamMidnightOf } from '@cd/shared/time';
import type { Page } from 'playwright-core';
import { e2eNow, e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { OIN_A, OIN_B, type TestContext, type StandardActors } from '../helpers/test-db.js';

const HOUR_MS = 3_600_000;

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;

beforeAll(async () => {
  ({ t, who } = await e2eDatabase({ testClock: true }));
  // Two days ago at midday (Amsterdam; 11:00 or 13:00 on a DST day): A announced 2,000 messages over two hours and sent
  // exactly that; B sent 500 unannounced. Midday, so the two hours lie in one day and thus in one week, month and
  // quarter whatever the instant (48 hours before Tuesday 00:50 they spanned Sunday and Monday: two week rows).
  const base = amsterdamMidnightOf(e2eNowMs(), -2) + 12 * HOUR_MS;
  await t.sql.begin(async (tx: Tx) => {
    await deliveryStore(tx, {
      afnemerOin: OIN_A,
      userId: who.plannerA.user.id,
      fileName: null,
      contentType: 'application/json',
      windows: [
        {
          afnemer: OIN_A,
          kenmerk: 'A-1',
          omschrijving: '',
          berichttype: 'Brief',
          start: new Date(base),
          end: new Date(base + 2 * HOUR_MS),
          aantalBerichten: 2000,
          status: 'definitief',
          vroegsteStart: null,
          laatsteEind: null,
        },
      ],
      at: e2eNow(),
    });
    await actualsStore(
      tx,
      [
        { afnemer: OIN_A, hour: base, count: 1000 },
        { afnemer: OIN_A, hour: base + HOUR_MS, count: 1000 },
        { afnemer: OIN_B, hour: base, count: 500 },
      ],
      who.capacity.user.id,
      e2eNow(),
    );
  });
  e2e = await e2eStart({ t, who });
}, 120_000);

afterAll(() => e2e?.close());

const bodyRows = (page: Page) =>
  page.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '')));

describe('the accuracy page', () => {
  it('shows Logius every Afnemer, the least reliable first, with the Excel download', async () => {
    const page = await e2e.pageAs(who.capacity.user.email);
    await page.getByRole('link', { name: 'Betrouwbaarheid prognoses', exact: true }).click();
    await page.getByRole('heading', { name: 'Betrouwbaarheid van de prognoses', level: 1 }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    const rows = await bodyRows(page);
    expect(rows.map((r) => [r[1], r[2], r[7]])).toEqual([
      ['Afnemer B', '0', '100%'],
      ['Afnemer A', '100', '0%'],
    ]);
    expect(await page.getByRole('button', { name: 'Download als Excel' }).count()).toBe(1);
    await expectAccessible(page, 'betrouwbaarheid-01-logius');
    await page.close();
  });

  it('shows a planner only its own Afnemer', async () => {
    const page = await e2e.pageAs(who.plannerA.user.email);
    await page.goto(`${e2e.server.url}/betrouwbaarheid`);
    await page.locator('table tbody tr').first().waitFor();
    expect((await bodyRows(page)).map((r) => r[1])).toEqual(['Afnemer A']);
    await page.getByLabel('Periode').selectOption('week');
    await page.locator('table tbody tr').first().waitFor();
    expect((await bodyRows(page)).map((r) => [r[1], r[2]])).toEqual([['Afnemer A', '100']]);
    await page.close();
    expect(e2e.errors).toEqual([]);
  });
});
