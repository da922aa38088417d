// Issue 18 in the web, in Chromium: the load chart draws the actual messages beside the planned stack with the
// unannounced part hatched (legend and table too), the capacity manager sees score trends, and a planner sees only
// its own misses. Data like the demo's: a campaign 30% over, messages an hour late, unannounced runs.
import { readFile } from 'node:fs/promises';
import { actualsStore, deliveryStore, type Tx } from '@cd/db';
import ExcelJS from 'exceljs';
import { e2eNow, e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { OIN_A, OIN_B, type TestContext, type StandardActors } from '../helpers/test-db.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;
// Three days ago, on a whole hour.
const base = Math.floor(e2eNowMs() / HOUR_MS) * HOUR_MS - 3 * DAY_MS;
/** The Amsterdam date of an instant, yyyy-mm-dd. */
const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(ms);

const windowOf = (kenmerk: string, start: number, hours: number, aantalBerichten: number) => ({
  afnemer: OIN_A,
  kenmerk,
  omschrijving: '',
  berichttype: 'Brief',
  start: new Date(start),
  end: new Date(start + hours * HOUR_MS),
  aantalBerichten,
  status: 'definitief' as const,
  vroegsteStart: null,
  laatsteEind: null,
});

beforeAll(async () => {
  ({ t, who } = await e2eDatabase({ testClock: true }));
  await t.sql.begin(async (tx: Tx) => {
    await deliveryStore(tx, {
      afnemerOin: OIN_A,
      userId: who.plannerA.user.id,
      fileName: null,
      contentType: 'application/json',
      // Five weeks earlier on the dot (an earlier month, so the trend has two points), now 30% over and late.
      windows: [windowOf('A-0', base - 35 * DAY_MS, 1, 1000), windowOf('A-1', base, 2, 2000)],
      at: e2eNow(),
    });
    await actualsStore(
      tx,
      [
        { afnemer: OIN_A, hour: base - 35 * DAY_MS, count: 1000 },
        { afnemer: OIN_A, hour: base, count: 1300 },
        { afnemer: OIN_A, hour: base + HOUR_MS, count: 1300 },
        { afnemer: OIN_A, hour: base + 3 * HOUR_MS, count: 500 },
        { afnemer: OIN_A, hour: base + 40 * HOUR_MS, count: 300 },
        { afnemer: OIN_B, hour: base + 10 * HOUR_MS, count: 400 },
      ],
      who.capacity.user.id,
      e2eNow(),
    );
  });
  e2e = await e2eStart({ t, who });
}, 120_000);

afterAll(() => e2e?.close());

describe('the load chart with actuals', () => {
  it('draws the actual line and the hatched unannounced part, with legend entries and table columns', async () => {
    const page = await e2e.pageAs(who.capacity.user.email);
    await page.goto(`${e2e.server.url}/?van=${day(base - DAY_MS)}&tot=${day(base + 3 * DAY_MS)}`);
    const line = page.locator('.load-actual__line');
    await line.waitFor({ state: 'attached' });
    // A path with at least the campaign's buckets, and unannounced bars (A late, A's evening run, B).
    expect(((await line.getAttribute('d')) ?? '').split('H').length).toBeGreaterThan(10);
    const bars = (await page.locator('.load-actual__unannounced').getAttribute('d')) ?? '';
    expect(bars.match(/Z/g)?.length).toBeGreaterThanOrEqual(3);
    const legend = page.getByRole('list', { name: /Legenda/ });
    await legend.getByText('Werkelijk verzonden').waitFor();
    expect(await legend.getByText('Werkelijk verzonden').count()).toBe(1);
    expect(await legend.getByText('Waarvan onaangekondigd').count()).toBe(1);
    await expectAccessible(page, 'belasting-werkelijk-01-logius');

    await page.getByText('Toon de gegevens als tabel').click();
    const table = page.locator('.table-details table');
    await table.getByRole('columnheader', { name: 'Werkelijk verzonden' }).waitFor();
    const heads = await table.locator('thead th').allTextContents();
    const [iActual, iUnannounced] = [heads.indexOf('Werkelijk verzonden'), heads.indexOf('Waarvan onaangekondigd')];
    const cells = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent?.trim() ?? '')));
    // 15-minute buckets: 1,300 an hour is 325 a quarter; the late hour's 500 is 125 a quarter, all unannounced.
    expect(cells.filter((r) => r[iActual] === '325')).toHaveLength(8);
    expect(cells.filter((r) => r[iActual] === '125' && r[iUnannounced] === '125')).toHaveLength(4);
    expect(cells.filter((r) => r[iUnannounced] === '100')).toHaveLength(4); // B's 400 unannounced
    await page.close();
  });

  it('shows a planner only its own actuals', async () => {
    const page = await e2e.pageAs(who.plannerB.user.email);
    await page.goto(`${e2e.server.url}/?van=${day(base - DAY_MS)}&tot=${day(base + 3 * DAY_MS)}`);
    await page.locator('.load-actual__line').waitFor({ state: 'attached' });
    await page.getByText('Toon de gegevens als tabel').click();
    const table = page.locator('.table-details table');
    await table.getByRole('columnheader', { name: 'Werkelijk verzonden' }).waitFor();
    const heads = await table.locator('thead th').allTextContents();
    const i = heads.indexOf('Werkelijk verzonden');
    const values = await table.locator('tbody tr').evaluateAll((rows, col) => rows.map((r) => r.children[col]?.textContent?.trim() ?? ''), i);
    expect(values.filter((v) => v !== '0' && v !== '–')).toEqual(['100', '100', '100', '100']);
    await page.close();
  });
});

