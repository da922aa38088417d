/** Turning a table (header row plus data rows, from CSV or Excel) into validated send windows. */
import { columnIndexToLetters, prognoseHeaderMap } from './columns.js';
import { type DateTextMemo, type PrognoseCellValue, type PrognoseRecord, prognoseRowValidate } from './validate-row.js';
import type { PlanningHorizon } from '../planning/horizon.js';
import { type ParsedRow, type ParseResult, type PrognoseField, type RowError, UPLOAD_LIMITS } from './types.js';

/** A cell that could not be read at all (e.g. an Excel error value); `invalid` is the Dutch reason. */
export interface PrognoseInvalidCell {
  invalid: string;
}

export type PrognoseTableCell = PrognoseCellValue | PrognoseInvalidCell | undefined;

/** One data row; `line` is its 1-based line (CSV) or row number (Excel). */
export interface PrognoseTableRow {
  line: number;
  cells: readonly PrognoseTableCell[];
}

export interface PrognoseTable {
  headerLine: number;
  headers: readonly string[];
  /** Consumed lazily, so parsing stops as soon as there are too many rows. */
  rows: Iterable<PrognoseTableRow>;
}

export interface PrognoseParseOptions {
  /** Maximum number of data rows; default UPLOAD_LIMITS.maxRows. */
  maxRows?: number;
  /** When given, every date and time must lie within it (a row error otherwise). */
  horizon?: PlanningHorizon | null;
}

function cellIsInvalid(cell: PrognoseTableCell): cell is PrognoseInvalidCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

function cellIsBlank(cell: PrognoseTableCell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function cellPreview(cell: PrognoseTableCell): string {
  const text = cellIsInvalid(cell) ? cell.invalid : cell instanceof Date ? cell.toISOString() : String(cell);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Returns the Dutch ParseResult for a file with more data rows than allowed, with `tooManyRows: true`.
 * Edge: one whole-file error (no row, field '') so the caller can answer 413 or 400 as it sees fit.
 */
export function prognoseTooManyRowsResult(maxRows: number): ParseResult {
  const shown = maxRows.toLocaleString('nl-NL');
  return {
    ok: false,
    tooManyRows: true,
    errors: [
      {
        field: '',
        message:
          `Het bestand bevat meer dan ${shown} regels met gegevens; dat is het maximum per upload. ` +
          `Verdeel de prognose over meerdere bestanden van hoogstens ${shown} regels.`,
      },
    ],
  };
}

/**
 * Returns the Dutch ParseResult for a file without any data rows.
 * Edge: one whole-file error (no row, field '').
 */
export function prognoseNoRowsResult(): ParseResult {
  return {
    ok: false,
    errors: [
      {
        field: '',
        message: 'Het bestand bevat geen regels met gegevens. Vul onder de kopregel minstens één venster in.',
      },
    ],
  };
}

/** Reads a table row by row, for callers that receive the rows in pieces (a streamed Excel sheet). */
export interface PrognoseTableReader {
  /** Validates one row; returns the final result early when reading must stop (too many rows), else null. */
  add(row: PrognoseTableRow): ParseResult | null;
  /** Returns the result after the last row. */
  finish(): ParseResult;
}

/**
 * Takes each valid row as it is read, instead of the result's `rows` (then empty): the bulk upload turns rows into
 * COPY text at once rather than holding 100,000 row objects (issue 16). `clean` is false once any earlier row had an
 * error: the file will be refused, whatever follows.
 */
export type PrognoseRowSink = (row: ParsedRow, clean: boolean) => void;

/**
 * Returns a reader for the rows under this header, or the header errors.
 * Edge: gives exactly what prognoseTableParse gives for the same rows (with a `sink`, the valid rows go there in
 * order and `rows` stays empty); after `add` returned a result, further rows must not be added.
 */
export function prognoseTableReader(
  headers: readonly string[],
  headerLine: number,
  cellKind: 'csv' | 'xlsx',
  opts: PrognoseParseOptions = {},
  sink?: PrognoseRowSink,
): PrognoseTableReader | ParseResult {
  const maxRows = opts.maxRows ?? UPLOAD_LIMITS.maxRows;
  const header = prognoseHeaderMap(headers, headerLine);
  if (!header.ok) return { ok: false, errors: header.errors };
  const { fieldByIndex } = header;

  const errors: RowError[] = [];
  const rows: ParsedRow[] = [];
  const lineByKenmerk = new Map<string, number>();
  const memo: DateTextMemo = new Map();
  let count = 0;

  const add = (row: PrognoseTableRow): ParseResult | null => {
    if (row.cells.every(cellIsBlank)) return null;
    count++;
    if (count > maxRows) return prognoseTooManyRowsResult(maxRows);

    const rowErrors: RowError[] = [];
    const record: PrognoseRecord = {};
    const invalidFields = new Set<PrognoseField>();
    row.cells.forEach((cell, index) => {
      const field = fieldByIndex[index] ?? null;
      if (field === null) {
        if (!cellIsBlank(cell)) {
          const letter = columnIndexToLetters(index);
          rowErrors.push({
            row: row.line,
            field: `kolom ${letter}`,
            message:
              `Kolom ${letter} heeft geen kopnaam, maar bevat wel een waarde ("${cellPreview(cell)}"). ` +
              'Geef de kolom een naam in de kopregel of maak de cel leeg.',
          });
        }
        return;
      }
      if (cellIsInvalid(cell)) {
        invalidFields.add(field);
        rowErrors.push({ row: row.line, field, message: cell.invalid });
        return;
      }
      record[field] = cell ?? null;
    });

    const result = prognoseRowValidate(record, row.line, cellKind, opts.horizon ?? null, memo);
    if (result.ok) {
      if (rowErrors.length === 0) {
        if (sink) sink({ line: row.line, window: result.window }, errors.length === 0);
        else rows.push({ line: row.line, window: result.window });
      }
    } else {
      rowErrors.push(...result.errors.filter((e) => !invalidFields.has(e.field as PrognoseField)));
    }

    const kenmerkCell = record.kenmerk;
    const kenmerk = typeof kenmerkCell === 'string' ? kenmerkCell.trim() : typeof kenmerkCell === 'number' ? String(kenmerkCell) : '';
    if (kenmerk !== '') {
      const earlier = lineByKenmerk.get(kenmerk);
      if (earlier === undefined) {
        lineByKenmerk.set(kenmerk, row.line);
      } else {
        rowErrors.push({
          row: row.line,
          field: 'kenmerk',
          message: `Het kenmerk "${kenmerk}" staat ook al op regel ${earlier}. Elk kenmerk mag maar één keer in het bestand voorkomen.`,
        });
      }
    }
    errors.push(...rowErrors);
    return null;
  };

  const finish = (): ParseResult => {
    if (count === 0) return prognoseNoRowsResult();
    return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
  };
  return { add, finish };
}

/**
 * Returns every validated row of the table, or every error found (header, cells, cross-row rules).
 * Edge: rows whose cells are all empty are skipped; more than maxRows data rows stops reading and gives
 * `tooManyRows: true`; a repeated kenmerk is an error on the later row naming the earlier line.
 */
export function prognoseTableParse(table: PrognoseTable, cellKind: 'csv' | 'xlsx', opts: PrognoseParseOptions = {}, sink?: PrognoseRowSink): ParseResult {
  const reader = prognoseTableReader(table.headers, table.headerLine, cellKind, opts, sink);
  if (!('add' in reader)) return reader;
  for (const row of table.rows) {
    const early = reader.add(row);
    if (early !== null) return early;
  }
  return reader.finish();
}
