import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvBomStrip, csvDelimiterDetect, csvFieldQuote, csvFormat, csvParse, csvRecordsIterate, CsvSyntaxError, type CsvRecord } from './csv.js';

function records(text: string): CsvRecord[] {
  const r = csvParse(text);
  if (!r.ok) throw new Error(r.message);
  return r.records;
}

describe('csvBomStrip', () => {
  it('removes a leading BOM and nothing else', () => {
    expect(csvBomStrip('\uFEFFa;b')).toBe('a;b');
    expect(csvBomStrip('a;\uFEFFb')).toBe('a;\uFEFFb');
  });
});

describe('csvDelimiterDetect', () => {
  it('picks ; for Dutch Excel files and , for English ones', () => {
    expect(csvDelimiterDetect('kenmerk;omschrijving;start\r\n')).toBe(';');
    expect(csvDelimiterDetect('kenmerk,omschrijving,start\n')).toBe(',');
  });

  it('ignores delimiters inside quotes and looks only at the header line', () => {
    expect(csvDelimiterDetect('"a,b,c";d\nx,y,z,w,v\n')).toBe(';');
    expect(csvDelimiterDetect('"a;b;c",d,e\n')).toBe(',');
    expect(csvDelimiterDetect('"kop met\nregeleinde,en komma";x\n')).toBe(';');
  });

  it('skips a BOM and leading empty lines, and defaults to ; on a tie', () => {
    expect(csvDelimiterDetect('\uFEFF\r\n\r\na,b\n')).toBe(',');
    expect(csvDelimiterDetect('a;b,c\n')).toBe(';');
    expect(csvDelimiterDetect('kenmerk\n')).toBe(';');
  });
});

describe('csvParse', () => {
  it('strips the BOM and reads CRLF lines with ;', () => {
    const r = csvParse('\uFEFFa;b\r\n1;2\r\n');
    expect(r).toEqual({
      ok: true,
      delimiter: ';',
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
    });
  });

  it('reads LF lines, lone CR lines and a last line without line end', () => {
    expect(records('a,b\n1,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
    expect(records('a;b\r1;2\r')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, keeping line numbers right', () => {
    const text = 'k;omschrijving;n\r\n"A;1";"zei ""hallo""";1\r\n"B";"regel een\r\nregel twee\nregel drie";2\r\nC;x;3\r\n';
    expect(records(text)).toEqual([
      { line: 1, fields: ['k', 'omschrijving', 'n'] },
      { line: 2, fields: ['A;1', 'zei "hallo"', '1'] },
      { line: 3, fields: ['B', 'regel een\nregel twee\nregel drie', '2'] },
      { line: 6, fields: ['C', 'x', '3'] },
    ]);
  });

  it('skips completely empty lines but counts them for line numbers', () => {
    expect(records('a;b\r\n\r\n1;2\r\n\r\n\r\n3;4\r\n\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 6, fields: ['3', '4'] },
    ]);
  });

  it('keeps a line of only delimiters as a record of empty fields', () => {
    expect(records('a;b\n;\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['', ''] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(records('a;;c;\n')).toEqual([{ line: 1, fields: ['a', '', 'c', ''] }]);
    expect(records('a;')).toEqual([{ line: 1, fields: ['a', ''] }]);
  });

  it('is lenient with stray quotes inside unquoted fields', () => {
    expect(records('a;b"c;"d"e\n')).toEqual([{ line: 1, fields: ['a', 'b"c', 'de'] }]);
  });

  it('reports an unclosed quote with the line where it starts', () => {
    const r = csvParse('a;b\n1;2\n3;"open\n4;5\n');
    expect(r).toMatchObject({ ok: false, line: 3, message: expect.stringMatching(/regel 3.*niet afgesloten|nergens afgesloten/) });
  });

  it('gives no records for an empty text or only a BOM', () => {
    expect(records('')).toEqual([]);
    expect(records('\uFEFF')).toEqual([]);
    expect(records('\r\n\r\n')).toEqual([]);
  });
});

describe('csvRecordsIterate', () => {
  it('yields lazily, so a caller can stop early', () => {
    const it = csvRecordsIterate('a\n1\n2\n"open', ';');
    expect(it.next().value).toEqual({ line: 1, fields: ['a'] });
    expect(it.next().value).toEqual({ line: 2, fields: ['1'] });
    it.return(undefined);
  });

  it('throws CsvSyntaxError only when the broken record is reached', () => {
    const it = csvRecordsIterate('a\n"open', ';');
    it.next();
    expect(() => it.next()).toThrow(CsvSyntaxError);
  });
});

describe('csvFieldQuote', () => {
  it('quotes only when needed', () => {
    expect(csvFieldQuote('abc', ';')).toBe('abc');
    expect(csvFieldQuote('a,b', ';')).toBe('a,b');
    expect(csvFieldQuote('a;b', ';')).toBe('"a;b"');
    expect(csvFieldQuote('a,b', ',')).toBe('"a,b"');
    expect(csvFieldQuote('zei "hoi"', ';')).toBe('"zei ""hoi"""');
    expect(csvFieldQuote('a\nb', ';')).toBe('"a\nb"');
    expect(csvFieldQuote(' a', ';')).toBe('" a"');
  });
});

describe('csvFormat', () => {
  it('writes a BOM on request and ends every row with CRLF', () => {
    expect(
      csvFormat(
        [
          ['a', 'b'],
          ['1', '2'],
        ],
        { bom: true },
      ),
    ).toBe('\uFEFFa;b\r\n1;2\r\n');
    expect(csvFormat([['a', 'b']], { delimiter: ',' })).toBe('a,b\r\n');
  });

  it('reads back what it writes, whatever the field contents (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ';', ',', '"', '\n', '\r\n', 'é', '\u00A0') });
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(table, fc.constantFrom(';' as const, ',' as const), fc.boolean(), (rows, delimiter, bom) => {
        const text = csvFormat(rows, { delimiter, bom });
        const expected = rows.map((row) => row.map((f) => f.replace(/\r\n/g, '\n')));
        const read = [...csvRecordsIterate(text, delimiter)].map((r) => r.fields);
        expect(read).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
