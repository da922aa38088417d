/**
 * CSV for spreadsheets, as Dutch Excel opens it: `;` between cells, a BOM, CRLF line ends. Every text cell
 * that a spreadsheet would read as a formula gets a leading single quote, so an export cannot run anything.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

/** Characters that make a spreadsheet treat a cell as a formula (tab and CR too, as OWASP advises). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";\r\n]|^\s|\s$/;

/**
 * Returns one cell, neutralised and quoted where needed.
 * Edge: `'=SUM(A1)'` becomes `'=SUM(A1)`, `'-5'` (text) becomes `'-5`; the number -5 stays `-5`, since numbers
 * come from us and cannot be formulas. null and undefined become an empty cell; dates become ISO 8601.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (value instanceof Date) return value.toISOString();
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Returns a whole file: BOM, rows of cells joined by `;`, every line ending in CRLF.
 * Edge: no rows gives just the BOM.
 */
export function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(';') + '\r\n').join('');
}
