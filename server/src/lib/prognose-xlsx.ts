/**
 * Reading prognosis workbooks (.xlsx), streamed with xlsx-read.ts, and writing the Excel template with exceljs.
 * Untrusted input: the zip structure is checked (size, compression ratio, real inflated sizes) before any
 * part is read, and every failure becomes a Dutch ParseResult instead of an exception.
 */
import { createInflateRaw } from 'node:zlib';
import {
  PROGNOSE_FIELDS,
  PROGNOSE_TEMPLATE_EXAMPLE,
  prognoseTableReader,
  UPLOAD_LIMITS,
  type ParseResult,
  type PrognoseField,
  type PrognoseParseOptions,
  type PrognoseTableCell,
  type RowError,
  type WallTime,
} from '@cd/shared';
import ExcelJS from 'exceljs';
import { type XlsxCellValue, xlsxFirstSheetOpen, XlsxReadError } from './xlsx-read.js';

/** Limits on the unpacked workbook. */
export const XLSX_LIMITS = {
  /** Sum of the uncompressed sizes of all entries. */
  maxUncompressedBytes: 200 * 1024 * 1024,
  /** Maximum uncompressed/compressed ratio of one entry. */
  maxCompressionRatio: 200,
  /** Entries smaller than this are not ratio-checked: they cannot hurt, and tiny XML parts compress oddly. */
  ratioCheckFromBytes: 64 * 1024,
  maxEntries: 10_000,
} as const;

const NOT_XLSX = 'Het bestand is geen geldig Excel-bestand (.xlsx).';
const RESAVE = 'Open het bestand in Excel en sla het op als Excel-werkmap (.xlsx).';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

function uint64At(buf: Buffer, offset: number): number {
  const value = buf.readBigUInt64LE(offset);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value);
}

/**
 * Returns the entries listed in the zip central directory of `buf` (header reading only, no inflating).
 * Edge: ZIP64 sizes are read from the extra field; anything not a well-formed single-disk zip gives null.
 */
export function zipCentralDirectoryRead(buf: Buffer): ZipEntry[] | null {
  if (buf.length < 22) return null;
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - MAX16); p--) {
    if (buf.readUInt32LE(p) === SIG_EOCD && p + 22 + buf.readUInt16LE(p + 20) <= buf.length) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return null;
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) return null; // multi-disk
  let total = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let cdEnd = eocd;
  if (total === MAX16 || cdSize === MAX32 || cdOffset === MAX32) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) return null;
    const z64 = uint64At(buf, locator + 8);
    if (!(z64 + 56 <= locator) || buf.readUInt32LE(z64) !== SIG_ZIP64_EOCD) return null;
    total = uint64At(buf, z64 + 32);
    cdSize = uint64At(buf, z64 + 40);
    cdOffset = uint64At(buf, z64 + 48);
    cdEnd = z64;
  }
  if (!(cdOffset + cdSize <= cdEnd) || total > XLSX_LIMITS.maxEntries + 1) return null;

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== SIG_CENTRAL) return null;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > cdOffset + cdSize) return null;
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    // ZIP64 extended information: the 64-bit values, in this order, for each 32-bit field set to 0xFFFFFFFF.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (e + 4 + size > extraEnd) return null;
      if (id === 0x0001) {
        let q = e + 4;
        const take = (): number | null => {
          if (q + 8 > e + 4 + size) return null;
          const v = uint64At(buf, q);
          q += 8;
          return v;
        };
        if (uncompressedSize === MAX32) uncompressedSize = take() ?? Number.NaN;
        if (compressedSize === MAX32) compressedSize = take() ?? Number.NaN;
        if (localHeaderOffset === MAX32) localHeaderOffset = take() ?? Number.NaN;
        if ([uncompressedSize, compressedSize, localHeaderOffset].some(Number.isNaN)) return null;
      }
      e += 4 + size;
    }
    entries.push({ name, flags, method, compressedSize, uncompressedSize, localHeaderOffset });
    p = next;
  }
  return entries;
}

/** Streams the raw deflate data and reports whether it inflates cleanly to at most `limit` bytes. */
function inflatedSizeWithin(data: Buffer, limit: number): Promise<boolean> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let total = 0;
    let settled = false;
    const settle = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      inflate.removeAllListeners('data');
      inflate.destroy();
      resolve(ok);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) settle(false);
    });
    inflate.on('end', () => settle(true));
    inflate.on('error', () => settle(false));
    inflate.end(data);
  });
}

/** What a table parse may fail with before any row is read: one whole-file error. */
type XlsxFailure = { ok: false; errors: RowError[] };

