import { describe, expect, it } from 'vitest';
import { actualsCsvParse } from './actuals-parse.js';

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
