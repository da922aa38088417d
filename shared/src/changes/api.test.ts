import { describe, expect, it } from 'vitest';
import { RfcInput, ServiceRequestInput } from './api.js';

describe('RfcInput', () => {
  it('needs a catalogue item for a standard change and an incident number for an urgent one', () => {
    expect(RfcInput.safeParse({ kind: 'standaard', title: 'Testaccounts' }).success).toBe(false);
    expect(RfcInput.safeParse({ kind: 'standaard', title: 'Testaccounts', catalogueItem: 'testaccounts' }).success).toBe(true);
    const urgent = RfcInput.safeParse({ kind: 'urgent', title: 'Fix' });
    expect(urgent.success || urgent.error.issues[0]!.path).toEqual(['incidentNumber']);
    expect(RfcInput.safeParse({ kind: 'urgent', title: 'Fix', incidentNumber: 'INC-2027-0001' }).success).toBe(true);
  });

  it('refuses a catalogue item or incident on kinds that have none', () => {
    expect(RfcInput.safeParse({ kind: 'niet-standaard', title: 'x', catalogueItem: 'testaccounts' }).success).toBe(false);
    expect(RfcInput.safeParse({ kind: 'niet-standaard', title: 'x', incidentNumber: 'INC-1' }).success).toBe(false);
  });
});

describe('ServiceRequestInput', () => {
  it('validates the fields of the chosen catalogue item, naming each wrong field', () => {
    const r = ServiceRequestInput.safeParse({ kind: 'standaard', catalogueItem: 'testaccounts', fields: { aantal: 0, omgeving: 'test', extra: 1 } });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['fields.aantal', 'fields.extra', 'fields.omgeving', 'fields.toelichting']);
  });

  it('accepts a complete standard request and a free-format one', () => {
    expect(
      ServiceRequestInput.safeParse({ kind: 'standaard', catalogueItem: 'testaccounts', fields: { aantal: 5, omgeving: 'acceptatie', toelichting: 'Keten' } })
        .success,
    ).toBe(true);
    expect(ServiceRequestInput.safeParse({ kind: 'vrij', subject: 'Vraag', description: 'Hoe werkt X?' }).success).toBe(true);
    expect(ServiceRequestInput.safeParse({ kind: 'vrij', subject: 'Vraag', description: '' }).success).toBe(false);
  });

  it('checks rules across fields, such as a test period that ends before it starts', () => {
    const r = ServiceRequestInput.safeParse({
      kind: 'standaard',
      catalogueItem: 'testverzoek',
      fields: { omgeving: 'acceptatie', vanaf: '2027-03-10', tot: '2027-03-01', aantalBerichten: 10 },
    });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['fields.tot']);
  });
});