describe('the accuracy page', () => {
  it('gives the capacity manager a trend per Afnemer: a sparkline, an arrow and the scores in words', async () => {
    const page = await e2e.pageAs(who.capacity.user.email);
    await page.goto(`${e2e.server.url}/betrouwbaarheid`);
    await page.getByTestId('accuracy-trend').first().waitFor();
    const rowA = page.locator('table tbody tr', { hasText: 'Afnemer A' }).first();
    const trend = rowA.getByTestId('accuracy-trend');
    expect(await trend.locator('svg circle').count()).toBe(2);
    expect(await trend.locator('.trend__arrow').textContent()).toBe('↓');
    // What the Excel download takes from the cell: the cell as rendered, without the decorative marks.
    const text = await trend.locator('.visually-hidden').innerText();
    // A period without data shows –; the current one is empty just after the turn of a week or month in Amsterdam.
    expect(text).toMatch(/^(– · )*100 · (– · )*\d+( · –)* \(dalend\)$/);
    // The Excel download carries the trend: its column, and A's scores and direction in A's latest row.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download als Excel' }).click()]);
    const wb = new ExcelJS.Workbook();
    const bytes = await readFile((await file.path())!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const values = (r: number) => Array.from({ length: sheet.columnCount }, (_, c) => String(sheet.getRow(r).getCell(c + 1).value ?? ''));
    const heads = values(1);
    const col = heads.findIndex((h) => h.startsWith('Trend'));
    expect(col).toBeGreaterThan(0);
    const rowsA = Array.from({ length: sheet.rowCount - 1 }, (_, i) => values(i + 2)).filter((r) => r.includes('Afnemer A'));
    expect(rowsA[0]![col]).toBe(text);
    expect(await page.getByRole('heading', { name: 'Waar uw prognoses misten' }).count()).toBe(0);
    await page.close();
  });

  it('lets the capacity manager choose an Afnemer and see where its prognoses missed, the same rows its planner sees', async () => {
    const page = await e2e.pageAs(who.capacity.user.email);
    await page.goto(`${e2e.server.url}/betrouwbaarheid`);
    await page.getByRole('heading', { name: 'Waar de prognoses van een Afnemer misten' }).waitFor();
    // Nothing is shown until an Afnemer is chosen.
    expect(await page.getByTestId('accuracy-misses').count()).toBe(0);
    const select = page.getByLabel('Afnemer', { exact: true });
    await page.getByTestId('accuracy-trend').first().waitFor();
    expect(await select.locator('option').allTextContents()).toEqual(['Kies een Afnemer …', 'Afnemer A', 'Afnemer B']);
    await select.selectOption({ label: 'Afnemer A' });
    const misses = page.getByTestId('accuracy-misses');
    await misses.first().waitFor();
    expect(await misses.locator('tbody th').allTextContents()).toEqual(['Venster A-1', 'Onaangekondigd verzonden']);
    await select.selectOption({ label: 'Afnemer B' });
    await expect.poll(() => misses.locator('tbody th').allTextContents()).toEqual(['Onaangekondigd verzonden']);
    // The score table above still lists every Afnemer.
    expect(await page.locator('table tbody tr', { hasText: 'Afnemer A' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'betrouwbaarheid-missers-logius');
    await page.close();
  });

  it('shows planner A its own misses with a picture per hour, and planner B only its own', async () => {
    const a = await e2e.pageAs(who.plannerA.user.email);
    await a.goto(`${e2e.server.url}/betrouwbaarheid`);
    await a.getByRole('heading', { name: 'Waar uw prognoses misten' }).waitFor();
    const misses = a.getByTestId('accuracy-misses');
    await misses.first().waitFor();
    const rows = await misses.locator('tbody th').allTextContents();
    expect(rows).toEqual(['Venster A-1', 'Onaangekondigd verzonden']);
    const picture = misses.getByRole('img').first();
    expect(await picture.getAttribute('aria-label')).toContain('aangekondigd 1.000, 1.000, 0');
    expect(await picture.getAttribute('aria-label')).toContain('werkelijk 1.300, 1.300, 0, 500');
    await expectAccessible(a, 'betrouwbaarheid-missers-planner');
    await a.close();

    const b = await e2e.pageAs(who.plannerB.user.email);
    await b.goto(`${e2e.server.url}/betrouwbaarheid`);
    await b.getByTestId('accuracy-misses').first().waitFor();
    expect(await b.getByTestId('accuracy-misses').locator('tbody th').allTextContents()).toEqual(['Onaangekondigd verzonden']);
    expect(await b.getByText('A-1').count()).toBe(0);
    await b.close();
    expect(e2e.errors).toEqual([]);
  });
});
