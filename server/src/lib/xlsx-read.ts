/**
 * Streaming read of the first worksheet of an .xlsx workbook that is already in memory (at most the upload
 * limit) and has passed the zip checks of prognose-xlsx.ts. Only the parts needed are inflated, one at a
 * time and in chunks: the workbook and its relationships (which sheet is first), the styles (which cells
 * are dates), the shared strings, and then the sheet itself row by row. The caller stops whenever it likes
 * (for example at the row limit), and the rest of the sheet is never inflated. Between chunks the event
 * loop gets a turn, so a large sheet does not hold up other requests.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createInflateRaw } from 'node:zlib';
import { XmlScanner, type XmlHandler } from './xml-scan.js';

/** One entry of the zip central directory, as prognose-xlsx.ts reads it. */
export interface XlsxZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** A cell as stored: text, number, date (wall-clock time in the UTC fields, as exceljs does), truth value,
 * an Excel error, a formula without a stored result, or empty. */
export type XlsxCellValue = string | number | boolean | Date | { error: string } | { formula: string } | null;

export interface XlsxSheetRow {
  /** The Excel row number (1-based). */
  line: number;
  /** Index 0 is column A; columns without a cell are null. */
  cells: XlsxCellValue[];
}

export const XLSX_READ_LIMITS = {
  /** Characters of shared strings kept in memory: far above what 100,000 rows of a prognosis need. */
  maxSharedStringChars: 64 * 1024 * 1024,
  /** Number of shared strings kept in memory. */
  maxSharedStrings: 2_000_000,
  /** Excel's own last column, XFD. */
  maxColumns: 16_384,
} as const;

/** Why a workbook could not be read; prognose-xlsx.ts turns each into a Dutch message. */
export class XlsxReadError extends Error {
  constructor(readonly reason: 'unreadable' | 'no-sheet' | 'too-much-text') {
    super(reason);
  }
}

const CHUNK_BYTES = 64 * 1024;

/** The numFmtIds that Excel itself defines as dates or times (ECMA-376 part 1, 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a number format code shows a date or time (the test exceljs uses: a y, m, d, h, s or b outside quotes and brackets). */
export function numFmtIsDate(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Converts an Excel serial date to a Date with the wall-clock time in its UTC fields, rounded to the millisecond. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** Returns the 1-based column of a cell reference like "AB12", or null when there are no letters. */
export function cellRefColumn(ref: string): number | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
    if (col > XLSX_READ_LIMITS.maxColumns) return null;
  }
  return i === 0 ? null : col;
}

function entryData(buf: Buffer, entry: XlsxZipEntry): Buffer {
  const local = entry.localHeaderOffset;
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  return buf.subarray(start, start + entry.compressedSize);
}

/** Yields the text of a zip entry in chunks, inflating as it goes; stops with an error past the declared size. */
async function* entryText(buf: Buffer, entry: XlsxZipEntry): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const data = entryData(buf, entry);
  if (entry.method === 0) {
    for (let offset = 0; offset < data.length; offset += CHUNK_BYTES) {
      yield decoder.decode(data.subarray(offset, offset + CHUNK_BYTES), { stream: true });
      await nextTurn();
    }
  } else {
    const inflate = createInflateRaw({ chunkSize: CHUNK_BYTES });
    inflate.end(data);
    let total = 0;
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > entry.uncompressedSize) throw new XlsxReadError('unreadable');
        yield decoder.decode(chunk, { stream: true });
        await nextTurn();
      }
    } finally {
      inflate.destroy();
    }
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}

async function entryScan(buf: Buffer, entry: XlsxZipEntry, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler);
  for await (const text of entryText(buf, entry)) scanner.write(text);
  scanner.end();
}

