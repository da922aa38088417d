import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planningHorizonAt } from '../planning/horizon.js';
import { type DateTextMemo, type PrognoseRecord, prognoseRowValidate } from './validate-row.js';

const VALID: PrognoseRecord = {
  kenmerk: ' BD-001 ',
  omschrijving: 'Aanslagen',
  berichttype: 'Aanslag',
  start: '15-01-2027 08:00',
  eind: '15-01-2027 18:00',
  aantal_berichten: '1.250.000',
  status: 'concept',
};

/** Excel/exceljs: a date cell is a Date whose UTC fields hold the Amsterdam wall-clock time. */
function excelDate(y: number, m: number, d: number, h: number, min = 0, s = 0, ms = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, min, s, ms));
}

function errorsOf(record: PrognoseRecord, kind: 'csv' | 'xlsx' | 'json' = 'csv'): { field: string; message: string }[] {
  const r = prognoseRowValidate(record, 7, kind);
  if (r.ok) throw new Error('expected errors');
  for (const e of r.errors) expect(e.row).toBe(7);
  return r.errors.map(({ field, message }) => ({ field, message }));
}

function fieldsOf(record: PrognoseRecord, kind: 'csv' | 'xlsx' | 'json' = 'csv'): string[] {
  return errorsOf(record, kind).map((e) => e.field);
}

