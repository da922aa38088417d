import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prognoseXlsxParse, type XlsxParseStats, zipCentralDirectoryRead } from '../server/src/lib/prognose-xlsx.js';
import { xlsxLargeFile, zipOfTexts } from './helpers/files.js';
import { standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;

/** Runs `work` while sampling heap use and the longest gap between timer ticks (a blocked event loop). */
async function watched<T>(work: () => Promise<T>): Promise<{ value: T; heapGrowth: number; longestStallMs: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let last = performance.now();
  let longestStallMs = 0;
  const tick = () => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last);
    last = now;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(tick, 5);
  try {
    const value = await work();
    tick();
    return { value, heapGrowth: peak - before, longestStallMs };
  } finally {
    clearInterval(timer);
  }
}

let huge: Buffer;
let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  huge = await xlsxLargeFile(580_000);
  t = await testDatabase();
  who = await standardActors(t.sql);
}, 120_000);
afterAll(() => t.close());

describe('prognoseXlsxParse on a huge sheet', () => {
  it('is the hostile shape: a sheet of well over 100 MB in a zip of a few MB', async () => {
    const sheet = zipCentralDirectoryRead(huge)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(sheet.uncompressedSize).toBeGreaterThan(150 * MB);
    expect(huge.length).toBeLessThan(20 * MB);
  });

  it('stops at data row 100,001 (Excel row 100,002) of 580,000, with bounded memory and a responsive event loop', async () => {
    const stats: XlsxParseStats = { lastLineRead: 0 };
    const { value: result, heapGrowth, longestStallMs } = await watched(() => prognoseXlsxParse(huge, {}, stats));
    expect(result).toMatchObject({ ok: false, tooManyRows: true, errors: [{ field: '', message: expect.stringMatching(/meer dan 100\.000 regels/) }] });
    expect(stats.lastLineRead).toBe(100_002);
    // Reading it in full once took 3.7 GB and 10 s of one blocked stretch.
    expect(heapGrowth).toBeLessThan(300 * MB);
    expect(longestStallMs).toBeLessThan(1000);
  }, 60_000);

  it('reads exactly 100,000 rows, and names the Excel rows of the errors among them', async () => {
    const full = await xlsxLargeFile(100_000);
    const ok = await prognoseXlsxParse(full);
    expect(ok.ok && ok.rows.length).toBe(100_000);
    expect(ok.ok && ok.rows.at(-1)).toMatchObject({
      line: 100_001,
      window: { kenmerk: 'L-99999', start: new Date('2027-02-01T08:00:00Z'), end: new Date('2027-02-01T09:00:00Z'), aantalBerichten: 20_000 },
    });
    const bad = await prognoseXlsxParse(await xlsxLargeFile(100_000, { badStatusAt: [2, 50_002, 100_001] }));
    expect(bad.ok ? [] : bad.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'status'],
      [50_002, 'status'],
      [100_001, 'status'],
    ]);
  }, 60_000);
});

describe('POST /api/v1/prognoses with a huge workbook', () => {
  it('answers 413 problem+json in Dutch, stores nothing, and other requests are still served meanwhile', async () => {
    const upload = t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': XLSX },
      body: huge,
    });
    // A read by another user while the upload is being parsed.
    const { value: other, longestStallMs } = await watched(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = performance.now();
      const res = await t.app.request('/api/v1/afnemers', { headers: who.plannerB.headers });
      return { status: res.status, ms: performance.now() - started };
    });
    const res = await upload;
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 413, detail: expect.stringMatching(/meer dan 100\.000 regels/) });
    expect(other.status).toBe(200);
    expect(longestStallMs).toBeLessThan(1000);
    const [windows] = await t.sql<{ n: number }[]>`select count(*)::int as n from send_windows`;
    expect(windows?.n).toBe(0);
    const [deliveries] = await t.sql<{ n: number }[]>`select count(*)::int as n from deliveries`;
    expect(deliveries?.n).toBe(0);
  }, 60_000);
});

describe('prognoseXlsxParse on damaged sheet XML', () => {
  const main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const inline = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
  const sheet =
    `<?xml version="1.0"?><worksheet ${main}><sheetData><row r="1">` +
    ['kenmerk', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'].map(inline).join('') +
    `</row><row r="2">${inline('D-1')}${inline('Brief')}${inline('01-02-2027 09:00')}${inline('01-02-2027 10:00')}<c><v>5</v></c>${inline('concept')}</row>` +
    `<row r="3">${inline('D-2')}<c t="s"><v>0</v></c><c s="1"><v>46419.375</v></c><c s="1"><v>46419.5</v></c><c><v>7</v></c>${inline('concept')}</row>` +
    '</sheetData></worksheet>';
  const parts = (sheetXml: string) => ({
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': `<workbook ${main} xmlns:r="${rel}"><sheets><sheet name="P" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `<sst ${main}><si><t>Brief</t></si></sst>`,
    'xl/styles.xml': `<styleSheet ${main}><cellXfs><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': sheetXml,
  });

  it('reads the undamaged sheet', async () => {
    expect(await prognoseXlsxParse(await zipOfTexts(parts(sheet)))).toMatchObject({
      ok: true,
      rows: [{ line: 2 }, { line: 3, window: { berichttype: 'Brief', start: new Date('2027-02-01T08:00:00Z') } }],
    });
  });

  it('answers every cut, insertion or replacement in the XML with rows or Dutch errors, never an exception', async () => {
    const damage = fc.oneof(
      fc.record({ at: fc.nat(sheet.length), cut: fc.nat(40), insert: fc.string({ maxLength: 12 }) }),
      fc.record({
        at: fc.nat(sheet.length),
        cut: fc.constant(0),
        insert: fc.constantFrom('<', '>', '&', '"', '<!DOCTYPE a>', '<![CDATA[', '<c r="ZZZZ9">', '<v>1e999</v>', '<v>-1</v>', '</row>', '<row>'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(damage, async ({ at, cut, insert }) => {
        const xml = sheet.slice(0, at) + insert + sheet.slice(at + cut);
        const result = await prognoseXlsxParse(await zipOfTexts(parts(xml)));
        if (result.ok) {
          expect(result.rows.length).toBeGreaterThan(0);
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(e.message).toMatch(/\S/);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
