/** Parsing of a prognosis CSV file (as saved by Excel: `;` or `,`, BOM, CRLF). */
import { csvDelimiterDetect, csvRecordsIterate, CsvSyntaxError, type CsvRecord } from './csv.js';
import { type PrognoseParseOptions, type PrognoseRowSink, type PrognoseTableRow, prognoseTableParse } from './parse-table.js';
import type { ParseResult } from './types.js';

function* csvRecordsToRows(records: Iterable<CsvRecord>): Generator<PrognoseTableRow> {
  for (const record of records) yield { line: record.line, cells: record.fields };
}

/**
 * Returns the validated send windows of a prognosis CSV, or every error (row, field, Dutch message).
 * Edge: an empty file, a header without data rows and an unclosed quote are errors; more than maxRows
 * (default UPLOAD_LIMITS.maxRows) data rows stops reading and gives `tooManyRows: true` with one message. With a
 * `sink` the valid rows go there as they are read and the result's `rows` stays empty (see PrognoseRowSink).
 */
export function prognoseCsvParse(text: string, opts: PrognoseParseOptions = {}, sink?: PrognoseRowSink): ParseResult {
  const delimiter = csvDelimiterDetect(text);
  const records = csvRecordsIterate(text, delimiter);
  try {
    const first = records.next();
    if (first.done) {
      return {
        ok: false,
        errors: [{ field: '', message: 'Het bestand is leeg. Gebruik het sjabloon: een kopregel met daaronder de vensters.' }],
      };
    }
    const header: CsvRecord = first.value;
    return prognoseTableParse({ headerLine: header.line, headers: header.fields, rows: csvRecordsToRows(records) }, 'csv', opts, sink);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, errors: [{ row: e.line, field: '', message: e.message }] };
    throw e;
  }
}
