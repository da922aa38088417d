import { describe, expect, it } from 'vitest';
import { prognoseCsvParse } from './parse-csv.js';
import { UPLOAD_LIMITS, type ParseResult } from './types.js';

const HEADER = 'Kenmerk;Omschrijving;Berichttype;Start;Eind;Aantal_berichten;Status';
const ROW_1 = 'BD-001;Aanslag IB;Aanslag;15-01-2027 08:00;15-01-2027 18:00;1.250.000;concept';
const ROW_2 = 'BD-002;Toeslagen;Beschikking;15-07-2027 08:00;15-07-2027 12:00;300000;definitief';

/** A CSV as Dutch Excel saves it: BOM, semicolons, CRLF. */
function dutchCsv(rows: string[], header = HEADER): string {
  return '\uFEFF' + [header, ...rows].join('\r\n') + '\r\n';
}

function errorsOf(result: ParseResult): { row?: number; field: string; message: string }[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

function summary(result: ParseResult): [number | undefined, string][] {
  return errorsOf(result).map((e) => [e.row, e.field]);
}

describe('prognoseCsvParse', () => {
  it('reads a Dutch Excel CSV (BOM, ;, CRLF) with file line numbers', () => {
    const r = prognoseCsvParse(dutchCsv([ROW_1, ROW_2]));
    expect(r).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          window: {
            afnemer: null,
            kenmerk: 'BD-001',
            omschrijving: 'Aanslag IB',
            berichttype: 'Aanslag',
            start: new Date('2027-01-15T07:00:00Z'),
            end: new Date('2027-01-15T17:00:00Z'),
            aantalBerichten: 1_250_000,
            status: 'concept',
            vroegsteStart: null,
            laatsteEind: null,
          },
        },
        {
          line: 3,
          window: expect.objectContaining({ kenmerk: 'BD-002', start: new Date('2027-07-15T06:00:00Z'), aantalBerichten: 300_000, status: 'definitief' }),
        },
      ],
    });
  });

  it('reads a comma-separated file with English headers, LF and quoted fields', () => {
    const csv =
      'reference,description,message_type,start,end,count,status\n' +
      'X-1,"Test, met komma",Brief,2027-02-01T09:00:00+01:00,2027-02-01T10:00:00+01:00,"1.000",concept\n';
    expect(prognoseCsvParse(csv)).toMatchObject({
      ok: true,
      rows: [{ line: 2, window: { kenmerk: 'X-1', omschrijving: 'Test, met komma', aantalBerichten: 1000, start: new Date('2027-02-01T08:00:00Z') } }],
    });
  });

  it('reads all optional columns', () => {
    const csv = dutchCsv(
      ['BD-1;x;Brief;15-01-2027 08:00;15-01-2027 09:00;5;concept;00000001234567890000;15-01-2027 06:00;15-01-2027 12:00'],
      `${HEADER};Afnemer;Vroegste start;Laatste eind`,
    );
    expect(prognoseCsvParse(csv)).toMatchObject({
      ok: true,
      rows: [{ window: { afnemer: '00000001234567890000', vroegsteStart: new Date('2027-01-15T05:00:00Z'), laatsteEind: new Date('2027-01-15T11:00:00Z') } }],
    });
  });

  it('keeps line numbers right after a quoted field with line breaks', () => {
    const csv = dutchCsv([
      'BD-001;"Aanslag\r\nmet twee\r\nregels";Aanslag;15-01-2027 08:00;15-01-2027 18:00;10;concept',
      'BD-002;x;Brief;morgen;15-01-2027 18:00;10;concept',
    ]);
    const r = prognoseCsvParse(csv);
    expect(summary(r)).toEqual([[5, 'start']]);
  });

  it('lists every error of every row, and none for the good rows', () => {
    const r = prognoseCsvParse(
      dutchCsv([
        ROW_1,
        'BD-003;x;Brief;32-01-2027 08:00;15-01-2027 18:00;100;concept',
        'BD-004;x;Brief;15-01-2027 08:00;15-01-2027 07:00;1,5;onbekend',
        ';x;;15-01-2027 08:00;15-01-2027 09:00;;concept',
      ]),
    );
    expect(summary(r)).toEqual([
      [3, 'start'],
      [4, 'eind'],
      [4, 'aantal_berichten'],
      [4, 'status'],
      [5, 'kenmerk'],
      [5, 'berichttype'],
      [5, 'aantal_berichten'],
    ]);
  });

  it('rejects a kenmerk that occurs twice, naming the earlier line', () => {
    const r = prognoseCsvParse(dutchCsv([ROW_1, ROW_2, ROW_1.replace('concept', 'definitief')]));
    expect(errorsOf(r)).toEqual([
      { row: 4, field: 'kenmerk', message: 'Het kenmerk "BD-001" staat ook al op regel 2. Elk kenmerk mag maar één keer in het bestand voorkomen.' },
    ]);
  });

  it('also finds a duplicate kenmerk on a row with other errors', () => {
    const r = prognoseCsvParse(dutchCsv([ROW_1, ROW_1.replace('1.250.000', '1.5')]));
    expect(summary(r)).toEqual([
      [3, 'aantal_berichten'],
      [3, 'kenmerk'],
    ]);
  });

  it('reports missing, unknown and duplicate columns on row 1 and reads no further', () => {
    expect(summary(prognoseCsvParse(dutchCsv(['BD-1;x;15-01-2027 08:00'], 'kenmerk;omschrijving;start')))).toEqual([
      [1, 'berichttype'],
      [1, 'eind'],
      [1, 'aantal_berichten'],
      [1, 'status'],
    ]);
    expect(summary(prognoseCsvParse(dutchCsv([ROW_1 + ';x'], `${HEADER};Opmerking`)))).toEqual([[1, 'Opmerking']]);
    expect(summary(prognoseCsvParse(dutchCsv([ROW_1 + ';x'], `${HEADER};count`)))).toEqual([[1, 'aantal_berichten']]);
  });

  it('uses the real line of the header when empty lines come first', () => {
    expect(summary(prognoseCsvParse('\r\n\r\nkenmerk\r\nx\r\n'))[0]).toEqual([3, 'berichttype']);
  });

  it('rejects a file with only a header, an empty file and a file with only a BOM', () => {
    expect(errorsOf(prognoseCsvParse(dutchCsv([])))).toEqual([{ field: '', message: expect.stringMatching(/geen regels met gegevens/) }]);
    expect(errorsOf(prognoseCsvParse(''))).toEqual([{ field: '', message: expect.stringMatching(/bestand is leeg/) }]);
    expect(errorsOf(prognoseCsvParse('\uFEFF'))).toEqual([{ field: '', message: expect.stringMatching(/bestand is leeg/) }]);
  });

  it('skips rows of only empty cells, as Excel writes them', () => {
    const r = prognoseCsvParse(dutchCsv([ROW_1, ';;;;;;', ' ; ;;;;;', ROW_2]));
    expect(r.ok && r.rows.map((row) => row.line)).toEqual([2, 5]);
    expect(errorsOf(prognoseCsvParse(dutchCsv([';;;;;;'])))[0]!.message).toMatch(/geen regels met gegevens/);
  });

  it('accepts a row with fewer cells, as missing cells are empty', () => {
    const r = prognoseCsvParse(dutchCsv(['BD-1;;Brief;15-01-2027 08:00;15-01-2027 09:00;5;concept'], `${HEADER};Afnemer`));
    expect(r.ok).toBe(true);
    expect(prognoseCsvParse(dutchCsv(['BD-1;x;Brief;15-01-2027 08:00'])).ok).toBe(false);
  });

  it('accepts empty columns without a header, but not a value under one', () => {
    expect(prognoseCsvParse(dutchCsv([`${ROW_1};;`], `${HEADER};;`)).ok).toBe(true);
    expect(errorsOf(prognoseCsvParse(dutchCsv([`${ROW_1};;x`], `${HEADER};;`)))).toEqual([
      { row: 2, field: 'kolom I', message: expect.stringMatching(/^Kolom I heeft geen kopnaam, maar bevat wel een waarde \("x"\)/) },
    ]);
    expect(summary(prognoseCsvParse(dutchCsv([`${ROW_1};extra`])))).toEqual([[2, 'kolom H']]);
  });

  it('reports an unclosed quote with its line', () => {
    expect(errorsOf(prognoseCsvParse(dutchCsv([ROW_1, 'BD-2;"open;Brief'])))).toEqual([
      { row: 3, field: '', message: expect.stringMatching(/aanhalingsteken.*regel 3/i) },
    ]);
  });

  it('stops with tooManyRows and one Dutch message above maxRows, without reading further', () => {
    const rows = Array.from({ length: 4 }, (_, i) => ROW_1.replace('BD-001', `BD-${i}`));
    expect(prognoseCsvParse(dutchCsv(rows), { maxRows: 4 }).ok).toBe(true);
    // The unclosed quote after the limit is never reached.
    const r = prognoseCsvParse(dutchCsv([...rows, ROW_2, 'x;"open']), { maxRows: 4 });
    expect(r).toEqual({
      ok: false,
      tooManyRows: true,
      errors: [{ field: '', message: expect.stringMatching(/meer dan 4 regels met gegevens.*meerdere bestanden/) }],
    });
  });

  it('applies UPLOAD_LIMITS.maxRows by default', () => {
    const line = ';x;Brief;15-01-2027 08:00;15-01-2027 09:00;5;concept\r\n';
    const parts: string[] = [`${HEADER}\r\n`];
    for (let i = 0; i <= UPLOAD_LIMITS.maxRows; i++) parts.push(`K${i}${line}`);
    const r = prognoseCsvParse(parts.join(''));
    expect(r).toMatchObject({ ok: false, tooManyRows: true, errors: [{ message: expect.stringMatching(/meer dan 100\.000 regels/) }] });
    expect(prognoseCsvParse(parts.slice(0, -1).join('')).ok).toBe(true);
  });
});