function pathJoin(baseDir: string, target: string): string {
  const parts = target.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

async function relationshipsRead(buf: Buffer, entries: Map<string, XlsxZipEntry>, part: string): Promise<Relationship[]> {
  const entry = entries.get(relsPathOf(part));
  if (!entry) return [];
  const dir = part.slice(0, part.lastIndexOf('/') + 1);
  const rels: Relationship[] = [];
  await entryScan(buf, entry, {
    open(name, attrs) {
      if (name === 'Relationship' && attrs.Id !== undefined && attrs.Target !== undefined && attrs.TargetMode !== 'External') {
        rels.push({ id: attrs.Id, type: attrs.Type ?? '', target: pathJoin(dir, attrs.Target) });
      }
    },
    close() {},
    text() {},
  });
  return rels;
}

/** Per cell style index (the `s` of a cell): whether its number format is a date. */
async function dateStylesRead(buf: Buffer, entry: XlsxZipEntry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const customDate = new Map<number, boolean>();
  const numFmtIds: number[] = [];
  let inCellXfs = false;
  let xfDepth = 0;
  await entryScan(buf, entry, {
    open(name, attrs, selfClosing) {
      if (name === 'numFmt' && attrs.numFmtId !== undefined) {
        customDate.set(Number(attrs.numFmtId), numFmtIsDate(attrs.formatCode ?? ''));
      } else if (name === 'cellXfs') {
        inCellXfs = !selfClosing;
      } else if (name === 'xf' && inCellXfs) {
        if (xfDepth === 0) numFmtIds.push(Number(attrs.numFmtId ?? 0));
        if (!selfClosing) xfDepth++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
      else if (name === 'xf' && xfDepth > 0) xfDepth--;
    },
    text() {},
  });
  return numFmtIds.map((id) => customDate.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
}

/** The shared string table; rich text runs are joined, phonetic runs (rPh) left out. */
async function sharedStringsRead(buf: Buffer, entry: XlsxZipEntry | undefined): Promise<string[]> {
  if (!entry) return [];
  const strings: string[] = [];
  let chars = 0;
  let current: string[] | null = null;
  let inText = false;
  let phoneticDepth = 0;
  await entryScan(buf, entry, {
    open(name, _attrs, selfClosing) {
      if (selfClosing) {
        if (name === 'si') strings.push('');
        return;
      }
      if (name === 'si') current = [];
      else if (name === 'rPh') phoneticDepth++;
      else if (name === 't' && current !== null && phoneticDepth === 0) inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phoneticDepth = Math.max(0, phoneticDepth - 1);
      else if (name === 'si' && current !== null) {
        const text = current.join('');
        chars += text.length;
        if (chars > XLSX_READ_LIMITS.maxSharedStringChars || strings.length >= XLSX_READ_LIMITS.maxSharedStrings) {
          throw new XlsxReadError('too-much-text');
        }
        strings.push(text);
        current = null;
      }
    },
    text(text) {
      if (inText && current !== null) current.push(text);
    },
  });
  return strings;
}

interface CellState {
  column: number;
  type: string;
  style: number;
  value: string[] | null;
  formula: string[] | null;
  inlineText: string[] | null;
}

/**
 * Opens the first worksheet (the first tab in the workbook) for streaming.
 * Edge: throws XlsxReadError('no-sheet') without a worksheet, ('unreadable') for broken parts, and
 * ('too-much-text') when the shared strings exceed XLSX_READ_LIMITS.
 */
export async function xlsxFirstSheetOpen(
  buf: Buffer,
  zipEntries: readonly XlsxZipEntry[],
): Promise<{ name: string; rowBatches: () => AsyncGenerator<XlsxSheetRow[]> }> {
  const entries = new Map(zipEntries.map((entry) => [entry.name, entry]));
  const rootRels = await relationshipsRead(buf, entries, '_rels/.rels').catch(() => []);
  const workbookPath = rootRels.find((rel) => rel.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookEntry = entries.get(workbookPath);
  if (!workbookEntry) throw new XlsxReadError('unreadable');

  let date1904 = false;
  let firstSheet: { name: string; relId: string } | null = null;
  await entryScan(buf, workbookEntry, {
    open(name, attrs) {
      if (name === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
      else if (name === 'sheet' && firstSheet === null) firstSheet = { name: attrs.name ?? '', relId: attrs.id ?? '' };
    },
    close() {},
    text() {},
  });
  const sheet = firstSheet as { name: string; relId: string } | null;
  if (sheet === null) throw new XlsxReadError('no-sheet');

  const rels = await relationshipsRead(buf, entries, workbookPath);
  const sheetEntry = entries.get(rels.find((rel) => rel.id === sheet.relId)?.target ?? '');
  if (!sheetEntry) throw new XlsxReadError('no-sheet');
  const partOfType = (suffix: string, fallback: string): XlsxZipEntry | undefined =>
    entries.get(rels.find((rel) => rel.type.endsWith(suffix))?.target ?? pathJoin(workbookPath.replace(/[^/]*$/, ''), fallback));
  const dateStyles = await dateStylesRead(buf, partOfType('/styles', 'styles.xml'));
  const sharedStrings = await sharedStringsRead(buf, partOfType('/sharedStrings', 'sharedStrings.xml'));

  async function* rowBatches(): AsyncGenerator<XlsxSheetRow[]> {
    let batch: XlsxSheetRow[] = [];
    let row: XlsxSheetRow | null = null;
    let lastLine = 0;
    let cell: CellState | null = null;
    let capture: string[] | null = null;
    let inInline = false;
    let phoneticDepth = 0;

    const cellValue = (c: CellState): XlsxCellValue => {
      const v = c.value === null ? null : c.value.join('');
      if (c.formula !== null && (v === null || (v === '' && c.type !== 'str'))) return { formula: c.formula.join('') };
      if (c.type === 'inlineStr') return c.inlineText === null ? v : c.inlineText.join('');
      if (v === null) return null;
      switch (c.type) {
        case 's': {
          const text = sharedStrings[Number.parseInt(v, 10)];
          if (text === undefined) throw new XlsxReadError('unreadable');
          return text;
        }
        case 'str':
          return v;
        case 'b':
          return v.trim() === '1' || v.trim() === 'true';
        case 'e':
          return { error: v };
        case 'd': {
          const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
          return Number.isNaN(date.getTime()) ? v : date;
        }
        default: {
          if (v.trim() === '') return null;
          const n = Number(v);
          if (!Number.isFinite(n)) return { error: '#VALUE!' };
          return dateStyles[c.style] === true ? excelSerialToDate(n, date1904) : n;
        }
      }
    };

    const handler: XmlHandler = {
      open(name, attrs, selfClosing) {
        switch (name) {
          case 'row': {
            const r = attrs.r === undefined ? Number.NaN : Number.parseInt(attrs.r, 10);
            lastLine = Number.isInteger(r) && r > 0 ? r : lastLine + 1;
            row = { line: lastLine, cells: [] };
            if (selfClosing) {
              batch.push(row);
              row = null;
            }
            break;
          }
          case 'c': {
            if (row === null) break;
            const column = attrs.r === undefined ? row.cells.length + 1 : cellRefColumn(attrs.r);
            if (column === null || column > XLSX_READ_LIMITS.maxColumns) throw new XlsxReadError('unreadable');
            cell = { column, type: attrs.t ?? 'n', style: Number(attrs.s ?? 0), value: null, formula: null, inlineText: null };
            break;
          }
          case 'v':
            if (cell !== null) capture = cell.value = [];
            break;
          case 'f':
            if (cell !== null) capture = cell.formula = [];
            break;
          case 'is':
            if (cell !== null) {
              inInline = true;
              cell.inlineText = [];
            }
            break;
          case 'rPh':
            phoneticDepth++;
            break;
          case 't':
            if (cell !== null && inInline && phoneticDepth === 0) capture = cell.inlineText;
            break;
        }
      },
      close(name) {
        switch (name) {
          case 'v':
          case 'f':
          case 't':
            capture = null;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            phoneticDepth = Math.max(0, phoneticDepth - 1);
            break;
          case 'c':
            if (row !== null && cell !== null) {
              const value = cellValue(cell);
              while (row.cells.length < cell.column - 1) row.cells.push(null);
              row.cells[cell.column - 1] = value;
            }
            cell = null;
            break;
          case 'row':
            if (row !== null) batch.push(row);
            row = null;
            break;
        }
      },
      text(text) {
        if (capture !== null) capture.push(text);
      },
    };

    const scanner = new XmlScanner(handler);
    for await (const text of entryText(buf, sheetEntry!)) {
      scanner.write(text);
      if (batch.length > 0) {
        const done = batch;
        batch = [];
        yield done;
      }
    }
    scanner.end();
    if (batch.length > 0) yield batch;
  }

  return { name: sheet.name, rowBatches };
}