describe('prognoseRowValidate', () => {
  it('turns a valid text record into a send window, trimming text', () => {
    expect(prognoseRowValidate(VALID, 2, 'csv')).toEqual({
      ok: true,
      window: {
        afnemer: null,
        kenmerk: 'BD-001',
        omschrijving: 'Aanslagen',
        berichttype: 'Aanslag',
        start: new Date('2027-01-15T07:00:00Z'),
        end: new Date('2027-01-15T17:00:00Z'),
        aantalBerichten: 1_250_000,
        status: 'concept',
        vroegsteStart: null,
        laatsteEind: null,
      },
    });
  });

  it('fills the optional columns when given', () => {
    const r = prognoseRowValidate(
      {
        ...VALID,
        status: 'Definitief',
        afnemer: ' 00000001234567890000 ',
        vroegste_start: '15-01-2027 08:00',
        laatste_eind: '2027-01-15T20:00:00+01:00',
      },
      2,
      'csv',
    );
    expect(r).toMatchObject({
      ok: true,
      window: {
        status: 'definitief',
        afnemer: '00000001234567890000',
        vroegsteStart: new Date('2027-01-15T07:00:00Z'),
        laatsteEind: new Date('2027-01-15T19:00:00Z'),
      },
    });
  });

  it('gives an empty omschrijving when the column is absent or blank', () => {
    const { omschrijving: _, ...rest } = VALID;
    expect(prognoseRowValidate(rest, 2, 'csv')).toMatchObject({ ok: true, window: { omschrijving: '' } });
    expect(prognoseRowValidate({ ...VALID, omschrijving: null }, 2, 'csv')).toMatchObject({ ok: true, window: { omschrijving: '' } });
  });

  it('reports every error of the row, not only the first', () => {
    expect(fieldsOf({ omschrijving: 'x'.repeat(501), afnemer: '123' })).toEqual([
      'kenmerk',
      'omschrijving',
      'berichttype',
      'start',
      'eind',
      'aantal_berichten',
      'status',
      'afnemer',
    ]);
  });

  describe('kenmerk and berichttype', () => {
    it('requires them', () => {
      expect(errorsOf({ ...VALID, kenmerk: '  ', berichttype: undefined })).toEqual([
        { field: 'kenmerk', message: 'Het kenmerk ontbreekt; de kolom kenmerk is verplicht.' },
        { field: 'berichttype', message: 'Het berichttype ontbreekt; de kolom berichttype is verplicht.' },
      ]);
    });

    it('allows 100 characters and no more', () => {
      expect(prognoseRowValidate({ ...VALID, kenmerk: 'k'.repeat(100), berichttype: 'b'.repeat(100) }, 2, 'csv').ok).toBe(true);
      expect(errorsOf({ ...VALID, kenmerk: 'k'.repeat(101), berichttype: 'b'.repeat(150) })).toEqual([
        { field: 'kenmerk', message: 'Het kenmerk is te lang: maximaal 100 tekens, maar het zijn er 101.' },
        { field: 'berichttype', message: 'Het berichttype is te lang: maximaal 100 tekens, maar het zijn er 150.' },
      ]);
    });

    it('refuses line breaks and tabs', () => {
      expect(errorsOf({ ...VALID, kenmerk: 'a\nb', berichttype: 'a\tb' })).toEqual([
        { field: 'kenmerk', message: 'Het kenmerk mag geen regeleinden, tabs of andere stuurtekens bevatten.' },
        { field: 'berichttype', message: 'Het berichttype mag geen regeleinden, tabs of andere stuurtekens bevatten.' },
      ]);
    });

    it('accepts a number cell from Excel as text', () => {
      expect(prognoseRowValidate({ ...VALID, kenmerk: 2027001 }, 2, 'xlsx')).toMatchObject({ ok: true, window: { kenmerk: '2027001' } });
    });

    it('refuses a date cell where text belongs', () => {
      expect(errorsOf({ ...VALID, kenmerk: excelDate(2027, 1, 1, 0) }, 'xlsx')).toEqual([
        { field: 'kenmerk', message: 'De kolom kenmerk bevat een datum, maar hier hoort tekst.' },
      ]);
    });
  });

  describe('omschrijving', () => {
    it('allows 500 characters and line breaks, and no more', () => {
      expect(prognoseRowValidate({ ...VALID, omschrijving: 'o'.repeat(498) + '\r\n' }, 2, 'csv').ok).toBe(true);
      expect(errorsOf({ ...VALID, omschrijving: 'o'.repeat(501) })).toEqual([
        { field: 'omschrijving', message: 'De omschrijving is te lang: maximaal 500 tekens, maar het zijn er 501.' },
      ]);
      expect(fieldsOf({ ...VALID, omschrijving: 'bel\u0007' })).toEqual(['omschrijving']);
    });
  });

  describe('start and eind', () => {
    it('requires both', () => {
      expect(errorsOf({ ...VALID, start: '', eind: null })).toEqual([
        { field: 'start', message: 'De start ontbreekt; de kolom start is verplicht.' },
        { field: 'eind', message: 'Het eind ontbreekt; de kolom eind is verplicht.' },
      ]);
    });

    it('reports an unreadable and an impossible date', () => {
      const errors = errorsOf({ ...VALID, start: 'morgen', eind: '31-02-2027 08:00' });
      expect(errors.map((e) => e.field)).toEqual(['start', 'eind']);
      expect(errors[0]!.message).toMatch(/"morgen" is geen geldige datum en tijd/);
      expect(errors[1]!.message).toMatch(/bestaat niet/);
    });

    it('reports the spring-forward gap and the doubled autumn hour, asking for an offset', () => {
      const errors = errorsOf({ ...VALID, start: '28-03-2027 02:30', eind: '31-10-2027 02:30' });
      expect(errors[0]).toMatchObject({ field: 'start', message: expect.stringMatching(/bestaat niet in Nederland.*zomertijd.*offset/) });
      expect(errors[1]).toMatchObject({ field: 'eind', message: expect.stringMatching(/twee keer.*zomertijd.*offset/) });
    });

    it('requires eind to be after start', () => {
      expect(errorsOf({ ...VALID, eind: '15-01-2027 07:00' })).toEqual([
        { field: 'eind', message: 'Het eind (15-01-2027 07:00) moet na de start (15-01-2027 08:00) liggen.' },
      ]);
      expect(fieldsOf({ ...VALID, eind: VALID.start })).toEqual(['eind']);
    });

    it('compares instants, so an explicit offset counts', () => {
      // 08:00+01:00 = 07:00Z; 08:30+02:00 = 06:30Z: before the start although the clock shows a later time.
      expect(fieldsOf({ ...VALID, start: '2027-01-15T08:00:00+01:00', eind: '2027-01-15T08:30:00+02:00' })).toEqual(['eind']);
    });
  });

  describe('vroegste_start and laatste_eind', () => {
    it('allows them equal to start and eind', () => {
      expect(prognoseRowValidate({ ...VALID, vroegste_start: VALID.start, laatste_eind: VALID.eind }, 2, 'csv').ok).toBe(true);
    });

    it('refuses vroegste_start after start and laatste_eind before eind', () => {
      expect(errorsOf({ ...VALID, vroegste_start: '15-01-2027 09:00', laatste_eind: '15-01-2027 17:00' })).toEqual([
        { field: 'vroegste_start', message: 'De vroegste start (15-01-2027 09:00) mag niet na de start (15-01-2027 08:00) liggen.' },
        { field: 'laatste_eind', message: 'Het laatste eind (15-01-2027 17:00) mag niet voor het eind (15-01-2027 18:00) liggen.' },
      ]);
    });

    it('reports unreadable values', () => {
      expect(fieldsOf({ ...VALID, vroegste_start: 'gisteren', laatste_eind: '28-03-2027 02:15' })).toEqual(['vroegste_start', 'laatste_eind']);
    });
  });

  describe('aantal_berichten', () => {
    it('requires it', () => {
      expect(errorsOf({ ...VALID, aantal_berichten: ' ' })).toEqual([
        { field: 'aantal_berichten', message: 'Het aantal berichten ontbreekt; de kolom aantal_berichten is verplicht.' },
      ]);
    });

    it('reports decimals, wrong groupings and out-of-range text', () => {
      for (const text of ['1,5', '1.5', '0', '1.000.000.001', 'veel']) {
        expect(fieldsOf({ ...VALID, aantal_berichten: text })).toEqual(['aantal_berichten']);
      }
    });

    it('accepts whole numbers and refuses fractions and zero from Excel', () => {
      expect(prognoseRowValidate({ ...VALID, aantal_berichten: 125000 }, 2, 'xlsx')).toMatchObject({ ok: true, window: { aantalBerichten: 125000 } });
      expect(fieldsOf({ ...VALID, aantal_berichten: 12.5 }, 'xlsx')).toEqual(['aantal_berichten']);
      expect(fieldsOf({ ...VALID, aantal_berichten: 0 }, 'xlsx')).toEqual(['aantal_berichten']);
      expect(errorsOf({ ...VALID, aantal_berichten: excelDate(2027, 1, 1, 0) }, 'xlsx')).toEqual([
        { field: 'aantal_berichten', message: 'Het aantal berichten bevat een datum in plaats van een getal.' },
      ]);
    });
  });

  describe('status', () => {
    it('accepts concept and definitief in any case', () => {
      expect(prognoseRowValidate({ ...VALID, status: ' DEFINITIEF ' }, 2, 'csv')).toMatchObject({ ok: true, window: { status: 'definitief' } });
      expect(prognoseRowValidate({ ...VALID, status: 'Concept' }, 2, 'csv')).toMatchObject({ ok: true, window: { status: 'concept' } });
    });

    it('lists the allowed values for a missing or unknown status', () => {
      expect(errorsOf({ ...VALID, status: '' })).toEqual([{ field: 'status', message: 'De status ontbreekt. Toegestaan zijn: concept, definitief.' }]);
      expect(errorsOf({ ...VALID, status: 'onbekend' })).toEqual([
        { field: 'status', message: 'Onbekende status "onbekend". Toegestaan zijn: concept, definitief.' },
      ]);
    });

    it('explains that cancelling goes through the cancel action', () => {
      expect(errorsOf({ ...VALID, status: 'Geannuleerd' })).toEqual([
        { field: 'status', message: expect.stringMatching(/geannuleerd kan niet via een upload.*actie Annuleren/) },
      ]);
    });
  });

  describe('afnemer', () => {
    it('requires exactly 20 digits', () => {
      for (const text of ['123', '0000000123456789000', '000000012345678900000', '0000000123456789000a']) {
        expect(errorsOf({ ...VALID, afnemer: text })).toEqual([
          { field: 'afnemer', message: expect.stringMatching(/geen geldige OIN: een OIN bestaat uit precies 20 cijfers/) },
        ]);
      }
    });

    it('explains an OIN that Excel turned into a number', () => {
      expect(errorsOf({ ...VALID, afnemer: '1,23457E+19' })[0]!.message).toMatch(/celnotatie Tekst/);
      expect(errorsOf({ ...VALID, afnemer: 12345678901234567000 }, 'xlsx')[0]!.message).toMatch(/als getal.*celnotatie Tekst/);
    });
  });

  describe('Excel date cells (cellKind xlsx)', () => {
    it('reads the UTC fields as Amsterdam wall-clock time in winter and summer', () => {
      const r = prognoseRowValidate({ ...VALID, start: excelDate(2027, 1, 15, 8), eind: excelDate(2027, 7, 15, 8) }, 2, 'xlsx');
      expect(r).toMatchObject({ ok: true, window: { start: new Date('2027-01-15T07:00:00Z'), end: new Date('2027-07-15T06:00:00Z') } });
    });

    it('rounds Excel floating-point noise to whole seconds', () => {
      const r = prognoseRowValidate({ ...VALID, start: excelDate(2027, 1, 15, 7, 59, 59, 999), eind: excelDate(2027, 1, 15, 18) }, 2, 'xlsx');
      expect(r).toMatchObject({ ok: true, window: { start: new Date('2027-01-15T07:00:00Z') } });
    });

    it('reports the gap and the doubled hour in 2026 and 2027', () => {
      const errors = errorsOf(
        {
          ...VALID,
          start: excelDate(2026, 3, 29, 2, 30),
          eind: excelDate(2026, 10, 25, 2, 30),
          vroegste_start: excelDate(2027, 3, 28, 2, 0),
          laatste_eind: excelDate(2027, 10, 31, 2, 59),
        },
        'xlsx',
      );
      expect(errors.map((e) => [e.field, /bestaat niet in Nederland/.test(e.message) ? 'gap' : /twee keer/.test(e.message) ? 'ambiguous' : e.message])).toEqual(
        [
          ['start', 'gap'],
          ['eind', 'ambiguous'],
          ['vroegste_start', 'gap'],
          ['laatste_eind', 'ambiguous'],
        ],
      );
    });

    it('still reads text cells with dates', () => {
      expect(prognoseRowValidate({ ...VALID, start: '15-01-2027 08:00' }, 2, 'xlsx')).toMatchObject({
        ok: true,
        window: { start: new Date('2027-01-15T07:00:00Z') },
      });
    });

    it('explains a number in a date column', () => {
      expect(errorsOf({ ...VALID, start: 46402.33 }, 'xlsx')).toEqual([
        { field: 'start', message: expect.stringMatching(/getal in plaats van een datum.*celnotatie/) },
      ]);
    });

    it('reports an invalid Date', () => {
      expect(fieldsOf({ ...VALID, start: new Date(Number.NaN) }, 'xlsx')).toEqual(['start']);
    });
  });

  describe('cellKind csv with a Date', () => {
    it('takes the Date as an instant', () => {
      const r = prognoseRowValidate({ ...VALID, start: new Date('2027-01-15T07:00:00Z') }, 2, 'csv');
      expect(r).toMatchObject({ ok: true, window: { start: new Date('2027-01-15T07:00:00Z') } });
    });
  });

  describe('cellKind json', () => {
    const JSON_VALID: PrognoseRecord = {
      kenmerk: 'J-1',
      berichttype: 'Brief',
      start: '2027-03-01T08:00:00+01:00',
      eind: '2027-03-01T09:00:00Z',
      aantal_berichten: 700,
      status: 'concept',
    };

    it('accepts ISO times with an offset and a number', () => {
      expect(prognoseRowValidate(JSON_VALID, 1, 'json')).toMatchObject({
        ok: true,
        window: { start: new Date('2027-03-01T07:00:00Z'), end: new Date('2027-03-01T09:00:00Z'), aantalBerichten: 700 },
      });
    });

    it('names JSON properties in its errors', () => {
      expect(fieldsOf({ ...JSON_VALID, aantal_berichten: -5, vroegste_start: 'x', laatste_eind: 'y' }, 'json')).toEqual([
        'aantalBerichten',
        'vroegsteStart',
        'laatsteEind',
      ]);
    });

    it('refuses times without an offset, Dutch notation, numbers as text and status in another case', () => {
      expect(errorsOf({ ...JSON_VALID, start: '2027-03-01T08:00:00', eind: '01-03-2027 09:00', aantal_berichten: '700', status: 'Concept' }, 'json')).toEqual([
        { field: 'start', message: expect.stringMatching(/geen ISO 8601-tijd met tijdzone/) },
        { field: 'eind', message: expect.stringMatching(/geen ISO 8601-tijd met tijdzone/) },
        { field: 'aantalBerichten', message: expect.stringMatching(/geheel getal zijn \(een JSON-getal, geen tekst\)/) },
        { field: 'status', message: 'Onbekende status "Concept". Toegestaan zijn: concept, definitief.' },
      ]);
    });

    it('refuses numbers where text belongs', () => {
      expect(fieldsOf({ ...JSON_VALID, kenmerk: 5, start: 5 }, 'json')).toEqual(['kenmerk', 'start']);
    });
  });
});

