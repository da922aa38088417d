import ExcelJS from 'exceljs';

export const CSV_HEADER = 'Kenmerk;Omschrijving;Berichttype;Start;Eind;Aantal_berichten;Status';

/** A CSV as Dutch Excel saves it: BOM, semicolons, CRLF. */
export function dutchCsv(rows: string[], header = CSV_HEADER): string {
  return '\uFEFF' + [header, ...rows].join('\r\n') + '\r\n';
}

/** A real .xlsx workbook with the given header and rows (Dates become date cells). */
export async function xlsxFile(header: string[], rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Prognose');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(4).numFmt = 'dd-mm-yyyy hh:mm';
  ws.getColumn(5).numFmt = 'dd-mm-yyyy hh:mm';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An Excel date cell holds wall-clock time: exceljs reads and writes it as a Date with those UTC fields. */
export function excelWallTime(y: number, m: number, d: number, h: number, min = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, min));
}
