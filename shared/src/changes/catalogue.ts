/**
 * The agreed catalogues (DAP Bijlage 2): standard changes, which skip the impact analysis, and standard
 * service requests, each with the form fields it needs.
 */

import { z } from 'zod';

export interface StandardChange {
  readonly code: string;
  readonly name: string;
  readonly description: string;
}

export const STANDARD_CHANGES = [
  { code: 'testaccounts', name: 'Testaccounts aanvragen', description: 'Testaccounts voor de acceptatie- of productieomgeving.' },
  { code: 'nieuwe-aansluiting', name: 'Nieuwe aansluiting', description: 'Een organisatie of berichttype aansluiten op de Berichtenbox.' },
  { code: 'afsluiting', name: 'Afsluiting', description: 'Een aansluiting of berichttype beëindigen.' },
  { code: 'testverzoek', name: 'Verzoek tot testen', description: 'Een ketentest met Logius inplannen.' },
] as const satisfies readonly StandardChange[];
type Code = (typeof STANDARD_CHANGES)[number]['code'];
export const STANDARD_CHANGE_CODES = STANDARD_CHANGES.map((c) => c.code) as [Code, ...Code[]];

const Omgeving = z.enum(['acceptatie', 'productie'], { error: 'Kies acceptatie of productie.' });
const Datum = z.iso.date({ error: 'Geef een datum als jjjj-mm-dd.' });
const Tekst = (max: number) => z.string({ error: 'Vul dit veld in.' }).trim().min(1, 'Vul dit veld in.').max(max);

/** The fields each standard service request needs; extra fields are refused. */
export const SERVICE_REQUEST_FIELDS = {
  testaccounts: z.strictObject({
    aantal: z.number({ error: 'Geef een aantal.' }).int('Geef een heel aantal.').min(1, 'Minstens 1.').max(50, 'Hoogstens 50 per verzoek.'),
    omgeving: Omgeving,
    toelichting: Tekst(1000),
  }),
  'wijziging-contactpersoon': z.strictObject({
    naam: Tekst(200),
    email: z.string().trim().email('Geef een geldig e-mailadres.'),
    rol: z.enum(['planner', 'contactpersoon-incidenten', 'contactpersoon-wijzigingen'], { error: 'Kies een rol.' }),
  }),
  'nieuw-berichttype': z.strictObject({
    berichttype: Tekst(200),
    verwachtAantalPerJaar: z.number({ error: 'Geef een aantal.' }).int().min(1).max(1e9),
    gewensteStartdatum: Datum,
  }),
  testverzoek: z
    .strictObject({
      omgeving: Omgeving,
      vanaf: Datum,
      tot: Datum,
      aantalBerichten: z.number({ error: 'Geef een aantal.' }).int().min(1).max(1e7),
    })
    .refine((f) => f.tot >= f.vanaf, { message: 'De einddatum ligt voor de begindatum.', path: ['tot'] }),
} as const;
export type ServiceRequestType = keyof typeof SERVICE_REQUEST_FIELDS;

export const SERVICE_REQUEST_TYPES: readonly { readonly code: ServiceRequestType; readonly name: string; readonly termijnWerkdagen: number }[] = [
  { code: 'testaccounts', name: 'Testaccounts aanvragen', termijnWerkdagen: 5 },
  { code: 'wijziging-contactpersoon', name: 'Contactpersoon wijzigen (Bijlage 1)', termijnWerkdagen: 5 },
  { code: 'nieuw-berichttype', name: 'Nieuw berichttype aanmelden', termijnWerkdagen: 10 },
  { code: 'testverzoek', name: 'Testverzoek', termijnWerkdagen: 10 },
];
export const SERVICE_REQUEST_TYPE_CODES = Object.keys(SERVICE_REQUEST_FIELDS) as [ServiceRequestType, ...ServiceRequestType[]];

/** The field names of a catalogue item, in form order. */
export function serviceRequestFieldNames(code: ServiceRequestType): string[] {
  return Object.keys(SERVICE_REQUEST_FIELDS[code].shape);
}
