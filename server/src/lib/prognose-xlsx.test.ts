import { deflateRawSync } from 'node:zlib';
import { prognoseCsvParse, prognoseTemplateCsv, type ParseResult } from '@cd/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { prognoseTemplateXlsx, prognoseXlsxParse, XLSX_LIMITS, type XlsxParseStats, xlsxZipProblem, zipCentralDirectoryRead } from './prognose-xlsx.js';

const HEADER = ['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'];
const NOT_XLSX = 'Het bestand is geen geldig Excel-bestand (.xlsx).';

/** An Excel date cell holds wall-clock time: exceljs reads and writes it as a Date with those UTC fields. */
function excelWallTime(y: number, m: number, d: number, h: number, min = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, min));
}

type CellInput = ExcelJS.CellValue;

/** A real .xlsx workbook; Dates become date cells in dd-mm-yyyy hh:mm. */
async function xlsxFile(
  rows: CellInput[][],
  opts: { header?: CellInput[]; extraSheets?: { name: string; rows: CellInput[][] }[]; firstSheetName?: string } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.firstSheetName ?? 'Prognose');
  ws.addRow(opts.header ?? HEADER);
  for (const r of rows) ws.addRow(r);
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd-mm-yyyy hh:mm';
    }),
  );
  for (const sheet of opts.extraSheets ?? []) {
    const extra = wb.addWorksheet(sheet.name);
    for (const r of sheet.rows) extra.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function errorsOf(result: ParseResult): { row?: number; field: string; message: string }[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

function summary(result: ParseResult): [number | undefined, string][] {
  return errorsOf(result).map((e) => [e.row, e.field]);
}

interface ZipInput {
  name: string;
  data: Buffer;
  method?: 0 | 8;
  /** Uncompressed size written in the headers (default: the real one). */
  declaredSize?: number;
}

/** A minimal zip writer, to craft hostile archives (CRCs are left 0: the checks do not read them). */
function zipBuild(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const compressed = method === 8 ? deflateRawSync(entry.data) : entry.data;
    const size = entry.declaredSize ?? entry.data.length;
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The parts an .xlsx zip must have, so the size checks are what decides. */
function xlsxShape(...extra: ZipInput[]): ZipInput[] {
  return [{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }, ...extra];
}

describe('prognoseXlsxParse', () => {
  it('reads real date cells as Amsterdam wall-clock times, in winter and summer, and number cells', async () => {
    const file = await xlsxFile([
      ['XL-1', 'Winter', 'Brief', excelWallTime(2027, 1, 20, 9), excelWallTime(2027, 1, 20, 11), 125000, 'definitief'],
      ['XL-2', 'Zomer', 'Brief', excelWallTime(2027, 6, 1, 9), excelWallTime(2027, 6, 1, 11), 2000, 'Concept'],
    ]);
    const r = await prognoseXlsxParse(file);
    expect(r).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          window: {
            afnemer: null,
            kenmerk: 'XL-1',
            omschrijving: 'Winter',
            berichttype: 'Brief',
            start: new Date('2027-01-20T08:00:00Z'),
            end: new Date('2027-01-20T10:00:00Z'),
            aantalBerichten: 125000,
            status: 'definitief',
            vroegsteStart: null,
            laatsteEind: null,
          },
        },
        {
          line: 3,
          window: expect.objectContaining({
            kenmerk: 'XL-2',
            start: new Date('2027-06-01T07:00:00Z'),
            end: new Date('2027-06-01T09:00:00Z'),
            status: 'concept',
          }),
        },
      ],
    });
  });

  it('reads text cells with dates and Dutch numbers, and a numeric kenmerk', async () => {
    const file = await xlsxFile([[2027001, null, 'Brief', '15-01-2027 08:00', '2027-01-15T18:00:00+01:00', '1.250.000', 'concept']]);
    expect(await prognoseXlsxParse(file)).toMatchObject({
      ok: true,
      rows: [
        {
          line: 2,
          window: {
            kenmerk: '2027001',
            omschrijving: '',
            start: new Date('2027-01-15T07:00:00Z'),
            end: new Date('2027-01-15T17:00:00Z'),
            aantalBerichten: 1_250_000,
          },
        },
      ],
    });
  });

  it('uses the stored result of formulas, and the text of rich text and hyperlinks', async () => {
    const file = await xlsxFile([
      [
        { richText: [{ text: 'RT-' }, { text: '1', font: { bold: true } }] },
        { text: 'link', hyperlink: 'https://example.org' },
        'Brief',
        { formula: 'DATE(2027,1,15)+TIME(8,0,0)', result: excelWallTime(2027, 1, 15, 8) },
        excelWallTime(2027, 1, 15, 10),
        { formula: '1000*2', result: 2000 },
        { formula: '"concept"', result: 'concept' },
      ],
    ]);
    expect(await prognoseXlsxParse(file)).toMatchObject({
      ok: true,
      rows: [{ window: { kenmerk: 'RT-1', omschrijving: 'link', start: new Date('2027-01-15T07:00:00Z'), aantalBerichten: 2000, status: 'concept' } }],
    });
  });

  it('reports every error of a sheet with bad rows, with Excel row numbers', async () => {
    const file = await xlsxFile([
      ['OK-1', 'goed', 'Brief', excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 9), 10, 'concept'],
      ['GAP', 'x', 'Brief', excelWallTime(2027, 3, 28, 2, 30), excelWallTime(2027, 10, 31, 2, 30), 10, 'concept'],
      [null, 'x', null, excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 7), 12.5, 'geannuleerd'],
      ['OK-1', 'x', 'Brief', excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 9), { error: '#N/A' }, true],
      ['F-1', 'x', 'Brief', excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 9), { formula: 'A1*2' }, 'concept'],
    ]);
    const errors = errorsOf(await prognoseXlsxParse(file));
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'start'],
      [3, 'eind'],
      [4, 'kenmerk'],
      [4, 'berichttype'],
      [4, 'eind'],
      [4, 'aantal_berichten'],
      [4, 'status'],
      [5, 'aantal_berichten'],
      [5, 'status'],
      [5, 'kenmerk'],
      [6, 'aantal_berichten'],
    ]);
    expect(errors[0]!.message).toMatch(/28-03-2027 02:30 bestaat niet in Nederland.*offset/);
    expect(errors[1]!.message).toMatch(/31-10-2027 02:30 komt in Nederland twee keer voor.*offset/);
    expect(errors[7]!.message).toBe('De cel bevat de Excel-fout #N/A. Vul een geldige waarde in.');
    expect(errors[8]!.message).toMatch(/logische waarde WAAR/);
    expect(errors[9]!.message).toMatch(/staat ook al op regel 2/);
    expect(errors[10]!.message).toMatch(/formule zonder opgeslagen uitkomst/);
  });

  it('explains a number in a date column (a date without date format)', async () => {
    const file = await xlsxFile([['N-1', 'x', 'Brief', 46402.33, excelWallTime(2027, 1, 15, 9), 10, 'concept']]);
    expect(errorsOf(await prognoseXlsxParse(file))).toEqual([{ row: 2, field: 'start', message: expect.stringMatching(/getal in plaats van een datum/) }]);
  });

  it('explains an OIN stored as a number', async () => {
    const file = await xlsxFile([['O-1', 'x', 'Brief', excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 9), 10, 'concept', 12345678901234567000]], {
      header: [...HEADER, 'afnemer'],
    });
    expect(errorsOf(await prognoseXlsxParse(file))).toEqual([{ row: 2, field: 'afnemer', message: expect.stringMatching(/celnotatie Tekst/) }]);
  });

  it('maps headers like the CSV reader and reports header errors on the header row', async () => {
    const english = await xlsxFile([['E-1', 'x', 'Brief', excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 9), 10, 'concept']], {
      header: ['Reference', 'Description', 'Message type', 'Begin', 'End', 'Count', 'Status'],
    });
    expect((await prognoseXlsxParse(english)).ok).toBe(true);
    const bad = await xlsxFile([['x']], { header: ['kenmerk', 'Opmerking', 'start', 'begin'] });
    expect(summary(await prognoseXlsxParse(bad))).toEqual([
      [1, 'Opmerking'],
      [1, 'start'],
      [1, 'berichttype'],
      [1, 'eind'],
      [1, 'aantal_berichten'],
      [1, 'status'],
    ]);
  });

  it('reads only the first worksheet', async () => {
    const file = await xlsxFile([['W-1', 'x', 'Brief', excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 9), 10, 'concept']], {
      extraSheets: [{ name: 'Toelichting', rows: [['iets heel anders'], ['nog meer']] }],
    });
    expect(await prognoseXlsxParse(file)).toMatchObject({ ok: true, rows: [{ window: { kenmerk: 'W-1' } }] });
  });

  it('finds the header below empty rows and skips empty rows between data', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Prognose');
    ws.getRow(3).values = HEADER;
    ws.getRow(4).values = ['L-1', 'x', 'Brief', '15-01-2027 08:00', '15-01-2027 09:00', 10, 'concept'];
    ws.getRow(5).getCell(1).numFmt = '@'; // formatted but empty
    ws.getRow(7).values = ['L-2', 'x', 'Brief', '15-01-2027 08:00', '15-01-2027 09:00', 10, 'kapot'];
    const r = await prognoseXlsxParse(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(summary(r)).toEqual([[7, 'status']]);
  });

  it('reports a value in a column without header', async () => {
    const file = await xlsxFile([['C-1', 'x', 'Brief', excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 9), 10, 'concept', null, 'los']]);
    expect(errorsOf(await prognoseXlsxParse(file))).toEqual([{ row: 2, field: 'kolom I', message: expect.stringMatching(/Kolom I heeft geen kopnaam/) }]);
  });

  it('rejects a sheet with only a header, and an empty sheet', async () => {
    expect(errorsOf(await prognoseXlsxParse(await xlsxFile([])))[0]!.message).toMatch(/geen regels met gegevens/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Leeg');
    expect(errorsOf(await prognoseXlsxParse(Buffer.from(await wb.xlsx.writeBuffer())))).toEqual([
      { field: '', message: expect.stringMatching(/eerste werkblad \("Leeg"\) is leeg/) },
    ]);
  });

  it('gives tooManyRows above maxRows', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => [`T-${i}`, 'x', 'Brief', excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 9), 10, 'concept']);
    const file = await xlsxFile(rows);
    expect((await prognoseXlsxParse(file, { maxRows: 6 })).ok).toBe(true);
    expect(await prognoseXlsxParse(file, { maxRows: 5 })).toMatchObject({
      ok: false,
      tooManyRows: true,
      errors: [{ message: expect.stringMatching(/meer dan 5 regels/) }],
    });
  });

  it('accepts an ArrayBuffer and a Uint8Array', async () => {
    const file = await xlsxFile([['A-1', 'x', 'Brief', excelWallTime(2027, 1, 15, 8), excelWallTime(2027, 1, 15, 9), 10, 'concept']]);
    const arrayBuffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    expect((await prognoseXlsxParse(arrayBuffer)).ok).toBe(true);
    expect((await prognoseXlsxParse(new Uint8Array(file))).ok).toBe(true);
  });

  it('rejects a buffer that is not a zip with the Dutch message', async () => {
    expect(await prognoseXlsxParse(Buffer.from('dit is geen zip'))).toEqual({ ok: false, errors: [{ field: '', message: NOT_XLSX }] });
    expect(await prognoseXlsxParse(Buffer.alloc(0))).toEqual({ ok: false, errors: [{ field: '', message: NOT_XLSX }] });
    expect(await prognoseXlsxParse(Buffer.from('kenmerk;start\r\nA;15-01-2027 08:00\r\n'))).toEqual({ ok: false, errors: [{ field: '', message: NOT_XLSX }] });
  });

  it('recognises an old .xls or password-protected file', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(errorsOf(await prognoseXlsxParse(ole))[0]!.message).toMatch(
      /^Het bestand is geen geldig Excel-bestand \(\.xlsx\)\. Het lijkt een oud \.xls-bestand/,
    );
  });

  it('rejects a zip that is not a workbook, and a truncated workbook', async () => {
    const zip = zipBuild([{ name: 'hallo.txt', data: Buffer.from('hallo') }]);
    expect(errorsOf(await prognoseXlsxParse(zip))[0]!.message).toMatch(/geen Excel-werkmap/);
    const file = await xlsxFile([]);
    expect(errorsOf(await prognoseXlsxParse(file.subarray(0, file.length - 100)))[0]!.message).toMatch(/geen geldig Excel-bestand/);
  });

  it('turns an exceljs failure into a Dutch error instead of throwing', async () => {
    const zip = zipBuild(xlsxShape({ name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<<<kapot') }));
    const r = await prognoseXlsxParse(zip);
    expect(r.ok).toBe(false);
    expect(errorsOf(r)[0]!.message).toMatch(/Excel/);
  });

  it('rejects a file larger than the upload limit', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    expect(errorsOf(await prognoseXlsxParse(big))[0]!.message).toMatch(/groter dan 20 MB/);
  });

  it('rejects a zip whose directory declares more than 200 MB uncompressed', async () => {
    const zip = zipBuild(
      xlsxShape(
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<a/>'), method: 0 },
        // Stored (not compressed), so the ratio of each entry stays below 200 and only the total decides.
        { name: 'xl/a.bin', data: Buffer.alloc(1_000_000, 1), method: 0, declaredSize: 150 * 1024 * 1024 },
        { name: 'xl/b.bin', data: Buffer.alloc(1_000_000, 2), method: 0, declaredSize: 60 * 1024 * 1024 },
      ),
    );
    expect(errorsOf(await prognoseXlsxParse(zip))[0]!.message).toMatch(/uitgepakt groter dan 200 MB/);
  });

  it('rejects an entry with a compression ratio above 200 (a zip bomb)', async () => {
    const zip = zipBuild(xlsxShape({ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(10 * 1024 * 1024, 0x20) }));
    expect(errorsOf(await prognoseXlsxParse(zip))[0]!.message).toMatch(/zip-bom/);
  });

  it('rejects an entry that inflates to more than its directory declares', async () => {
    // 3 MB of varied-but-compressible data declared as 64 KB: the ratio looks harmless, the content is not.
    const data = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => ((i * 7919) % 251 < 16 ? 65 : 66)));
    const compressed = deflateRawSync(data).length;
    const declaredSize = compressed * 50;
    expect(declaredSize).toBeLessThan(data.length);
    const zip = zipBuild(xlsxShape({ name: 'xl/worksheets/sheet1.xml', data, declaredSize }));
    expect(errorsOf(await prognoseXlsxParse(zip))[0]!.message).toMatch(/zip-bom/);
  });
});

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook written by hand, with the parts other tools than Excel write (or Excel writes rarely). */
function handWorkbook(parts: { workbook: string; rels: string; sheets: Record<string, string>; sharedStrings?: string; styles?: string }): Buffer {
  const text = (name: string, xml: string): ZipInput => ({ name, data: Buffer.from(xml, 'utf8') });
  return zipBuild([
    text('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    text(
      '_rels/.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    ),
    text('xl/workbook.xml', parts.workbook),
    text('xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${parts.rels}</Relationships>`),
    ...Object.entries(parts.sheets).map(([name, xml]) => text(`xl/worksheets/${name}`, xml)),
    ...(parts.sharedStrings === undefined ? [] : [text('xl/sharedStrings.xml', parts.sharedStrings)]),
    ...(parts.styles === undefined ? [] : [text('xl/styles.xml', parts.styles)]),
  ]);
}

const HEADER_ROW = `<row r="1">${HEADER.map((h) => `<c t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;

describe('prognoseXlsxParse of workbooks not written by exceljs', () => {
  it('reads the first tab (not sheet1.xml), 1904 dates, built-in date formats, rich and phonetic shared strings, inline strings and rows without numbers', async () => {
    const workbook = (row3Count: string, row3Status: string) =>
      handWorkbook({
        workbook: `<workbook ${MAIN} xmlns:r="${REL}"><workbookPr date1904="1"/><sheets><sheet name="Prognose" sheetId="7" r:id="rId2"/><sheet name="Oud" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        rels:
          `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
          `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
          `<Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/>` +
          `<Relationship Id="rId5" Type="${REL}/hyperlink" Target="https://example.org/" TargetMode="External"/>`,
        sheets: {
          'sheet1.xml': `<worksheet ${MAIN}><sheetData><row r="1"><c t="inlineStr"><is><t>niet dit blad</t></is></c></row></sheetData></worksheet>`,
          'sheet2.xml':
            `<worksheet ${MAIN}><sheetData>${HEADER_ROW}` +
            // 1904 system: serial 44957 is 1 Feb 2027 (46419 in the 1900 system); .375 is 09:00, .5 is 12:00.
            '<row><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="str"><f>"Br"&amp;"ief"</f><v>Brief</v></c>' +
            '<c r="D2" s="1"><v>44957.375</v></c><c r="E2" s="2"><v>44957.5</v></c><c r="F2"><v>1500</v></c>' +
            '<c r="G2" t="inlineStr"><is><r><t>con</t></r><r><rPr><b/></rPr><t>cept</t></r></is></c></row>' +
            '<row><c r="A3" t="inlineStr"><is><t>H-2</t></is></c><c r="C3" t="inlineStr"><is><t>Brief</t></is></c>' +
            `<c r="D3" s="1"><v>44957.375</v></c><c r="E3" s="1"><v>44957.5</v></c>${row3Count}${row3Status}</row>` +
            '</sheetData></worksheet>',
        },
        sharedStrings:
          `<sst ${MAIN} count="2" uniqueCount="2"><si><r><t>H-</t></r><r><rPr><i/></rPr><t>1</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>` +
          '<si><t xml:space="preserve">Met &amp; zonder </t></si></sst>',
        styles: `<styleSheet ${MAIN}><numFmts count="1"><numFmt numFmtId="200" formatCode="[$-413]d\\ mmmm\\ yyyy;@"/></numFmts><cellStyleXfs><xf numFmtId="14"/><xf numFmtId="14"/><xf numFmtId="14"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="22"><alignment/></xf><xf numFmtId="200"/></cellXfs></styleSheet>`,
      });

    const good = await prognoseXlsxParse(workbook('<c r="F3"><v>7</v></c>', '<c r="G3" t="inlineStr"><is><t>definitief</t></is></c>'));
    expect(good).toMatchObject({
      ok: true,
      rows: [
        {
          line: 2,
          window: {
            kenmerk: 'H-1',
            omschrijving: 'Met & zonder',
            berichttype: 'Brief',
            start: new Date('2027-02-01T08:00:00Z'),
            end: new Date('2027-02-01T11:00:00Z'),
            aantalBerichten: 1500,
            status: 'concept',
          },
        },
        { line: 3, window: { kenmerk: 'H-2', omschrijving: '', aantalBerichten: 7, status: 'definitief' } },
      ],
    });

    const errors = errorsOf(await prognoseXlsxParse(workbook('<c r="F3" t="e"><v>#DIV/0!</v></c>', '<c r="G3" t="b"><v>0</v></c>')));
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'aantal_berichten'],
      [3, 'status'],
    ]);
    expect(errors[0]!.message).toMatch(/Excel-fout #DIV\/0!/);
    expect(errors[1]!.message).toMatch(/logische waarde ONWAAR/);
  });

  it('gives the Dutch message when a cell names a shared string that does not exist', async () => {
    const file = handWorkbook({
      workbook: `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      rels: `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`,
      sheets: { 'sheet1.xml': `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData></worksheet>` },
      sharedStrings: `<sst ${MAIN}><si><t>kenmerk</t></si></sst>`,
    });
    expect(errorsOf(await prognoseXlsxParse(file))).toEqual([
      { field: '', message: expect.stringMatching(/^Het bestand is geen geldig Excel-bestand \(\.xlsx\)\. Het kon niet worden gelezen/) },
    ]);
  });

  it('refuses a workbook part with a DOCTYPE (entity expansion) with the Dutch message', async () => {
    const file = handWorkbook({
      workbook: `<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]><workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="&a;" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      rels: `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`,
      sheets: { 'sheet1.xml': `<worksheet ${MAIN}><sheetData>${HEADER_ROW}</sheetData></worksheet>` },
    });
    expect(errorsOf(await prognoseXlsxParse(file))[0]!.message).toMatch(/Het kon niet worden gelezen/);
  });

  it('says there is no worksheet when the workbook lists none', async () => {
    const file = handWorkbook({ workbook: `<workbook ${MAIN}><sheets/></workbook>`, rels: '', sheets: {} });
    expect(errorsOf(await prognoseXlsxParse(file))).toEqual([{ field: '', message: 'Het Excel-bestand bevat geen werkblad.' }]);
  });
});

describe('prognoseXlsxParse row limit', () => {
  it('stops reading at the first data row above maxRows, counting only non-empty rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Prognose');
    ws.addRow(HEADER);
    for (let i = 0; i < 3000; i++) {
      // Every tenth row left empty: they do not count towards the limit.
      ws.getRow(ws.rowCount + (i % 10 === 0 ? 2 : 1)).values = [`S-${i}`, 'x', 'Brief', '15-01-2027 08:00', '15-01-2027 09:00', 10, 'concept'];
    }
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const stats: XlsxParseStats = { lastLineRead: 0 };
    expect(await prognoseXlsxParse(file, { maxRows: 1000 }, stats)).toMatchObject({ ok: false, tooManyRows: true });
    // Header in row 1; 1001 data rows with 101 empty rows among them (the first empty row is row 2).
    expect(stats.lastLineRead).toBe(1 + 1001 + 101);
    const all: XlsxParseStats = { lastLineRead: 0 };
    expect(await prognoseXlsxParse(file, { maxRows: 3000 }, all)).toMatchObject({ ok: true, rows: expect.any(Array) });
    expect(all.lastLineRead).toBe(1 + 3000 + 300);
  });
});

describe('zipCentralDirectoryRead', () => {
  it('lists the entries of a real workbook', async () => {
    const entries = zipCentralDirectoryRead(await xlsxFile([]));
    expect(entries?.map((e) => e.name)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
    for (const e of entries ?? []) expect(e.uncompressedSize).toBeGreaterThanOrEqual(0);
  });

  it('reads ZIP64 sizes from the extra field', () => {
    const zip = zipBuild([{ name: 'xl/x.bin', data: Buffer.from('x'), method: 0 }]);
    // Rewrite the central entry's uncompressed size as 0xFFFFFFFF with a ZIP64 extra field of 5 GB.
    const cdOffset = zip.readUInt32LE(zip.length - 6);
    const before = zip.subarray(0, cdOffset);
    const central = Buffer.from(zip.subarray(cdOffset, zip.length - 22));
    central.writeUInt32LE(0xffffffff, 24);
    central.writeUInt16LE(12, 30);
    const extra = Buffer.alloc(12);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(5n * 1024n ** 3n, 4);
    const cd = Buffer.concat([central, extra]);
    const eocd = Buffer.from(zip.subarray(zip.length - 22));
    eocd.writeUInt32LE(cd.length, 12);
    const zip64 = Buffer.concat([before, cd, eocd]);
    expect(zipCentralDirectoryRead(zip64)).toEqual([
      { name: 'xl/x.bin', flags: 0, method: 0, compressedSize: 1, uncompressedSize: 5 * 1024 ** 3, localHeaderOffset: 0 },
    ]);
  });

  it('gives null for something that is not a zip', () => {
    expect(zipCentralDirectoryRead(Buffer.from('geen zip, wel lang genoeg om te scannen'))).toBeNull();
    expect(zipCentralDirectoryRead(Buffer.alloc(3))).toBeNull();
  });
});

describe('xlsxZipProblem', () => {
  it('accepts the workbooks exceljs writes', async () => {
    expect(await xlsxZipProblem(await prognoseTemplateXlsx())).toBeNull();
  });

  it('does not ratio-check small entries', async () => {
    const small = Buffer.alloc(XLSX_LIMITS.ratioCheckFromBytes - 1, 0x20);
    expect(await xlsxZipProblem(zipBuild(xlsxShape({ name: 'xl/styles.xml', data: small })))).toBeNull();
  });
});

describe('prognoseTemplateXlsx', () => {
  it('has the header and an example row with real date cells and a formatted number cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await prognoseTemplateXlsx()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Prognose');
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADER, 'afnemer', 'vroegste_start', 'laatste_eind']);
    const start = ws.getRow(2).getCell(4);
    expect(start.value).toEqual(excelWallTime(2027, 1, 15, 8));
    expect(start.numFmt).toBe('dd-mm-yyyy hh:mm');
    const count = ws.getRow(2).getCell(6);
    expect(count.value).toBe(1_250_000);
    expect(count.numFmt).toBe('#,##0');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Prognose', 'Toelichting']);
  });

  it('parses cleanly, to the same windows as the CSV template', async () => {
    const fromXlsx = await prognoseXlsxParse(await prognoseTemplateXlsx());
    expect(fromXlsx.ok).toBe(true);
    expect(fromXlsx).toEqual(prognoseCsvParse(prognoseTemplateCsv()));
  });
});
