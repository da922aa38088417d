import { describe, expect, it } from 'vitest';
import { prognoseTableParse, prognoseTableReader, type PrognoseTableRow } from './parse-table.js';

const HEADERS = ['kenmerk', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'];
const row = (line: number, kenmerk: string, status = 'concept'): PrognoseTableRow => ({
  line,
  cells: [kenmerk, 'Brief', '15-01-2027 08:00', '15-01-2027 09:00', 10, status],
});

describe('prognoseTableReader', () => {
  it('gives the header errors instead of a reader', () => {
    const result = prognoseTableReader(['kenmerk', 'onbekend'], 3, 'csv');
    expect('add' in result).toBe(false);
    expect(result).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ row: 3, field: 'onbekend' })]) });
  });

  it('stops with tooManyRows on the first non-empty row above maxRows, skipping empty rows', () => {
    const reader = prognoseTableReader(HEADERS, 1, 'csv', { maxRows: 2 });
    if (!('add' in reader)) throw new Error('header should be fine');
    expect(reader.add(row(2, 'A'))).toBeNull();
    expect(reader.add({ line: 3, cells: [null, '  ', undefined] })).toBeNull();
    expect(reader.add(row(4, 'B'))).toBeNull();
    expect(reader.add({ line: 5, cells: [] })).toBeNull();
    expect(reader.add(row(6, 'C'))).toMatchObject({ ok: false, tooManyRows: true });
  });

  it('gives what prognoseTableParse gives for the same rows, errors and duplicate kenmerken included', () => {
    const rows = [row(2, 'A'), row(3, 'B', 'kapot'), { line: 4, cells: [] }, row(5, 'A'), row(6, 'C')];
    const reader = prognoseTableReader(HEADERS, 1, 'csv');
    if (!('add' in reader)) throw new Error('header should be fine');
    for (const r of rows) expect(reader.add(r)).toBeNull();
    const streamed = reader.finish();
    expect(streamed).toEqual(prognoseTableParse({ headerLine: 1, headers: HEADERS, rows }, 'csv'));
    expect(streamed.ok ? [] : streamed.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'status'],
      [5, 'kenmerk'],
    ]);
  });
});
