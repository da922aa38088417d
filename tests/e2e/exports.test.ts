// "Download als Excel" (decision 013) in Chromium: for each table, the downloaded file is opened with a real XLSX
// reader (exceljs) and compared, cell by cell, with what the table shows at that moment, filters included.
import { readFile } from 'node:fs/promises';
import { AMSTERDAM_TIME_ZONE, DAY_MS } from '@cd/shared/time';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { dutchCsv } from '../helpers/files.js';
import { actor, type Actor, apiRequest, OIN_A, type TestContext, type StandardActors } from '../helpers/test-db.js';
import { capacityFlat } from '../helpers/conflict-seed.js';

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;

function day(days: number) {
  const [d, m, y] = new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(e2eNowMs() + days * DAY_MS))
    .split(/[-/]/);
  return `${d}-${m}-${y}`;
}

async function pageAs(a: Actor): Promise<Page> {
  const page = await e2e.pageAs(a.user.email);
  page.setDefaultTimeout(8000);
  return page;
}

/** The little of the DOM these callbacks use (the tests compile without the DOM library). */
interface DomNode {
  innerText: string;
  cells: Iterable<DomNode>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  style: { setProperty(name: string, value: string, priority: string): void };
  querySelectorAll(selector: string): Iterable<DomNode>;
}

/** What the panel's tables show: heads of the first, body rows of all; each cell's rendered text without its buttons. */
function shownInPanel(panel: Locator) {
  return panel.evaluate((root) => {
    const el = root as unknown as DomNode;
    const text = (cell: DomNode, inHead = false) => {
      const hide = [...cell.querySelectorAll(inHead ? '[aria-hidden="true"]' : 'button, [aria-hidden="true"]')];
      const before = hide.map((x) => x.getAttribute('style'));
      for (const x of hide) x.style.setProperty('display', 'none', 'important');
      const s = cell.innerText;
      hide.forEach((x, i) => (before[i] === null ? x.removeAttribute('style') : x.setAttribute('style', before[i]!)));
      return s.replace(/\s+/g, ' ').trim();
    };
    const tables = [...el.querySelectorAll('table')];
    const heads = [...tables[0]!.querySelectorAll('thead tr:last-child th')].map((h) => text(h, true));
    const rows = tables.flatMap((tb) => [...tb.querySelectorAll('tbody tr')].map((r) => [...r.cells].map((c) => text(c))));
    return { heads, rows };
  });
}

/** Clicks the panel's "Download als Excel" and reads the file: sheet 1 as texts (a number as Dutch text), and the filters. */
async function download(page: Page, panel: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: /^Download als Excel/ }).click()]);
  const wb = new ExcelJS.Workbook();
  const bytes = await readFile((await file.path())!);
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const [sheet, about] = wb.worksheets;
  const cell = (v: ExcelJS.CellValue) =>
    typeof v === 'number' ? v.toLocaleString('nl-NL', { maximumFractionDigits: 20 }) : v === null || v === undefined ? '' : String(v);
  const rows: string[][] = [];
  sheet!.eachRow({ includeEmpty: true }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet!.columnCount; c++) values.push(cell(row.getCell(c).value));
    rows.push(values);
  });
  return { name: file.suggestedFilename(), rows, filters: String(about!.getCell('B2').value), count: about!.getCell('B3').value };
}

/** The shown table without the columns that hold only buttons (their head hidden or empty, their cells empty). */
function withoutButtonColumns(shown: { heads: string[]; rows: string[][] }, fileHeads: string[]) {
  const keep = shown.heads.map((h, i) => fileHeads.includes(h) && !(h === '' && shown.rows.every((r) => !r[i])));
  return { heads: shown.heads.filter((_, i) => keep[i]), rows: shown.rows.map((r) => r.filter((_, i) => keep[i])) };
}

async function expectSameAsShown(page: Page, panel: Locator) {
  const shown = await shownInPanel(panel);
  const file = await download(page, panel);
  const [heads, ...rows] = file.rows;
  const expected = withoutButtonColumns(shown, heads!);
  expect(heads).toEqual(expected.heads);
  expect(rows).toEqual(expected.rows);
  expect(file.count).toBe(expected.rows.length);
  return file;
}

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  await capacityFlat(t, who.capacity);
  const d = day(3);
  const e = day(4);
  for (const [a, rows] of [
    [who.plannerB, [`B-1;Aanslagen;Brief;${d} 10:00;${d} 11:00;2.000;concept`]],
    [
      who.plannerA,
      [
        `A-1;Voorlopige aanslag;Brief;${d} 10:00;${d} 11:00;3.000;definitief`,
        `A-2;Herinnering;Brief;${e} 08:00;${e} 09:00;1.250;concept`,
        `A-3;=HYPERLINK("x");Brief;${e} 12:00;${e} 13:00;100;definitief`,
      ],
    ],
  ] as const) {
    const res = await t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv([...rows]) });
    expect(res.status).toBe(201);
  }
  const incidentManager = await actor(t.sql, 'incident@logius.example', 'incident-manager');
  expect(
    (
      await apiRequest(t.app, 'POST', '/api/v1/incidents', incidentManager, {
        kind: 'mijnoverheid',
        title: 'Trage Berichtenbox',
        channel: 'telefoon',
        priority: 'P2',
        afnemers: [OIN_A],
      })
    ).status,
  ).toBe(201);
  expect((await apiRequest(t.app, 'PUT', `/api/v1/users/${who.plannerA.user.id}/rfc-permission`, who.admin, { mayFileRfc: true })).status).toBe(200);
  expect((await apiRequest(t.app, 'POST', '/api/v1/rfcs', who.plannerA, { kind: 'niet-standaard', title: 'Nieuwe notificatiemail' })).status).toBe(201);
  e2e = await e2eStart({ t, who });
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  expect(e2e?.errors).toEqual([]);
});

