import { describe, expect, it } from 'vitest';
import { tableCellValue, tableExportFileName, TableExportInput } from './table-export.js';

describe('tableCellValue', () => {
  it('reads Dutch numbers as numbers', () => {
    expect(tableCellValue('1.250.000')).toBe(1_250_000);
    expect(tableCellValue('-3,5')).toBe(-3.5);
    expect(tableCellValue('12.345,67')).toBe(12_345.67);
    expect(tableCellValue('0')).toBe(0);
    expect(tableCellValue('42')).toBe(42);
  });
  it('keeps everything else as the text it shows', () => {
    expect(tableCellValue('007')).toBe('007');
    expect(tableCellValue('1.2')).toBe('1.2');
    expect(tableCellValue('12 %')).toBe('12 %');
    expect(tableCellValue('wo 2 dec 14:00')).toBe('wo 2 dec 14:00');
    expect(tableCellValue('=SUM(A1)')).toBe('=SUM(A1)');
    expect(tableCellValue('  ')).toBeNull();
  });
});

describe('tableExportFileName', () => {
  it('makes a safe file name of a Dutch title', () => {
    expect(tableExportFileName('Conflicten (open)')).toBe('conflicten-open.xlsx');
    expect(tableExportFileName('Belasting per uur – coördinatie')).toBe('belasting-per-uur-coordinatie.xlsx');
    expect(tableExportFileName('"../..";')).toBe('tabel.xlsx');
  });
});

describe('TableExportInput', () => {
  it('refuses a row with more cells than columns, and too many rows', () => {
    expect(TableExportInput.safeParse({ title: 'x', columns: ['a'], rows: [['1', '2']] }).success).toBe(false);
    expect(TableExportInput.safeParse({ title: 'x', columns: ['a'], rows: Array(10_001).fill(['1']) }).success).toBe(false);
    expect(TableExportInput.safeParse({ title: 'x', columns: ['a'], rows: [['1']] }).success).toBe(true);
  });
});
