import { describe, expect, it } from 'vitest';
import { columnIndexToLetters, prognoseHeaderMap, prognoseHeaderNormalize, prognoseHeaderToField } from './columns.js';
import { PROGNOSE_FIELDS } from './types.js';

const REQUIRED = ['kenmerk', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'];

describe('prognoseHeaderNormalize', () => {
  it('lower-cases and drops spaces, underscores, hyphens, a (...) hint and a * marker', () => {
    expect(prognoseHeaderNormalize('  Aantal_Berichten ')).toBe('aantalberichten');
    expect(prognoseHeaderNormalize('Vroegste-start')).toBe('vroegstestart');
    expect(prognoseHeaderNormalize('Start (dd-mm-jjjj uu:mm)')).toBe('start');
    expect(prognoseHeaderNormalize('Kenmerk *')).toBe('kenmerk');
  });
});

describe('prognoseHeaderToField', () => {
  it.each([
    ['kenmerk', 'kenmerk'],
    ['Reference', 'kenmerk'],
    ['ref', 'kenmerk'],
    ['Description', 'omschrijving'],
    ['message_type', 'berichttype'],
    ['Type', 'berichttype'],
    ['begin', 'start'],
    ['Starttijd', 'start'],
    ['end', 'eind'],
    ['Einde', 'eind'],
    ['eindtijd', 'eind'],
    ['count', 'aantal_berichten'],
    ['Messages', 'aantal_berichten'],
    ['aantal', 'aantal_berichten'],
    ['volume', 'aantal_berichten'],
    ['Aantal berichten', 'aantal_berichten'],
    ['aantal-berichten', 'aantal_berichten'],
    ['aantalBerichten', 'aantal_berichten'],
    ['STATUS', 'status'],
    ['OIN', 'afnemer'],
    ['Afnemer', 'afnemer'],
    ['earliest_start', 'vroegste_start'],
    ['Vroegste start', 'vroegste_start'],
    ['latest_end', 'laatste_eind'],
    ['laatste eind', 'laatste_eind'],
  ])('maps "%s" to %s', (header, field) => {
    expect(prognoseHeaderToField(header)).toBe(field);
  });

  it('gives null for a header that names no column', () => {
    expect(prognoseHeaderToField('opmerking')).toBeNull();
    expect(prognoseHeaderToField('')).toBeNull();
  });
});

describe('columnIndexToLetters', () => {
  it('counts like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnIndexToLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('prognoseHeaderMap', () => {
  it('maps every column in order, with a BOM on the first header', () => {
    expect(prognoseHeaderMap(['\uFEFFKenmerk', ...PROGNOSE_FIELDS.slice(1)])).toEqual({ ok: true, fieldByIndex: [...PROGNOSE_FIELDS] });
  });

  it('maps English headers', () => {
    const r = prognoseHeaderMap(['reference', 'description', 'message_type', 'start', 'end', 'count', 'status']);
    expect(r).toEqual({ ok: true, fieldByIndex: ['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'] });
  });

  it('leaves empty header cells unmapped', () => {
    expect(prognoseHeaderMap([...REQUIRED, '', ' '])).toEqual({ ok: true, fieldByIndex: [...REQUIRED, null, null] });
  });

  it('names every missing required column in Dutch on row 1', () => {
    const r = prognoseHeaderMap(['kenmerk', 'omschrijving', 'start']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      { row: 1, field: 'berichttype', message: 'De verplichte kolom berichttype ontbreekt in de kopregel.' },
      { row: 1, field: 'eind', message: 'De verplichte kolom eind ontbreekt in de kopregel.' },
      { row: 1, field: 'aantal_berichten', message: 'De verplichte kolom aantal_berichten ontbreekt in de kopregel.' },
      { row: 1, field: 'status', message: 'De verplichte kolom status ontbreekt in de kopregel.' },
    ]);
  });

  it('rejects an unknown column, naming it and its letter', () => {
    const r = prognoseHeaderMap([...REQUIRED, 'Opmerking']);
    expect(!r.ok && r.errors).toEqual([
      { row: 1, field: 'Opmerking', message: expect.stringMatching(/^Onbekende kolom "Opmerking" \(kolom G\)\. Toegestane kolommen zijn: kenmerk, /) },
    ]);
  });

  it('rejects a column that occurs twice, also under an alias', () => {
    const r = prognoseHeaderMap([...REQUIRED, 'begin']);
    expect(!r.ok && r.errors).toEqual([
      { row: 1, field: 'start', message: 'De kolom start komt twee keer voor: "start" (kolom C) en "begin" (kolom G). Laat er één over.' },
    ]);
  });

  it('uses the given header line in its errors', () => {
    const r = prognoseHeaderMap(['kenmerk'], 3);
    expect(!r.ok && r.errors.every((e) => e.row === 3)).toBe(true);
  });
});
