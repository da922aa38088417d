import { describe, expect, it } from 'vitest';
import { csvCell, csvRows } from './csv-export.js';

describe('csvCell', () => {
  it.each(['=SUM(A1:A2)', '+31 6 1234', '-2+3', '@cmd', '\t=1', '\r=1'])('prefixes %j with a single quote so it is no formula', (text) => {
    expect(csvCell(text).replace(/^"|"$/g, '').startsWith(`'${text[0]}`)).toBe(true);
  });

  it('leaves ordinary text, numbers and a negative number alone', () => {
    expect(csvCell('Belastingdienst')).toBe('Belastingdienst');
    expect(csvCell(1250000)).toBe('1250000');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.25)).toBe('0.25');
  });

  it('quotes cells with the separator, quotes or line breaks, doubling inner quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('zei "ja"')).toBe('"zei ""ja"""');
    expect(csvCell('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
    expect(csvCell('=1;2')).toBe(`"'=1;2"`);
  });

  it('writes empty cells for null and undefined, ISO for dates, ja/nee for booleans', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(new Date('2027-02-01T09:00:00Z'))).toBe('2027-02-01T09:00:00.000Z');
    expect(csvCell(true)).toBe('ja');
  });
});

describe('csvRows', () => {
  it('starts with a BOM and ends every row with CRLF, cells separated by semicolons', () => {
    expect(
      csvRows([
        ['a', 1],
        ['=b', null],
      ]),
    ).toBe("\uFEFFa;1\r\n'=b;\r\n");
  });

  it('gives only the BOM for no rows', () => {
    expect(csvRows([])).toBe('\uFEFF');
  });
});
