import { crc32, createDeflateRaw } from 'node:zlib';
import { amsterdamDayIso, amsterdamDayNumber } from '@cd/shared/time';
import ExcelJS from 'exceljs';

export const CSV_HEADER = 'Kenmerk;Omschrijving;Berichttype;Start;Eind;Aantal_berichten;Status';

/** A CSV as Dutch Excel saves it: BOM, semicolons, CRLF. */
export function dutchCsv(rows: string[], header = CSV_HEADER): string {
  return '\uFEFF' + [header, ...rows].join('\r\n') + '\r\n';
}

/** A real .xlsx workbook with the given header and rows (Dates become date cells). */
export async function xlsxFile(header: string[], rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Prognose');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(4).numFmt = 'dd-mm-yyyy hh:mm';
  ws.getColumn(5).numFmt = 'dd-mm-yyyy hh:mm';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `dd-mm-yyyy`, as Dutch Excel writes a date, of the Amsterdam day `days` after the day of the instant `ms`. */
export function dutchCsvDate(ms: number, days = 0): string {
  const [year, month, day] = amsterdamDayIso(amsterdamDayNumber(ms) + days).split('-');
  return `${day}-${month}-${year}`;
}

/** An Excel date cell holds wall-clock time: exceljs reads and writes it as a Date with those UTC fields. */
export function excelWallTime(y: number, m: number, d: number, h: number, min = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, min));
}

function zipOf(parts: { name: string; data: Buffer; crc: number; size: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const header = (central: boolean): Buffer => {
      const h = Buffer.alloc(central ? 46 : 30);
      h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
      const o = central ? 2 : 0;
      if (central) h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 4 + o);
      h.writeUInt16LE(8, 8 + o);
      h.writeUInt32LE(part.crc, 14 + o);
      h.writeUInt32LE(part.data.length, 18 + o);
      h.writeUInt32LE(part.size, 22 + o);
      h.writeUInt16LE(name.length, 26 + o);
      if (central) h.writeUInt32LE(offset, 42);
      return h;
    };
    locals.push(header(false), name, part.data);
    centrals.push(header(true), name);
    offset += 30 + name.length + part.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** Deflates text produced piece by piece, so a sheet of ~200 MB never exists as one string. */
async function deflatedPart(name: string, pieces: Iterable<string>): Promise<{ name: string; data: Buffer; crc: number; size: number }> {
  const deflate = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const bytes = Buffer.from(piece, 'utf8');
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return { name, data: Buffer.concat(out), crc, size };
}

/**
 * A prognosis workbook of `rows` data rows written as raw SpreadsheetML, the way other tools than Excel
 * write it: inline strings, cells without a reference, date cells as serial numbers with a custom date style. 580,000 rows give a sheet
 * of almost 200 MB in a zip well under 20 MB, the shape of the file that once took the server down.
 * `badStatusAt` lists Excel row numbers whose status is invalid.
 */
export async function xlsxLargeFile(rows: number, opts: { badStatusAt?: readonly number[] } = {}): Promise<Buffer> {
  const bad = new Set(opts.badStatusAt ?? []);
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  function* sheet(): Generator<string> {
    yield `${xml}<worksheet ${ns}><sheetData><row r="1">`;
    yield ['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'].map((h, i) => inline(`${'ABCDEFG'[i]}1`, h)).join('');
    yield '</row>';
    // 1 Feb 2027 09:00 as an Excel serial date; one hour later.
    const start = 46419 + 9 / 24;
    const description = 'Voorlopige aanslag inkomstenbelasting 2027';
    const parts: string[] = [];
    for (let i = 0; i < rows; i++) {
      const r = i + 2;
      // Cells without their own reference (allowed; the reader counts columns), as some tools write them.
      parts.push(
        `<row r="${r}"><c t="inlineStr"><is><t>L-${i}</t></is></c><c t="inlineStr"><is><t>${description}</t></is></c>` +
          `<c t="inlineStr"><is><t>Brief</t></is></c><c s="1"><v>${start}</v></c><c s="1"><v>${start + 1 / 24}</v></c>` +
          `<c><v>${1000 + (i % 20) * 1000}</v></c><c t="inlineStr"><is><t>${bad.has(r) ? 'kapot' : 'concept'}</t></is></c></row>`,
      );
      if (parts.length === 1000) yield parts.splice(0).join('');
    }
    yield parts.join('');
    yield '</sheetData></worksheet>';
  }
  return zipOf([
    await deflatedPart('[Content_Types].xml', [
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    ]),
    await deflatedPart('_rels/.rels', [
      `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ]),
    await deflatedPart('xl/workbook.xml', [
      `${xml}<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="Prognose" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ]),
    await deflatedPart('xl/_rels/workbook.xml.rels', [
      `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ]),
    await deflatedPart('xl/styles.xml', [
      `${xml}<styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy\\ hh:mm"/></numFmts>` +
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ]),
    await deflatedPart('xl/worksheets/sheet1.xml', sheet()),
  ]);
}

/** A zip of the given parts (name → text), deflated: for workbooks written by hand in tests. */
export async function zipOfTexts(parts: Record<string, string>): Promise<Buffer> {
  return zipOf(await Promise.all(Object.entries(parts).map(([name, text]) => deflatedPart(name, [text]))));
}
