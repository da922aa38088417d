/** Download templates for prognosis files. */
import { csvFormat } from './csv.js';
import { type WallTime, wallTimeFormatDutch } from '../time/wall-time.js';
import { PROGNOSE_FIELDS, type PrognoseField } from './types.js';

/** The example window shown in the templates; times are Amsterdam wall-clock times. */
export const PROGNOSE_TEMPLATE_EXAMPLE: {
  kenmerk: string;
  omschrijving: string;
  berichttype: string;
  start: WallTime;
  eind: WallTime;
  aantalBerichten: number;
  status: 'concept' | 'definitief';
  afnemer: string;
  vroegsteStart: WallTime;
  laatsteEind: WallTime;
} = {
  kenmerk: 'BB-2027-001',
  omschrijving: 'Jaarlijkse aanslag inkomstenbelasting',
  berichttype: 'Aanslag',
  start: { year: 2027, month: 1, day: 15, hour: 8, minute: 0, second: 0 },
  eind: { year: 2027, month: 1, day: 15, hour: 18, minute: 0, second: 0 },
  aantalBerichten: 1_250_000,
  status: 'concept',
  afnemer: '',
  vroegsteStart: { year: 2027, month: 1, day: 15, hour: 6, minute: 0, second: 0 },
  laatsteEind: { year: 2027, month: 1, day: 15, hour: 22, minute: 0, second: 0 },
};

/**
 * Returns the CSV template: BOM, `;`-separated, CRLF, a header row and one example row that parses cleanly.
 * Edge: the example leaves afnemer empty (so no real OIN is suggested) and writes 1.250.000 with dots.
 */
export function prognoseTemplateCsv(): string {
  const e = PROGNOSE_TEMPLATE_EXAMPLE;
  const example: Record<PrognoseField, string> = {
    kenmerk: e.kenmerk,
    omschrijving: e.omschrijving,
    berichttype: e.berichttype,
    start: wallTimeFormatDutch(e.start),
    eind: wallTimeFormatDutch(e.eind),
    aantal_berichten: e.aantalBerichten.toLocaleString('nl-NL'),
    status: e.status,
    afnemer: e.afnemer,
    vroegste_start: wallTimeFormatDutch(e.vroegsteStart),
    laatste_eind: wallTimeFormatDutch(e.laatsteEind),
  };
  return csvFormat([[...PROGNOSE_FIELDS], PROGNOSE_FIELDS.map((f) => example[f])], { delimiter: ';', bom: true });
}
