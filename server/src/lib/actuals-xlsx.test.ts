// The actuals upload reads workbooks with the prognose workbook reader (xlsxTableParse) and the actuals table reader.
import { type ActualsParseResult, actualsTableReader } from '@cd/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type XlsxParseStats, xlsxTableParse } from './prognose-xlsx.js';

const OIN = '00000001001234567000';
const NOW = Date.UTC(2027, 0, 20, 12);
const WORDS = { content: 'de aantallen', rows: 'de uren' };

async function workbook(rows: number, firstRow = 1): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Werkelijk');
  for (let i = 1; i < firstRow; i++) ws.addRow([]);
  ws.addRow(['oin', 'uur', 'aantal']);
  for (let i = 0; i < rows; i++) {
    const row = ws.addRow([OIN, new Date(Date.UTC(2027, 0, 1, 0) + i * 3600_000), 100 + i]);
    row.getCell(2).numFmt = 'dd-mm-yyyy hh:mm';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const parse = (buf: Buffer, maxRows: number, stats?: XlsxParseStats) =>
  xlsxTableParse<ActualsParseResult>(buf, (h, line) => actualsTableReader(h, line, 'xlsx', { now: NOW, maxRows }), { maxRows, words: WORDS }, stats);

describe('xlsxTableParse with the actuals reader', () => {
  it('finds the header below empty rows and numbers the errors and rows by Excel row', async () => {
    const result = await parse(await workbook(2, 3), 10);
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 4, afnemer: OIN, hour: Date.UTC(2026, 11, 31, 23), count: 100 },
        { line: 5, afnemer: OIN, hour: Date.UTC(2027, 0, 1, 0), count: 101 },
      ],
    });
  });

  it('stops reading at the first row above the limit, with tooManyRows and a Dutch message', async () => {
    const stats: XlsxParseStats = { lastLineRead: 0 };
    const result = await parse(await workbook(50), 5, stats);
    expect(result).toMatchObject({ ok: false, tooManyRows: true });
    expect(result.ok ? '' : result.errors[0]!.message).toContain('meer dan 5 regels');
    expect(stats.lastLineRead).toBe(7);
  });

  it('names the empty sheet in the words of actuals', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Leeg');
    const result = await parse(Buffer.from(await wb.xlsx.writeBuffer()), 5);
    expect(result).toEqual({ ok: false, errors: [{ field: '', message: expect.stringContaining('de uren daaronder') }] });
  });
});
