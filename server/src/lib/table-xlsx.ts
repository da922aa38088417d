/** "Download als Excel" (decision 013): one writer for every table of the web, with exceljs. */
import { instantFormatAmsterdamDutch, tableCellValue, type TableExportInput } from '@cd/shared';
import ExcelJS from 'exceljs';

/** Excel refuses these in a sheet name; it allows 31 characters. */
const sheetName = (title: string) => title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Tabel';

/**
 * Returns the workbook bytes: sheet 1 the table as shown (heads in row 1, frozen and filterable; Dutch numbers as
 * numbers, all other cells as text, never as a formula), sheet 2 what was exported, with its filters and when.
 */
export async function tableXlsx(t: TableExportInput, at: Date, by: string): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Capaciteitsdashboard MijnOverheid';
  wb.created = at;
  const ws = wb.addWorksheet(sheetName(t.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(t.columns).font = { bold: true };
  for (const row of t.rows) ws.addRow(row.map(tableCellValue));
  ws.columns.forEach((col, i) => {
    const longest = Math.max(t.columns[i]?.length ?? 0, ...t.rows.slice(0, 500).map((r) => r[i]?.length ?? 0));
    col.width = Math.min(60, Math.max(8, longest + 2));
  });
  if (t.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
  const about = wb.addWorksheet('Over deze export');
  about.addRows([
    ['Tabel', t.title],
    ['Filters', t.filters || 'geen'],
    ['Regels', t.rows.length],
    ['Geëxporteerd', `${instantFormatAmsterdamDutch(at)} door ${by}`],
  ]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 16;
  about.getColumn(2).width = 80;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
