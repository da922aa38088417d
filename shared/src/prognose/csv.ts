/** RFC 4180 CSV reading and writing, tuned for files saved by Dutch Excel (`;`, BOM, CRLF). */

export type CsvDelimiter = ';' | ',';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** One logical record; `line` is the 1-based physical line where it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; delimiter: CsvDelimiter; records: CsvRecord[] } | { ok: false; line: number; message: string };

/** Thrown by csvRecordsIterate when the text is not valid CSV; `line` is 1-based. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/**
 * Returns the text without a leading UTF-8 byte order mark.
 * Edge: only one BOM at the very start is removed; a BOM elsewhere is kept as content.
 */
export function csvBomStrip(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Returns `;` or `,`, whichever occurs more often outside quotes in the first non-empty line.
 * Edge: a tie (including a line with neither) gives `;`, the Dutch Excel default.
 */
export function csvDelimiterDetect(text: string): CsvDelimiter {
  const body = csvBomStrip(text);
  let semicolons = 0;
  let commas = 0;
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (inQuotes) {
      if (ch === '"') {
        if (body[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (seenContent) break;
      continue;
    }
    seenContent = true;
    if (ch === '"') inQuotes = true;
    else if (ch === ';') semicolons++;
    else if (ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

/**
 * Yields the records of a CSV text one by one, so a caller can stop early on huge files.
 * Edge: strips a BOM, accepts CRLF, LF and lone CR, skips completely empty lines (a line with only
 * delimiters is a record of empty fields), and throws CsvSyntaxError for a quote that is never closed.
 */
export function* csvRecordsIterate(text: string, delimiter: CsvDelimiter): Generator<CsvRecord> {
  const body = csvBomStrip(text);
  const n = body.length;
  const delimiterCode = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  while (i < n) {
    // Completely empty line: skip it.
    const first = body[i];
    if (first === '\n' || first === '\r') {
      i += first === '\r' && body[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && body.charCodeAt(i) === QUOTE) {
        // Quoted field: copy runs of ordinary characters with slice, handle quotes and line breaks.
        const quoteLine = line;
        i++;
        let closed = false;
        let runStart = i;
        while (i < n) {
          const c = body.charCodeAt(i);
          if (c === QUOTE) {
            field += body.slice(runStart, i);
            if (body.charCodeAt(i + 1) === QUOTE) {
              field += '"';
              i += 2;
              runStart = i;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === CR) {
            field += body.slice(runStart, i) + '\n';
            i += body.charCodeAt(i + 1) === LF ? 2 : 1;
            runStart = i;
            line++;
            continue;
          }
          if (c === LF) line++;
          i++;
        }
        if (!closed) {
          throw new CsvSyntaxError(
            quoteLine,
            `Het aanhalingsteken dat op regel ${quoteLine} begint, wordt nergens afgesloten. ` + 'Controleer of elk veld dat met " begint ook met " eindigt.',
          );
        }
      }
      // Unquoted part (or text after a closing quote, kept as-is to be lenient).
      const runStart = i;
      while (i < n) {
        const c = body.charCodeAt(i);
        if (c === delimiterCode || c === LF || c === CR) break;
        i++;
      }
      if (i > runStart) field += body.slice(runStart, i);
      fields.push(field);
      field = '';
      if (i >= n) {
        endOfRecord = true;
      } else if (body[i] === delimiter) {
        i++;
        if (i >= n) {
          fields.push('');
          endOfRecord = true;
        }
      } else {
        i += body[i] === '\r' && body[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
      }
    }
    yield { line: startLine, fields };
  }
}

/**
 * Returns all records of a CSV text with the delimiter detected from its header line.
 * Edge: an unclosed quote gives `{ ok: false }` with the line where the quoted field starts.
 */
export function csvParse(text: string): CsvParseResult {
  const delimiter = csvDelimiterDetect(text);
  try {
    return { ok: true, delimiter, records: [...csvRecordsIterate(text, delimiter)] };
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, line: e.line, message: e.message };
    throw e;
  }
}

/**
 * Returns the field quoted when it holds the delimiter, a quote, a line break or outer spaces.
 * Edge: quotes inside are doubled; an empty field stays empty (unquoted).
 */
export function csvFieldQuote(field: string, delimiter: CsvDelimiter): string {
  if (field.includes(delimiter) || field.includes('"') || field.includes('\n') || field.includes('\r') || field !== field.trim()) {
    return `"${field.replace(/"/g, '""')}"`;
  }
  return field;
}

/**
 * Returns the rows as CSV text with CRLF line ends, each row terminated, optionally preceded by a BOM.
 * Edge: a row holding only one empty field is written as `""` so it is not read back as an empty line.
 */
export function csvFormat(rows: readonly (readonly string[])[], opts: { delimiter?: CsvDelimiter; bom?: boolean } = {}): string {
  const delimiter = opts.delimiter ?? ';';
  const lines = rows.map((row) => (row.length === 1 && row[0] === '' ? '""' : row.map((f) => csvFieldQuote(f, delimiter)).join(delimiter)));
  return (opts.bom ? '\uFEFF' : '') + lines.map((l) => `${l}\r\n`).join('');
}