describe('prognoseRowValidate with a memo of date texts (one per file)', () => {
  const two = (n: number) => String(n).padStart(2, '0');
  // dd-mm-jjjj uu:mm with impossible days and hours, the DST gap and the doubled hour, years at the horizon's edges;
  // and other forms the memo leaves alone.
  const dateText = fc.oneof(
    fc
      .record({
        day: fc.integer({ min: 0, max: 32 }),
        month: fc.integer({ min: 0, max: 13 }),
        year: fc.constantFrom(2024, 2026, 2027, 2028, 2031, 2032, 2099),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.constantFrom(0, 15, 30, 59, 60),
      })
      .map(({ day, month, year, hour, minute }) => `${two(day)}-${two(month)}-${year} ${two(hour)}:${two(minute)}`),
    fc.constantFrom('28-03-2027 02:30', '31-10-2027 02:30', '1-2-2027 9:00', '15-01-2027T08:00', ' 15-01-2027 08:00 ', '2027-01-15T08:00:00+01:00', 'x'),
  );
  const record = fc.record({ start: dateText, eind: dateText, vroegste_start: fc.option(dateText), laatste_eind: fc.option(dateText) });

  it('gives exactly the answer without the memo, row after row, with and without a horizon', () => {
    const horizon = planningHorizonAt({ daysBack: 365, daysAhead: 5 * 365 }, Date.parse('2027-01-11T09:00:00Z'));
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 30 }), fc.boolean(), (records, withHorizon) => {
        const memo: DateTextMemo = new Map();
        records.forEach((times, i) => {
          const r: PrognoseRecord = { ...VALID, ...times };
          const h = withHorizon ? horizon : null;
          expect(prognoseRowValidate(r, i + 2, 'csv', h, memo)).toEqual(prognoseRowValidate(r, i + 2, 'csv', h));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives each row a Date of its own', () => {
    const memo: DateTextMemo = new Map();
    const a = prognoseRowValidate(VALID, 2, 'csv', null, memo);
    const b = prognoseRowValidate(VALID, 3, 'csv', null, memo);
    expect(a.ok && b.ok && a.window.start !== b.window.start && a.window.start.getTime() === b.window.start.getTime()).toBe(true);
  });
});