function xlsxFailure(message: string): XlsxFailure {
  return { ok: false, errors: [{ field: '', message }] };
}

/**
 * Returns null when the buffer is a plausible, safely sized .xlsx zip, or the Dutch reason to refuse it.
 * Edge: besides the declared sizes (total > 200 MB, ratio > 200) it inflates every entry in a streaming
 * way to check the declared sizes are honest, so a zip bomb with a lying directory is refused too.
 */
export async function xlsxZipProblem(buf: Buffer): Promise<string | null> {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    return `${NOT_XLSX} Het lijkt een oud .xls-bestand of een met een wachtwoord beveiligd bestand. ` + `${RESAVE} Zet een eventueel wachtwoord eerst uit.`;
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== SIG_LOCAL) return NOT_XLSX;
  const entries = zipCentralDirectoryRead(buf);
  if (entries === null || entries.length === 0) return NOT_XLSX;
  if (entries.length > XLSX_LIMITS.maxEntries) {
    return `${NOT_XLSX} Het bevat ongebruikelijk veel onderdelen (${entries.length}).`;
  }
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('[Content_Types].xml') || !entries.some((entry) => entry.name.startsWith('xl/'))) {
    return `${NOT_XLSX} Het is wel een zip-bestand, maar geen Excel-werkmap. ${RESAVE}`;
  }
  const tooBig =
    `Het Excel-bestand is uitgepakt groter dan ${XLSX_LIMITS.maxUncompressedBytes / 1024 / 1024} MB en wordt ` +
    'daarom niet verwerkt. Verdeel de prognose over meerdere bestanden.';
  const suspicious = 'Het Excel-bestand is verdacht sterk gecomprimeerd (mogelijk een zip-bom) en wordt daarom niet verwerkt. ' + RESAVE;
  let totalUncompressed = 0;
  for (const entry of entries) {
    totalUncompressed += entry.uncompressedSize;
    if (totalUncompressed > XLSX_LIMITS.maxUncompressedBytes) return tooBig;
    if (entry.uncompressedSize >= XLSX_LIMITS.ratioCheckFromBytes && entry.uncompressedSize > entry.compressedSize * XLSX_LIMITS.maxCompressionRatio) {
      return suspicious;
    }
    if (entry.flags & 0x1) return `${NOT_XLSX} Het bestand is versleuteld. Zet het wachtwoord uit en sla het opnieuw op.`;
    if (entry.method !== 0 && entry.method !== 8) return `${NOT_XLSX} ${RESAVE}`;
  }
  for (const entry of entries) {
    const local = entry.localHeaderOffset;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== SIG_LOCAL) return NOT_XLSX;
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > buf.length) return NOT_XLSX;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) return NOT_XLSX;
      continue;
    }
    if (!(await inflatedSizeWithin(buf.subarray(dataStart, dataEnd), entry.uncompressedSize))) return suspicious;
  }
  return null;
}

/** Converts a stored cell to a table cell: text, number, Date (wall time in UTC fields) or invalid. */
function xlsxValueToCell(value: XlsxCellValue): PrognoseTableCell {
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') {
    return { invalid: `De cel bevat de logische waarde ${value ? 'WAAR' : 'ONWAAR'}; hier hoort tekst, een getal of een datum.` };
  }
  if ('error' in value) return { invalid: `De cel bevat de Excel-fout ${value.error}. Vul een geldige waarde in.` };
  return {
    invalid:
      'De cel bevat een formule zonder opgeslagen uitkomst. Open het bestand in Excel, laat het herberekenen ' +
      'en sla het opnieuw op, of vul de waarde zelf in.',
  };
}

