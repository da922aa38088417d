import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  t.clock.now = new Date('2027-03-28T01:30:00Z');
});
afterAll(() => t.close());

const post = (a: Actor | null, body: unknown) =>
  t.app.request('/api/v1/exports/xlsx', {
    method: 'POST',
    headers: { ...(a?.headers ?? {}), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function workbook(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

describe('POST /api/v1/exports/xlsx', () => {
  it('writes the table as shown: heads, Dutch numbers as numbers, text as text (a formula stays text), and the filters on sheet 2', async () => {
    const res = await post(who.plannerA, {
      title: 'Verzendmomenten (definitief)',
      columns: ['Kenmerk', 'Aantal', 'Start', 'Opmerking'],
      rows: [
        ['A-1', '1.250.000', 'zo 28 mrt 2027 03:00', '=HYPERLINK("http://x")'],
        ['A-2', '3,5', '', '007'],
      ],
      filters: 'Status: definitief',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="verzendmomenten-definitief.xlsx"');
    const wb = await workbook(res);
    const [sheet, about] = wb.worksheets;
    expect(sheet!.name).toBe('Verzendmomenten (definitief)');
    const values = sheet!
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(values).toEqual([
      ['Kenmerk', 'Aantal', 'Start', 'Opmerking'],
      ['A-1', 1_250_000, 'zo 28 mrt 2027 03:00', '=HYPERLINK("http://x")'],
      ['A-2', 3.5, undefined, '007'],
    ]);
    expect(sheet!.getCell('D2').formula).toBeUndefined();
    expect(sheet!.getCell('D2').type).toBe(ExcelJS.ValueType.String);
    expect(about!.getCell('B2').value).toBe('Status: definitief');
    expect(about!.getCell('B3').value).toBe(2);
    expect(String(about!.getCell('B4').value)).toContain('planner@a.example');
  });

  it('writes an empty table as its heads only', async () => {
    const wb = await workbook(await post(who.service, { title: 'Conflicten', columns: ['Conflict', 'Stap'], rows: [] }));
    expect(wb.worksheets[0]!.rowCount).toBe(1);
    expect(wb.worksheets[1]!.getCell('B2').value).toBe('geen');
  });

  it('refuses bad bodies in Dutch, and anonymous callers', async () => {
    const tooWide = await post(who.plannerA, { title: 'x', columns: ['a'], rows: [['1', '2']] });
    expect(tooWide.status).toBe(400);
    expect(tooWide.headers.get('content-type')).toContain('application/problem+json');
    expect((await tooWide.json()).errors).toEqual([expect.objectContaining({ field: 'rows', message: 'Een regel heeft meer cellen dan er kolommen zijn.' })]);
    const noTitle = await (await post(who.plannerA, { title: ' ', columns: ['a'], rows: [] })).json();
    expect(noTitle.errors).toEqual([expect.objectContaining({ field: 'title', message: 'Geef de tabel een naam.' })]);
    expect((await post(who.plannerA, { title: 'x', columns: [], rows: [] })).status).toBe(400);
    expect((await post(null, { title: 'x', columns: ['a'], rows: [] })).status).toBe(401);
  });
});
