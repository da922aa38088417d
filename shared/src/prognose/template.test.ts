import { describe, expect, it } from 'vitest';
import { prognoseCsvParse } from './parse-csv.js';
import { prognoseTemplateCsv } from './template.js';
import { PROGNOSE_FIELDS } from './types.js';

describe('prognoseTemplateCsv', () => {
  const csv = prognoseTemplateCsv();

  it('starts with a BOM and uses ; and CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has the Dutch column names as header and one example row in Dutch notation', () => {
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(PROGNOSE_FIELDS.join(';'));
    expect(lines[1]).toBe(
      'BB-2027-001;Jaarlijkse aanslag inkomstenbelasting;Aanslag;15-01-2027 08:00;15-01-2027 18:00;1.250.000;concept;;15-01-2027 06:00;15-01-2027 22:00',
    );
    expect(lines[2]).toBe('');
  });

  it('parses cleanly through prognoseCsvParse', () => {
    expect(prognoseCsvParse(csv)).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          window: {
            afnemer: null,
            kenmerk: 'BB-2027-001',
            omschrijving: 'Jaarlijkse aanslag inkomstenbelasting',
            berichttype: 'Aanslag',
            start: new Date('2027-01-15T07:00:00Z'),
            end: new Date('2027-01-15T17:00:00Z'),
            aantalBerichten: 1_250_000,
            status: 'concept',
            vroegsteStart: new Date('2027-01-15T05:00:00Z'),
            laatsteEind: new Date('2027-01-15T21:00:00Z'),
          },
        },
      ],
    });
  });
});
