/**
 * Reading an actuals export (`oin;uur;aantal`, as Dutch Excel saves a CSV, or the first sheet of an .xlsx) into
 * validated hours, with the cell rules of the prognose reader.
 */
import { columnIndexToLetters, prognoseHeaderNormalize } from '../prognose/columns.js';
import { CsvSyntaxError, csvDelimiterDetect, csvRecordsIterate } from '../prognose/csv.js';
import { messageCountFromNumber, parseMessageCount } from '../prognose/dutch-number.js';
import { type PrognoseTableCell, type PrognoseTableRow, prognoseNoRowsResult, prognoseTooManyRowsResult } from '../prognose/parse-table.js';
import { type ParseResult, type RowError, UPLOAD_LIMITS } from '../prognose/types.js';
import { cellToInstant, type PrognoseCellValue } from '../prognose/validate-row.js';
import { instantFormatAmsterdamDutch } from '../time/wall-time.js';
import { DAY_MS, HOUR_MS } from '../time/units.js';

export const ACTUALS_FIELDS = ['oin', 'uur', 'aantal'] as const;
export type ActualsField = (typeof ACTUALS_FIELDS)[number];

/** Accepted header names per column, normalised as prognoseHeaderNormalize does. */
export const ACTUALS_COLUMN_ALIASES: Readonly<Record<ActualsField, readonly string[]>> = {
  oin: ['oin', 'afnemer', 'afnemeroin'],
  uur: ['uur', 'hour', 'tijd', 'start', 'tijdstip'],
  aantal: ['aantal', 'aantalberichten', 'berichten', 'count', 'messages'],
};

/** How far back an actual may go: it describes the past, never the future. */
export const ACTUALS_LIMITS = { maxPastDays: 2 * 366 } as const;

export interface ParsedActual {
  line: number;
  afnemer: string;
  /** Start of the hour (ms, a whole UTC hour). */
  hour: number;
  count: number;
}

export type ActualsParseResult = { ok: true; rows: ParsedActual[] } | { ok: false; errors: RowError[]; tooManyRows?: boolean };

export interface ActualsParseOptions {
  /** The current instant: an hour must have ended by now and lie at most ACTUALS_LIMITS.maxPastDays before it. */
  now: number;
  maxRows?: number;
}

/** The whole-file failures of the prognose reader, which carry no rows. */
function failed(r: ParseResult): ActualsParseResult {
  return r.ok ? { ok: false, errors: [] } : r;
}

const FIELD_BY_ALIAS = new Map(ACTUALS_FIELDS.flatMap((f) => ACTUALS_COLUMN_ALIASES[f].map((a) => [a, f] as const)));

/** Reads the rows of an actuals table one by one (a CSV, or a streamed Excel sheet). */
export interface ActualsTableReader {
  /** Validates one row; returns the final result early when reading must stop (too many rows), else null. */
  add(row: PrognoseTableRow): ActualsParseResult | null;
  /** Returns the result after the last row. */
  finish(): ActualsParseResult;
}

