/**
 * "Download als Excel" (decision 013): the web sends the table exactly as it shows it (its column heads and the
 * text of each cell, after its own filters and sorting) and the server writes that as XLSX. The body and the rule
 * that turns a shown cell into a spreadsheet value live here, so the server and the tests read them from one home.
 */
import { z } from 'zod';

export const TABLE_EXPORT_MAX_ROWS = 10_000;
export const TABLE_EXPORT_MAX_COLUMNS = 40;

const Cell = z.string().max(2_000, 'Een cel is hoogstens 2.000 tekens.');

export const TableExportInput = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'Geef de tabel een naam.')
      .max(80, 'Hoogstens 80 tekens.')
      .meta({ description: 'Naam van de tabel: werkblad en bestandsnaam' }),
    columns: z.array(Cell).min(1, 'Minstens één kolom.').max(TABLE_EXPORT_MAX_COLUMNS, `Hoogstens ${TABLE_EXPORT_MAX_COLUMNS} kolommen.`),
    rows: z.array(z.array(Cell)).max(TABLE_EXPORT_MAX_ROWS, `Hoogstens ${TABLE_EXPORT_MAX_ROWS} regels.`),
    filters: z.string().trim().max(500).default('').meta({ description: 'De filters van de tabel, als tekst (komt boven de tabel)' }),
  })
  .refine((t) => t.rows.every((r) => r.length <= t.columns.length), { message: 'Een regel heeft meer cellen dan er kolommen zijn.', path: ['rows'] })
  .meta({
    id: 'TableExportInput',
    example: { title: 'Verzendmomenten', columns: ['Kenmerk', 'Aantal'], rows: [['A-1', '1.250.000']], filters: 'Status: definitief' },
  });
export type TableExportInput = z.infer<typeof TableExportInput>;

const DUTCH_INTEGER = /^-?\d{1,3}(\.\d{3})*$|^-?\d+$/;
const DUTCH_DECIMAL = /^-?\d{1,3}(\.\d{3})*,\d+$|^-?\d+,\d+$/;

/**
 * Returns a shown cell as a spreadsheet value: a Dutch number ("1.250.000", "-3,5") as a number, everything else
 * as the text it shows. Edge: "007" and "1.2" (not Dutch grouping) stay text, as do "12 %" and dates; an empty
 * cell is null.
 */
export function tableCellValue(text: string): string | number | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^-?0\d/.test(t)) return t;
  if (DUTCH_INTEGER.test(t)) return Number(t.replaceAll('.', ''));
  if (DUTCH_DECIMAL.test(t)) return Number(t.replaceAll('.', '').replace(',', '.'));
  return t;
}

/** Returns a file name for a table: lower-case letters, digits and dashes, then `.xlsx`. Edge: "Conflicten (open)" gives "conflicten-open.xlsx". */
export function tableExportFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'tabel'}.xlsx`;
}