function cellIsBlank(cell: PrognoseTableCell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function cellToHeaderText(cell: PrognoseTableCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (cell instanceof Date) return cell.toISOString();
  return '#fout';
}

/** What one parse read of the sheet, for tests and the benchmark: the last Excel row it looked at. */
export interface XlsxParseStats {
  lastLineRead: number;
}

/** Reads the rows under a header row, as prognoseTableReader and actualsTableReader do. */
export interface XlsxTableReader<R> {
  add(row: { line: number; cells: PrognoseTableCell[] }): R | null;
  finish(): R;
}

/** What the messages of xlsxTableParse call the file's content and its rows. */
export interface XlsxTableWords {
  /** "de prognose": "Verdeel de prognose over meerdere bestanden." */
  content: string;
  /** What goes under the header row: "de vensters", "de uren". */
  rows: string;
}

/**
 * Returns the result of `start`'s reader over the first worksheet of an .xlsx file, or one Dutch whole-file error
 * (never throws). The header is the first row that is not blank.
 * Edge: as prognoseXlsxParse: the zip is checked (size, bomb) before anything is read, and the sheet is streamed,
 * so reading stops at the first row the reader refuses (too many rows) without inflating the rest.
 */
export async function xlsxTableParse<R>(
  buffer: Buffer | ArrayBuffer | Uint8Array,
  start: (headers: string[], line: number) => XlsxTableReader<R> | R,
  opts: { maxRows?: number; words: XlsxTableWords },
  stats: XlsxParseStats = { lastLineRead: 0 },
): Promise<R | XlsxFailure> {
  const { content, rows } = opts.words;
  try {
    const buf = Buffer.isBuffer(buffer)
      ? buffer
      : buffer instanceof ArrayBuffer
        ? Buffer.from(buffer)
        : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    if (buf.length > UPLOAD_LIMITS.maxBytes) {
      return xlsxFailure(`Het bestand is groter dan ${UPLOAD_LIMITS.maxBytes / 1024 / 1024} MB. Verdeel ${content} over meerdere bestanden.`);
    }
    const problem = await xlsxZipProblem(buf);
    if (problem !== null) return xlsxFailure(problem);
    const maxRows = opts.maxRows ?? UPLOAD_LIMITS.maxRows;

    try {
      const sheet = await xlsxFirstSheetOpen(buf, zipCentralDirectoryRead(buf) ?? []);
      let reader: XlsxTableReader<R> | null = null;
      for await (const batch of sheet.rowBatches()) {
        for (const { line, cells: values } of batch) {
          stats.lastLineRead = line;
          const cells = values.map(xlsxValueToCell);
          if (reader === null) {
            if (cells.every(cellIsBlank)) continue;
            const started = start(cells.map(cellToHeaderText), line);
            if (!(typeof started === 'object' && started !== null && 'add' in started)) return started;
            reader = started as XlsxTableReader<R>;
            continue;
          }
          // Returning ends the generator, which stops inflating the rest of the sheet.
          const early = reader.add({ line, cells });
          if (early !== null) return early;
        }
      }
      if (reader === null) {
        return xlsxFailure(`Het eerste werkblad ("${sheet.name}") is leeg. Zet de kopregel in rij 1 en ${rows} daaronder, zoals in het sjabloon.`);
      }
      return reader.finish();
    } catch (error) {
      if (error instanceof XlsxReadError && error.reason === 'no-sheet') return xlsxFailure('Het Excel-bestand bevat geen werkblad.');
      if (error instanceof XlsxReadError && error.reason === 'too-much-text') {
        return xlsxFailure(
          `Het Excel-bestand bevat meer tekst dan in ${maxRows.toLocaleString('nl-NL')} regels past en wordt daarom niet ` +
            `verwerkt. Verdeel ${content} over meerdere bestanden.`,
        );
      }
      return xlsxFailure(`${NOT_XLSX} Het kon niet worden gelezen. ${RESAVE}`);
    }
  } catch {
    return xlsxFailure(`Het Excel-bestand kon niet worden verwerkt. ${RESAVE}`);
  }
}

/**
 * Returns the validated send windows on the first worksheet of an .xlsx file, or Dutch errors (never throws).
 * Edge: date cells are Amsterdam wall-clock times (a time in the DST gap or the doubled autumn hour is an
 * error); text cells may hold dates like 15-01-2027 08:00; formula cells use their stored result; rows with
 * only empty cells are skipped; not-a-zip, a zip bomb or an unreadable workbook give one Dutch error.
 * The sheet is streamed: reading stops at the first data row above maxRows (`tooManyRows: true`), so the
 * rest of a huge sheet is never inflated, and the event loop gets a turn between chunks.
 */
export function prognoseXlsxParse(
  buffer: Buffer | ArrayBuffer | Uint8Array,
  opts: PrognoseParseOptions = {},
  stats: XlsxParseStats = { lastLineRead: 0 },
): Promise<ParseResult> {
  return xlsxTableParse<ParseResult>(
    buffer,
    (headers, line) => prognoseTableReader(headers, line, 'xlsx', opts),
    { maxRows: opts.maxRows, words: { content: 'de prognose', rows: 'de vensters' } },
    stats,
  );
}

function wallTimeToExcelDate(w: WallTime): Date {
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

const COLUMN_HELP: Record<PrognoseField, { verplicht: boolean; uitleg: string; width: number }> = {
  kenmerk: { verplicht: true, uitleg: 'Uw eigen unieke referentie van het venster, maximaal 100 tekens.', width: 16 },
  omschrijving: { verplicht: false, uitleg: 'Vrije toelichting, maximaal 500 tekens.', width: 36 },
  berichttype: { verplicht: true, uitleg: 'Soort bericht, maximaal 100 tekens.', width: 16 },
  start: { verplicht: true, uitleg: 'Begin van het verzendvenster, Nederlandse tijd (dd-mm-jjjj uu:mm).', width: 18 },
  eind: { verplicht: true, uitleg: 'Einde van het verzendvenster, na de start (dd-mm-jjjj uu:mm).', width: 18 },
  aantal_berichten: { verplicht: true, uitleg: 'Aantal berichten, geheel getal van 1 tot en met 1.000.000.000.', width: 18 },
  status: { verplicht: true, uitleg: 'concept of definitief. Annuleren gaat via de actie Annuleren.', width: 12 },
  afnemer: { verplicht: false, uitleg: 'OIN van de Afnemer (20 cijfers), als tekst. Mag leeg blijven.', width: 24 },
  vroegste_start: { verplicht: false, uitleg: 'Vroegst mogelijke start als het venster mag schuiven; niet na de start.', width: 18 },
  laatste_eind: { verplicht: false, uitleg: 'Laatst mogelijk eind als het venster mag schuiven; niet voor het eind.', width: 18 },
};

const DATE_FIELDS: readonly PrognoseField[] = ['start', 'eind', 'vroegste_start', 'laatste_eind'];

/**
 * Returns the Excel template: sheet "Prognose" with the header row and one example row (real date cells
 * in dd-mm-yyyy hh:mm, aantal_berichten as a #,##0 number), and a sheet "Toelichting" explaining the columns.
 * Edge: the example leaves afnemer empty; the afnemer column is formatted as text so OINs keep all 20 digits.
 */
export async function prognoseTemplateXlsx(): Promise<Buffer> {
  const e = PROGNOSE_TEMPLATE_EXAMPLE;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Capaciteitsdashboard MijnOverheid Berichtenbox';
  const ws = workbook.addWorksheet('Prognose', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = PROGNOSE_FIELDS.map((field) => ({
    header: field,
    key: field,
    width: COLUMN_HELP[field].width,
    style: DATE_FIELDS.includes(field)
      ? { numFmt: 'dd-mm-yyyy hh:mm' }
      : field === 'aantal_berichten'
        ? { numFmt: '#,##0' }
        : field === 'afnemer'
          ? { numFmt: '@' }
          : {},
  }));
  ws.getRow(1).font = { bold: true };
  const example: Record<PrognoseField, string | number | Date | null> = {
    kenmerk: e.kenmerk,
    omschrijving: e.omschrijving,
    berichttype: e.berichttype,
    start: wallTimeToExcelDate(e.start),
    eind: wallTimeToExcelDate(e.eind),
    aantal_berichten: e.aantalBerichten,
    status: e.status,
    afnemer: e.afnemer === '' ? null : e.afnemer,
    vroegste_start: wallTimeToExcelDate(e.vroegsteStart),
    laatste_eind: wallTimeToExcelDate(e.laatsteEind),
  };
  const row = ws.addRow(example);
  for (const field of DATE_FIELDS) row.getCell(field).numFmt = 'dd-mm-yyyy hh:mm';
  row.getCell('aantal_berichten').numFmt = '#,##0';
  row.getCell('afnemer').numFmt = '@';

  const help = workbook.addWorksheet('Toelichting');
  help.columns = [
    { header: 'Kolom', key: 'kolom', width: 18 },
    { header: 'Verplicht', key: 'verplicht', width: 10 },
    { header: 'Inhoud', key: 'uitleg', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const field of PROGNOSE_FIELDS) {
    help.addRow({ kolom: field, verplicht: COLUMN_HELP[field].verplicht ? 'ja' : 'nee', uitleg: COLUMN_HELP[field].uitleg });
  }
  help.addRow({});
  help.addRow({ kolom: 'Let op', uitleg: 'Alleen het eerste werkblad (Prognose) wordt ingelezen. Elk kenmerk mag één keer voorkomen.' });
  help.addRow({
    kolom: 'Tijden',
    uitleg:
      'Tijden zijn Nederlandse tijd. Een tijd die door de zomertijd niet bestaat of twee keer voorkomt, ' +
      'schrijft u als tekst met offset, bijvoorbeeld 2027-10-31T02:30:00+01:00.',
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
