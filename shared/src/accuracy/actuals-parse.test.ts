import { describe, expect, it } from 'vitest';
import { actualsCsvParse, actualsTableReader } from './actuals-parse.js';

const OIN = '00000001001234567000';
const NOW = Date.UTC(2027, 0, 20, 12);

describe('actualsCsvParse', () => {
  it('reads a Dutch Excel export with BOM, semicolons, CRLF and grouped counts', () => {
    const text = `\uFEFFOIN;Uur;Aantal\r\n${OIN};15-01-2027 09:00;1.250\r\n${OIN};2027-01-15T10:00+01:00;0\r\n`;
    expect(actualsCsvParse(text, { now: NOW })).toEqual({
      ok: true,
      rows: [
        { line: 2, afnemer: OIN, hour: Date.UTC(2027, 0, 15, 8), count: 1250 },
        { line: 3, afnemer: OIN, hour: Date.UTC(2027, 0, 15, 9), count: 0 },
      ],
    });
  });

  it('reports every bad row with its field, and a repeated hour naming the earlier line', () => {
    const text = `oin;uur;aantal\n123;15-01-2027 09:00;10\n${OIN};15-01-2027 09:30;10\n${OIN};15-01-2027 09:00;1,5\n${OIN};21-01-2027 09:00;5\n${OIN};15-01-2027 08:00;5\n${OIN};15-01-2027 08:00;6\n`;
    const result = actualsCsvParse(text, { now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'oin'],
      [3, 'uur'],
      [4, 'aantal'],
      [5, 'uur'],
      [7, 'uur'],
    ]);
    expect(result.errors[4]!.message).toContain('regel 6');
  });

  it('refuses the doubled autumn hour without offset and accepts both passes with one', () => {
    const now = Date.UTC(2026, 10, 1);
    const bare = actualsCsvParse(`oin;uur;aantal\n${OIN};25-10-2026 02:00;5\n`, { now });
    expect(bare.ok).toBe(false);
    const both = actualsCsvParse(`oin;uur;aantal\n${OIN};2026-10-25T02:00+02:00;5\n${OIN};2026-10-25T02:00+01:00;7\n`, { now });
    expect(both.ok && both.rows.map((r) => r.hour)).toEqual([Date.UTC(2026, 9, 25, 0), Date.UTC(2026, 9, 25, 1)]);
  });

  it('stops at too many rows and names missing columns', () => {
    const many = actualsCsvParse(`oin;uur;aantal\n${OIN};15-01-2027 08:00;1\n${OIN};15-01-2027 09:00;1\n`, { now: NOW, maxRows: 1 });
    expect(many).toMatchObject({ ok: false, tooManyRows: true });
    const missing = actualsCsvParse('oin;aantal\n', { now: NOW });
    expect(missing).toMatchObject({ ok: false, errors: [{ row: 1, field: 'uur' }] });
  });
});

describe('actualsTableReader with Excel cells', () => {
  const reader = () => {
    const r = actualsTableReader(['OIN', 'Uur', 'Aantal'], 1, 'xlsx', { now: NOW });
    if (!('add' in r)) throw new Error('header refused');
    return r;
  };
  // An Excel date cell holds Amsterdam wall-clock time in its UTC fields.
  const wall = (y: number, m: number, d: number, h: number, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

  it('reads date cells as Amsterdam wall-clock hours and number cells as counts, 0 included', () => {
    const r = reader();
    expect(r.add({ line: 2, cells: [OIN, wall(2027, 1, 15, 9), 1250] })).toBeNull();
    expect(r.add({ line: 3, cells: [OIN, wall(2026, 7, 1, 9), 0] })).toBeNull();
    expect(r.finish()).toEqual({
      ok: true,
      rows: [
        { line: 2, afnemer: OIN, hour: Date.UTC(2027, 0, 15, 8), count: 1250 },
        { line: 3, afnemer: OIN, hour: Date.UTC(2026, 6, 1, 7), count: 0 },
      ],
    });
  });

  it('refuses an OIN as a number, an hour in the spring gap, a plain number as hour, a fraction and an error cell, by row and field', () => {
    const r = reader();
    r.add({ line: 2, cells: [1000000000000001, wall(2027, 1, 15, 9), 5] });
    r.add({ line: 3, cells: [OIN, wall(2026, 3, 29, 2), 5] });
    r.add({ line: 4, cells: [OIN, 46392.375, 5] });
    r.add({ line: 5, cells: [OIN, wall(2027, 1, 15, 10), 2.5] });
    r.add({ line: 6, cells: [OIN, wall(2027, 1, 15, 11), { invalid: 'De cel bevat de Excel-fout #N/A.' }] });
    r.add({ line: 7, cells: [null, '', undefined] });
    const result = r.finish();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'oin'],
      [3, 'uur'],
      [4, 'uur'],
      [5, 'aantal'],
      [6, 'aantal'],
    ]);
    expect(result.errors[0]!.message).toContain('celnotatie Tekst');
    expect(result.errors[4]!.message).toBe('De cel bevat de Excel-fout #N/A.');
  });
});