function cellIsBlank(cell: PrognoseTableCell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function cellIsInvalid(cell: PrognoseTableCell): cell is { invalid: string } {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** The cell as the text a message quotes. */
function cellText(cell: PrognoseTableCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return typeof cell === 'object' ? '' : String(cell).trim();
}

/**
 * Returns a reader for the rows under this header (CSV text cells, or Excel cells: numbers, date cells holding
 * Amsterdam wall-clock time, invalid cells), or the header errors.
 * Edge: `aantal` 0 is allowed (an hour without messages); an hour must start on a whole hour, have ended by `now`,
 * and may appear once per OIN in a file; the doubled autumn hour needs an offset in a text cell
 * (`2026-10-25T02:00+01:00`); an OIN stored as an Excel number is refused (20 digits do not fit a number).
 */
export function actualsTableReader(
  headers: readonly string[],
  headerLine: number,
  cellKind: 'csv' | 'xlsx',
  opts: ActualsParseOptions,
): ActualsTableReader | ActualsParseResult {
  const maxRows = opts.maxRows ?? UPLOAD_LIMITS.maxRows;
  const indexOf = new Map<ActualsField, number>();
  const errors: RowError[] = [];
  headers.forEach((raw, index) => {
    const field = FIELD_BY_ALIAS.get(prognoseHeaderNormalize(raw));
    if (raw.trim() === '') return;
    if (!field) {
      errors.push({
        row: headerLine,
        field: raw.trim(),
        message: `Onbekende kolom "${raw.trim()}" (kolom ${columnIndexToLetters(index)}). Toegestane kolommen zijn: ${ACTUALS_FIELDS.join(', ')}.`,
      });
    } else if (indexOf.has(field)) {
      errors.push({ row: headerLine, field, message: `De kolom ${field} komt twee keer voor. Laat er één over.` });
    } else indexOf.set(field, index);
  });
  for (const f of ACTUALS_FIELDS) {
    if (!indexOf.has(f)) errors.push({ row: headerLine, field: f, message: `De verplichte kolom ${f} ontbreekt in de kopregel.` });
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows: ParsedActual[] = [];
  const lineByKey = new Map<string, number>();
  let count = 0;
  const add = (record: PrognoseTableRow): ActualsParseResult | null => {
    const cell = (f: ActualsField): PrognoseTableCell => record.cells[indexOf.get(f)!];
    if (record.cells.every(cellIsBlank)) return null;
    if (++count > maxRows) return failed(prognoseTooManyRowsResult(maxRows));
    const line = record.line;
    const rowErrors: RowError[] = [];
    const invalid = (f: ActualsField): boolean => {
      const c = cell(f);
      if (!cellIsInvalid(c)) return false;
      rowErrors.push({ row: line, field: f, message: c.invalid });
      return true;
    };

    const oinCell = cell('oin');
    const oin = cellText(oinCell);
    if (typeof oinCell === 'number') {
      rowErrors.push({
        row: line,
        field: 'oin',
        message:
          'De OIN staat als getal in de cel; een getal van 20 cijfers is in Excel niet nauwkeurig. Geef de kolom oin de celnotatie Tekst en typ de OIN opnieuw.',
      });
    } else if (!invalid('oin') && !/^\d{20}$/.test(oin)) {
      rowErrors.push({ row: line, field: 'oin', message: `"${oin}" is geen OIN: een OIN bestaat uit precies 20 cijfers.` });
    }

    let hour: number | null = null;
    if (!invalid('uur')) {
      const uurCell = cell('uur') as PrognoseCellValue | undefined;
      const time = cellToInstant(uurCell, cellKind, 'uur');
      if (time.kind === 'empty') rowErrors.push({ row: line, field: 'uur', message: 'Het uur ontbreekt; de kolom uur is verplicht.' });
      else if (time.kind === 'error') rowErrors.push({ row: line, field: 'uur', message: time.message });
      else {
        const shown = `"${uurCell instanceof Date ? instantFormatAmsterdamDutch(time.instant) : cellText(uurCell)}"`;
        const ms = time.instant.getTime();
        if (ms % HOUR_MS !== 0) rowErrors.push({ row: line, field: 'uur', message: `Het uur ${shown} begint niet op een heel uur (minuten en seconden 0).` });
        else if (ms + HOUR_MS > opts.now)
          rowErrors.push({ row: line, field: 'uur', message: `Het uur ${shown} is nog niet voorbij: werkelijke aantallen gaan over het verleden.` });
        else if (ms < opts.now - ACTUALS_LIMITS.maxPastDays * DAY_MS) {
          rowErrors.push({ row: line, field: 'uur', message: `Het uur ${shown} ligt meer dan twee jaar terug; dat wordt niet meer bewaard.` });
        } else hour = ms;
      }
    }

    let n: number | null = null;
    const countCell = cell('aantal');
    if (!invalid('aantal')) {
      if (typeof countCell === 'number') {
        const parsed = countCell === 0 ? ({ ok: true, value: 0 } as const) : messageCountFromNumber(countCell);
        if (parsed.ok) n = parsed.value;
        else rowErrors.push({ row: line, field: 'aantal', message: parsed.message });
      } else if (countCell instanceof Date) {
        rowErrors.push({ row: line, field: 'aantal', message: 'Het aantal berichten bevat een datum in plaats van een getal.' });
      } else {
        const text = cellText(countCell);
        if (text === '0') n = 0;
        else {
          const parsed = parseMessageCount(text);
          if (parsed.ok) n = parsed.value;
          else rowErrors.push({ row: line, field: 'aantal', message: parsed.message });
        }
      }
    }

    if (rowErrors.length === 0 && hour !== null && n !== null) {
      const key = `${oin}|${hour}`;
      const earlier = lineByKey.get(key);
      if (earlier !== undefined) {
        rowErrors.push({
          row: line,
          field: 'uur',
          message: `Dit uur van OIN ${oin} staat ook al op regel ${earlier}. Elk uur mag maar één keer in het bestand staan.`,
        });
      } else {
        lineByKey.set(key, line);
        rows.push({ line, afnemer: oin, hour, count: n });
      }
    }
    errors.push(...rowErrors);
    return null;
  };
  const finish = (): ActualsParseResult => {
    if (count === 0) return failed(prognoseNoRowsResult());
    return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
  };
  return { add, finish };
}

/**
 * Returns the validated hours of an actuals CSV, or every error (row, field, Dutch message).
 * Edge: as actualsTableReader; an empty file or a file without data rows gives one whole-file error.
 */
export function actualsCsvParse(text: string, opts: ActualsParseOptions): ActualsParseResult {
  const records = csvRecordsIterate(text, csvDelimiterDetect(text));
  try {
    const first = records.next();
    if (first.done) return { ok: false, errors: [{ field: '', message: 'Het bestand is leeg. Gebruik een kopregel oin;uur;aantal met daaronder de uren.' }] };
    const reader = actualsTableReader(first.value.fields, first.value.line, 'csv', opts);
    if (!('add' in reader)) return reader;
    for (const record of records) {
      const early = reader.add({ line: record.line, cells: record.fields });
      if (early !== null) return early;
    }
    return reader.finish();
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, errors: [{ row: e.line, field: '', message: e.message }] };
    throw e;
  }
}