describe('prognoseCsvParse with a row sink', () => {
  it('passes the same rows in order as the result holds without one, and leaves rows empty', () => {
    const text = [HEADER, ROW_1, ROW_2, 'BD-003;;Brief;01-02-2027 09:00;01-02-2027 10:00;7;concept'].join('\r\n');
    const plain = prognoseCsvParse(text);
    const got: { row: unknown; clean: boolean }[] = [];
    const sunk = prognoseCsvParse(text, {}, (row, clean) => got.push({ row, clean }));
    expect(plain.ok && sunk.ok).toBe(true);
    expect(sunk.ok && sunk.rows).toEqual([]);
    expect(got).toEqual(plain.ok ? plain.rows.map((row) => ({ row, clean: true })) : []);
  });

  it('says a row is not clean once an earlier row failed, and gives the same errors', () => {
    const text = [HEADER, ROW_1, 'BD-X;;Brief;31-02-2027 09:00;01-02-2027 10:00;7;concept', ROW_2].join('\r\n');
    const got: { kenmerk: string; clean: boolean }[] = [];
    const sunk = prognoseCsvParse(text, {}, (row, clean) => got.push({ kenmerk: row.window.kenmerk, clean }));
    expect(sunk).toEqual(prognoseCsvParse(text));
    expect(got).toEqual([
      { kenmerk: 'BD-001', clean: true },
      { kenmerk: 'BD-002', clean: false },
    ]);
  });
});