describe('Download als Excel', () => {
  it("holds exactly the planner's windows as the filtered table shows them, with the filter written down (and a formula as text)", async () => {
    const page = await pageAs(who.plannerA);
    await page.goto(`${e2e.server.url}/verzendmomenten`);
    const panel = page.locator('section[aria-labelledby="windows-list-title"]');
    await panel.locator('tbody tr', { hasText: 'A-3' }).first().waitFor();
    const all = await expectSameAsShown(page, panel);
    expect(all.rows).toHaveLength(4);
    expect(all.rows.flat()).toContain('A-3 =HYPERLINK("x")');
    expect(all.name).toBe('verzendmomenten.xlsx');

    await panel.getByLabel('Status').selectOption('definitief');
    await panel.locator('tbody tr', { hasText: 'A-2' }).waitFor({ state: 'detached' });
    const filtered = await expectSameAsShown(page, panel);
    expect(filtered.rows.slice(1).map((r) => r[0])).toEqual(['A-1', 'A-3'].map((k) => expect.stringContaining(k)));
    expect(filtered.filters).toContain('Status: Definitief');
    await expectAccessible(page, 'export-01-planner-verzendmomenten');
  });

  it('holds the conflicts of every step group, the open incidents and the RFCs as shown to Logius', async () => {
    const page = await pageAs(who.capacity);
    await page.goto(`${e2e.server.url}/conflicten`);
    const conflicts = page.locator('section[aria-labelledby="conflicts-list-title"]');
    await conflicts.locator('tr[data-conflict-id]').first().waitFor();
    const c = await expectSameAsShown(page, conflicts);
    const open = (await t.sql<{ n: number }[]>`select count(*)::int as n from conflicts where status = 'open'`)[0]!.n;
    expect(open).toBeGreaterThan(0);
    expect(c.rows.length).toBeGreaterThanOrEqual(1);

    await page.goto(`${e2e.server.url}/incidenten`);
    const incidents = page.locator('section[aria-labelledby="open-incidents-title"]');
    await incidents.getByText('Trage Berichtenbox').waitFor();
    const i = await expectSameAsShown(page, incidents);
    expect(i.rows.filter((r) => r.join(' ').includes('Trage Berichtenbox'))).toHaveLength(1);

    await page.goto(`${e2e.server.url}/wijzigingen`);
    const rfcs = page.locator('section[aria-labelledby="rfcs-title"]');
    await rfcs.getByText('Nieuwe notificatiemail').waitFor();
    const r = await expectSameAsShown(page, rfcs);
    expect(r.rows.filter((row) => row.join(' ').includes('Nieuwe notificatiemail'))).toHaveLength(1);
  });

  it('holds the load table of the chart once it is opened', async () => {
    const page = await pageAs(who.capacity);
    await page.goto(`${e2e.server.url}/overzicht`);
    await page.getByText('Toon de gegevens als tabel').first().click();
    const details = page.locator('details.table-details[open]').first();
    await details.locator('table tbody tr').first().waitFor();
    const panel = page.locator('section', { has: details }).first();
    const shown = await shownInPanel(details);
    const file = await download(page, panel);
    const [heads, ...rows] = file.rows;
    expect(heads).toEqual(shown.heads);
    expect(rows).toEqual(shown.rows);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('holds the notifications as the list shows them', async () => {
    const page = await pageAs(who.plannerA);
    await page.goto(`${e2e.server.url}/meldingen`);
    const panel = page.locator('section[aria-labelledby="notifications-list-title"]');
    await panel.locator('li').first().waitFor();
    const shown = await panel
      .locator('li')
      .evaluateAll((items) =>
        items.map((li) => [...(li as unknown as DomNode).querySelectorAll('p')].slice(0, 3).map((p) => p.innerText.replace(/\s+/g, ' ').trim())),
      );
    const file = await download(page, panel);
    expect(file.rows[0]).toEqual(['Melding', 'Toelichting', 'Tijdstip']);
    expect(file.rows.slice(1)).toEqual(shown);
  });
});
