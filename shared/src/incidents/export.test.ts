import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../csv-export.js';
import { analysisCsv, analysisMarkdown, type AnalysisDocument } from './export.js';

const doc: AnalysisDocument = {
  incidentNumber: 'INC-2027-000001',
  afnemerName: 'Afnemer A',
  requestedBy: 'afnemer',
  requestedAt: '2027-01-11T09:00:00.000Z',
  request: {
    description: '=HYPERLINK("x")',
    disruptionDate: '2027-01-11',
    desiredDeliveryDate: null,
    contactName: 'Jan',
    contactEmail: 'jan@a.example',
    contactPhone: '+31 6 1234',
    questions: 'a | b\nc',
  },
  analysis: null,
};

describe('csvCell', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+31 6', '-5', '@SUM(A1)'].map(csvCell)).toEqual(["'=1+1", "'+31 6", "'-5", "'@SUM(A1)"]);
  });
  it('quotes separators and quotes', () => {
    expect(csvCell('a;b "c"')).toBe('"a;b ""c"""');
    expect(csvCell(null)).toBe('');
  });
  it('never yields a cell that starts with a formula character (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(csvCell(s).replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
      }),
    );
  });
});

describe('analysisCsv', () => {
  it('writes one field per row, for Dutch Excel, with user text neutralised', () => {
    const csv = analysisCsv(doc);
    expect(csv.startsWith('\uFEFFOnderdeel;Veld;Waarde\r\n')).toBe(true);
    expect(csv).toContain(`Aanvraag;Omschrijving;"'=HYPERLINK(""x"")"`);
    expect(csv).toContain("Aanvraag;Contactpersoon telefoon;'+31 6 1234");
    expect(csv).toContain('Analyse;Status;Nog niet opgeleverd');
  });
});

describe('analysisMarkdown', () => {
  it('keeps tables intact around pipes and line breaks', () => {
    const md = analysisMarkdown(doc);
    expect(md).toContain('# Verstoringsanalyse INC-2027-000001: MijnOverheid Afnemer A');
    expect(md).toContain('| Vragen | a \\| b<br>c |');
  });
});
