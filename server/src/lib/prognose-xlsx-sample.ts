/**
 * Writes large prognosis workbooks with exceljs' streaming writer, for the benchmark (`pnpm bench`) and the
 * tests of the row limit: the file goes straight to disk, row by row, so generating 580,000 rows stays small.
 */
import ExcelJS from 'exceljs';

/** Writes `rows` data rows under the template header: unique kenmerken, real date cells, shared strings. */
export async function prognoseWorkbookSampleWrite(filename: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useSharedStrings: true, useStyles: true, zip: { zlib: { level: 9 } } });
  const ws = wb.addWorksheet('Prognose');
  ws.addRow(['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status']).commit();
  for (let i = 0; i < rows; i++) {
    const start = new Date(Date.UTC(2027, 0, 1 + (i % 300), 8 + (i % 10)));
    const row = ws.addRow([`K-${i}`, 'Jaaropgave', 'Brief', start, new Date(start.getTime() + 3_600_000), 1000 * (1 + (i % 20)), 'concept']);
    row.getCell(4).numFmt = 'dd-mm-yyyy hh:mm';
    row.getCell(5).numFmt = 'dd-mm-yyyy hh:mm';
    row.commit();
  }
  await ws.commit();
  await wb.commit();
}
