import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PrognoseJsonUpload, prognoseJsonToRows, SendWindowInput, SendWindowStatus, SendWindowUploadStatus } from './json-upload.js';
import type { ParseResult } from './types.js';

const WINDOW = {
  kenmerk: 'J-1',
  berichttype: 'Brief',
  start: '2027-03-01T08:00:00+01:00',
  eind: '2027-03-01T09:00:00+01:00',
  aantalBerichten: 700,
  status: 'concept',
};

function summary(result: ParseResult): [number | undefined, string][] {
  if (result.ok) throw new Error('expected errors');
  return result.errors.map((e) => [e.row, e.field]);
}

describe('SendWindowStatus', () => {
  it('knows the three statuses of a send window', () => {
    expect(SendWindowStatus.options).toEqual(['concept', 'definitief', 'geannuleerd']);
  });
});

describe('PrognoseJsonUpload', () => {
  it('accepts a valid upload with and without the optional properties', () => {
    expect(PrognoseJsonUpload.safeParse({ windows: [WINDOW] }).success).toBe(true);
    const full = {
      ...WINDOW,
      omschrijving: 'x',
      afnemer: '00000001234567890000',
      vroegsteStart: '2027-03-01T06:00:00Z',
      laatsteEind: '2027-03-01T10:00:00+01:00',
    };
    expect(PrognoseJsonUpload.safeParse({ windows: [full] }).success).toBe(true);
  });

  it('requires times with an offset', () => {
    const r = PrognoseJsonUpload.safeParse({ windows: [{ ...WINDOW, start: '2027-03-01T08:00:00' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['windows', 0, 'start'], message: expect.stringMatching(/ISO 8601 met tijdzone/) });
  });

  it('refuses geannuleerd with a Dutch pointer to the cancel action', () => {
    const r = PrognoseJsonUpload.safeParse({ windows: [{ ...WINDOW, status: 'geannuleerd' }] });
    expect(r.error?.issues[0]?.message).toMatch(/actie Annuleren/);
    expect(SendWindowUploadStatus.safeParse('iets').error?.issues[0]?.message).toBe('De status moet concept of definitief zijn.');
  });

  it('refuses unknown properties and an empty list', () => {
    expect(PrognoseJsonUpload.safeParse({ windows: [{ ...WINDOW, extra: 1 }] }).success).toBe(false);
    expect(PrognoseJsonUpload.safeParse({ windows: [WINDOW], extra: 1 }).success).toBe(false);
    expect(PrognoseJsonUpload.safeParse({ windows: [] }).success).toBe(false);
  });

  it('documents itself with PascalCase ids and descriptions for OpenAPI', () => {
    const schema = z.toJSONSchema(PrognoseJsonUpload) as {
      $defs: Record<string, { description?: string; properties?: Record<string, { description?: string }> }>;
    };
    expect(Object.keys(schema.$defs).sort()).toEqual(['PrognoseUpload', 'SendWindowInput', 'SendWindowUploadStatus']);
    for (const id of Object.keys(schema.$defs)) expect(id).toMatch(/^[A-Z][A-Za-z]+$/);
    const input = schema.$defs.SendWindowInput!;
    expect(input.description).toBeTruthy();
    for (const property of ['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantalBerichten', 'afnemer', 'vroegsteStart', 'laatsteEind']) {
      expect(input.properties?.[property]?.description, property).toBeTruthy();
    }
    expect(SendWindowInput.meta()?.id).toBe('SendWindowInput');
  });
});

describe('prognoseJsonToRows', () => {
  it('turns a valid body into rows numbered from 1', () => {
    const r = prognoseJsonToRows({ windows: [WINDOW, { ...WINDOW, kenmerk: 'J-2', status: 'definitief', afnemer: '00000001234567890000' }] });
    expect(r).toEqual({
      ok: true,
      rows: [
        {
          line: 1,
          window: {
            afnemer: null,
            kenmerk: 'J-1',
            omschrijving: '',
            berichttype: 'Brief',
            start: new Date('2027-03-01T07:00:00Z'),
            end: new Date('2027-03-01T08:00:00Z'),
            aantalBerichten: 700,
            status: 'concept',
            vroegsteStart: null,
            laatsteEind: null,
          },
        },
        { line: 2, window: expect.objectContaining({ kenmerk: 'J-2', status: 'definitief', afnemer: '00000001234567890000' }) },
      ],
    });
  });

  it('names the window and the JSON property of every error', () => {
    const r = prognoseJsonToRows({ windows: [WINDOW, { ...WINDOW, kenmerk: 'J-2', start: 'morgen', aantalBerichten: -5 }] });
    expect(summary(r)).toEqual([
      [2, 'start'],
      [2, 'aantalBerichten'],
    ]);
  });

  it('applies the cross-field rules', () => {
    const r = prognoseJsonToRows({
      windows: [{ ...WINDOW, eind: '2027-03-01T07:00:00+01:00', vroegsteStart: '2027-03-01T09:00:00+01:00', laatsteEind: '2027-03-01T06:00:00+01:00' }],
    });
    expect(summary(r)).toEqual([
      [1, 'eind'],
      [1, 'vroegsteStart'],
      [1, 'laatsteEind'],
    ]);
  });

  it('rejects a kenmerk that occurs twice, naming the earlier window', () => {
    const r = prognoseJsonToRows({ windows: [WINDOW, { ...WINDOW, kenmerk: 'J-2' }, WINDOW] });
    expect(r).toEqual({
      ok: false,
      errors: [{ row: 3, field: 'kenmerk', message: 'Het kenmerk "J-1" staat ook al bij venster 1. Elk kenmerk mag maar één keer voorkomen.' }],
    });
  });

  it('rejects unknown properties, null values and values of the wrong type', () => {
    const r = prognoseJsonToRows({ windows: [{ ...WINDOW, extra: 'x', omschrijving: null, berichttype: true, aantalBerichten: '700' }] });
    expect(summary(r).sort()).toEqual([
      [1, 'aantalBerichten'],
      [1, 'berichttype'],
      [1, 'extra'],
      [1, 'omschrijving'],
    ]);
  });

  it('rejects bodies of the wrong shape', () => {
    expect(summary(prognoseJsonToRows(null))).toEqual([[undefined, 'windows']]);
    expect(summary(prognoseJsonToRows([WINDOW]))).toEqual([[undefined, 'windows']]);
    expect(summary(prognoseJsonToRows({}))).toEqual([[undefined, 'windows']]);
    expect(summary(prognoseJsonToRows({ windows: [WINDOW], extra: 1 }))).toEqual([[undefined, 'extra']]);
    expect(summary(prognoseJsonToRows({ windows: [WINDOW, 'x'] }))).toEqual([[2, '']]);
  });

  it('rejects an empty list', () => {
    expect(prognoseJsonToRows({ windows: [] })).toEqual({ ok: false, errors: [{ field: '', message: expect.stringMatching(/geen regels met gegevens/) }] });
  });

  it('gives tooManyRows above maxRows', () => {
    const windows = Array.from({ length: 3 }, (_, i) => ({ ...WINDOW, kenmerk: `J-${i}` }));
    expect(prognoseJsonToRows({ windows }, { maxRows: 3 }).ok).toBe(true);
    expect(prognoseJsonToRows({ windows: [...windows, WINDOW] }, { maxRows: 3 })).toMatchObject({ ok: false, tooManyRows: true, errors: [{ field: '' }] });
  });

  it('agrees with the zod schema on every single window (property)', () => {
    const window = fc.record(
      {
        kenmerk: fc.constantFrom<unknown>('A', ' B ', ' ', 'k'.repeat(100), 'k'.repeat(101), 5, 'a\nb', null),
        omschrijving: fc.constantFrom<unknown>('x', 'regel\nregel', 'o'.repeat(500), 'o'.repeat(501), 'a\u0007', null, 3),
        berichttype: fc.constantFrom<unknown>('Brief', '', 'b'.repeat(101), 'a\tb'),
        start: fc.constantFrom<unknown>('2027-01-15T08:00:00+01:00', '2027-01-15T07:00:00Z', '2027-01-15T08:00:00', '15-01-2027 08:00', 'morgen', 5),
        eind: fc.constantFrom<unknown>('2027-01-15T18:00:00+01:00', '2027-01-15T17:00:00.5Z', '2027-02-30T18:00:00Z', ''),
        aantalBerichten: fc.constantFrom<unknown>(1, 700, 1_000_000_000, 0, -5, 1.5, 1_000_000_001, '700', Number.NaN),
        status: fc.constantFrom<unknown>('concept', 'definitief', 'geannuleerd', 'Concept', ''),
        afnemer: fc.constantFrom<unknown>('00000001234567890000', '123', 12345, null),
        vroegsteStart: fc.constantFrom<unknown>('2027-01-15T06:00:00+01:00', 'x'),
        laatsteEind: fc.constantFrom<unknown>('2027-01-15T22:00:00+01:00', '2027-01-15T22:00:00'),
        extra: fc.constant<unknown>('x'),
      },
      { requiredKeys: ['berichttype'] },
    );
    fc.assert(
      fc.property(window, (w) => {
        const body = JSON.parse(JSON.stringify({ windows: [w] })) as unknown;
        expect(prognoseJsonToRows(body).ok).toBe(PrognoseJsonUpload.safeParse(body).success);
      }),
      { numRuns: 1000 },
    );
  });
});
