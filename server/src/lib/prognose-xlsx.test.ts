import { deflateRawSync } from 'node:zlib';
import { prognoseCsvParse, prognoseTemplateCsv, type ParseResult } from '@cd/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { prognoseTemplateXlsx, prognoseXlsxParse, XLSX_LIMITS, xlsxZipProblem, zipCentralDirectoryRead } from './prognose-xlsx.js';

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
  return [
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    ...extra,
  ];
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
          window: expect.objectContaining({ kenmerk: 'XL-2', start: new Date('2027-06-01T07:00:00Z'), end: new Date('2027-06-01T09:00:00Z'), status: 'concept' }),
        },
      ],
    });
  });

  it('reads text cells with dates and Dutch numbers, and a numeric kenmerk', async () => {
    const file = await xlsxFile([[2027001, null, 'Brief', '15-01-2027 08:00', '2027-01-15T18:00:00+01:00', '1.250.000', 'concept']]);
    expect(await prognoseXlsxParse(file)).toMatchObject({
      ok: true,
      rows: [{ line: 2, window: { kenmerk: '2027001', omschrijving: '', start: new Date('2027-01-15T07:00:00Z'), end: new Date('2027-01-15T17:00:00Z'), aantalBerichten: 1_250_000 } }],
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
    expect(errorsOf(await prognoseXlsxParse(file))).toEqual([
      { row: 2, field: 'start', message: expect.stringMatching(/getal in plaats van een datum/) },
    ]);
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
    expect(await prognoseXlsxParse(file, { maxRows: 5 })).toMatchObject({ ok: false, tooManyRows: true, errors: [{ message: expect.stringMatching(/meer dan 5 regels/) }] });
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
    expect(errorsOf(await prognoseXlsxParse(ole))[0]!.message).toMatch(/^Het bestand is geen geldig Excel-bestand \(\.xlsx\)\. Het lijkt een oud \.xls-bestand/);
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
    const data = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 7919) % 251 < 16 ? 65 : 66));
    const compressed = deflateRawSync(data).length;
    const declaredSize = compressed * 50;
    expect(declaredSize).toBeLessThan(data.length);
    const zip = zipBuild(xlsxShape({ name: 'xl/worksheets/sheet1.xml', data, declaredSize }));
    expect(errorsOf(await prognoseXlsxParse(zip))[0]!.message).toMatch(/zip-bom/);
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
