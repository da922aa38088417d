/** The JSON form of a prognosis upload (for the API), and its conversion to validated rows. */
import { z } from 'zod';
import { prognoseNoRowsResult, prognoseTooManyRowsResult, type PrognoseParseOptions } from './parse-table.js';
import { PROGNOSE_FIELDS, type ParsedRow, type ParseResult, type PrognoseField, type RowError, UPLOAD_LIMITS } from './types.js';
import { PROGNOSE_JSON_PROPERTIES, PROGNOSE_TEXT_LIMITS, type PrognoseRecord, prognoseRowValidate } from './validate-row.js';

/** Status of a send window; `geannuleerd` is only reachable through the cancel action. */
export const SendWindowStatus = z.enum(['concept', 'definitief', 'geannuleerd']).meta({
  id: 'SendWindowStatus',
  description: 'Status van een verzendvenster: concept (voorlopig), definitief (toegezegd) of geannuleerd ' + '(alleen via de actie Annuleren).',
});
export type SendWindowStatus = z.infer<typeof SendWindowStatus>;

/** Status allowed in an upload. */
export const SendWindowUploadStatus = z
  .enum(['concept', 'definitief'], {
    error: (issue) =>
      issue.input === 'geannuleerd'
        ? 'De status geannuleerd kan niet via een upload worden gezet; een venster annuleren doet u met de actie Annuleren.'
        : 'De status moet concept of definitief zijn.',
  })
  .meta({
    id: 'SendWindowUploadStatus',
    description: 'Status bij het aanleveren: concept of definitief. Annuleren gaat via de actie Annuleren.',
  });
export type SendWindowUploadStatus = z.infer<typeof SendWindowUploadStatus>;

// Same character rules as validate-row: no control characters; tab and line breaks only in omschrijving.
const SINGLE_LINE_RE = /^[^\u0000-\u001F\u007F]*$/;
const MULTI_LINE_RE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

const ISO_ERROR = 'Gebruik een tijd in ISO 8601 met tijdzone, bijvoorbeeld 2027-01-15T08:00:00+01:00 of 2027-01-15T07:00:00Z.';

function isoDateTime(description: string, example: string) {
  return z.iso.datetime({ offset: true, error: ISO_ERROR }).meta({ description, example });
}

const oin = z
  .string()
  .regex(/^\d{20}$/, { error: 'Een OIN bestaat uit precies 20 cijfers.' })
  .meta({ description: 'OIN (20 cijfers) van de Afnemer namens wie het venster wordt aangeleverd.', example: '00000001234567890000' });

/** One send window in a JSON upload. */
export const SendWindowInput = z
  .strictObject({
    kenmerk: z
      .string()
      .trim()
      .min(1, { error: 'Het kenmerk is verplicht.' })
      .max(PROGNOSE_TEXT_LIMITS.kenmerk, { error: `Het kenmerk mag maximaal ${PROGNOSE_TEXT_LIMITS.kenmerk} tekens lang zijn.` })
      .regex(SINGLE_LINE_RE, { error: 'Het kenmerk mag geen regeleinden, tabs of andere stuurtekens bevatten.' })
      .meta({ description: 'Eigen, unieke referentie van het venster binnen de aanlevering.', example: 'BB-2027-001' }),
    omschrijving: z
      .string()
      .trim()
      .max(PROGNOSE_TEXT_LIMITS.omschrijving, {
        error: `De omschrijving mag maximaal ${PROGNOSE_TEXT_LIMITS.omschrijving} tekens lang zijn.`,
      })
      .regex(MULTI_LINE_RE, { error: 'De omschrijving mag geen stuurtekens bevatten.' })
      .meta({ description: 'Vrije toelichting.', example: 'Jaarlijkse aanslag inkomstenbelasting' })
      .optional(),
    berichttype: z
      .string()
      .trim()
      .min(1, { error: 'Het berichttype is verplicht.' })
      .max(PROGNOSE_TEXT_LIMITS.berichttype, {
        error: `Het berichttype mag maximaal ${PROGNOSE_TEXT_LIMITS.berichttype} tekens lang zijn.`,
      })
      .regex(SINGLE_LINE_RE, { error: 'Het berichttype mag geen regeleinden, tabs of andere stuurtekens bevatten.' })
      .meta({ description: 'Soort bericht.', example: 'Aanslag' }),
    start: isoDateTime('Begin van het verzendvenster, ISO 8601 met tijdzone.', '2027-01-15T08:00:00+01:00'),
    eind: isoDateTime('Einde van het verzendvenster (na start), ISO 8601 met tijdzone.', '2027-01-15T18:00:00+01:00'),
    aantalBerichten: z
      .number({ error: 'Het aantal berichten moet een geheel getal zijn.' })
      .int({ error: 'Het aantal berichten moet een geheel getal zijn.' })
      .min(1, { error: 'Het aantal berichten moet minimaal 1 zijn.' })
      .max(1_000_000_000, { error: 'Het aantal berichten mag maximaal 1.000.000.000 zijn.' })
      .meta({ description: 'Aantal berichten in dit venster (1 tot en met 1.000.000.000).', example: 1250000 }),
    status: SendWindowUploadStatus,
    afnemer: oin.optional(),
    vroegsteStart: isoDateTime(
      'Vroegst mogelijke start als het venster mag schuiven (niet na start), ISO 8601 met tijdzone.',
      '2027-01-15T06:00:00+01:00',
    ).optional(),
    laatsteEind: isoDateTime(
      'Laatst mogelijke eind als het venster mag schuiven (niet voor eind), ISO 8601 met tijdzone.',
      '2027-01-15T22:00:00+01:00',
    ).optional(),
  })
  .meta({
    id: 'SendWindowInput',
    description: 'Eén verzendvenster in een prognose: hoeveel berichten wanneer worden verstuurd.',
  });
export type SendWindowInput = z.infer<typeof SendWindowInput>;

/** The body of a JSON prognosis upload. */
export const PrognoseJsonUpload = z
  .strictObject({
    windows: z
      .array(SendWindowInput)
      .min(1, { error: 'De lijst windows moet minstens één venster bevatten.' })
      .max(UPLOAD_LIMITS.maxRows, { error: `Een aanlevering mag hoogstens ${UPLOAD_LIMITS.maxRows} vensters bevatten.` })
      .meta({ description: `De verzendvensters, 1 tot en met ${UPLOAD_LIMITS.maxRows}; elk kenmerk maar één keer.` }),
  })
  .meta({
    id: 'PrognoseUpload',
    description: 'Een prognose als JSON: dezelfde regels als bij een CSV- of Excel-bestand.',
  });
export type PrognoseJsonUpload = z.infer<typeof PrognoseJsonUpload>;

const FIELD_BY_PROPERTY: ReadonlyMap<string, PrognoseField> = new Map(PROGNOSE_FIELDS.map((field) => [PROGNOSE_JSON_PROPERTIES[field], field] as const));
const PROPERTY_LIST = PROGNOSE_FIELDS.map((f) => PROGNOSE_JSON_PROPERTIES[f]).join(', ');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wholeError(field: string, message: string): ParseResult {
  return { ok: false, errors: [{ field, message }] };
}

/**
 * Returns the validated send windows of a JSON upload body (`row` = 1-based index in `windows`,
 * `field` = JSON property), with the same rules as files, including duplicate kenmerken.
 * Edge: accepts any unknown value (checks the shape itself, so it also works without the zod schema);
 * unknown properties and null values are errors; more than maxRows windows gives `tooManyRows: true`.
 */
export function prognoseJsonToRows(body: unknown, opts: PrognoseParseOptions = {}): ParseResult {
  const maxRows = opts.maxRows ?? UPLOAD_LIMITS.maxRows;
  if (!isPlainObject(body)) {
    return wholeError('windows', 'De aanlevering moet een JSON-object zijn met de eigenschap windows (een lijst met vensters).');
  }
  const topErrors: RowError[] = Object.keys(body)
    .filter((key) => key !== 'windows')
    .map((key) => ({ field: key, message: `Onbekende eigenschap "${key}"; alleen windows is toegestaan.` }));
  const windows = body.windows;
  if (!Array.isArray(windows)) {
    topErrors.push({ field: 'windows', message: 'De eigenschap windows ontbreekt of is geen lijst met vensters.' });
    return { ok: false, errors: topErrors };
  }
  if (topErrors.length > 0) return { ok: false, errors: topErrors };
  if (windows.length === 0) return prognoseNoRowsResult();
  if (windows.length > maxRows) return prognoseTooManyRowsResult(maxRows);

  const errors: RowError[] = [];
  const rows: ParsedRow[] = [];
  const rowByKenmerk = new Map<string, number>();
  windows.forEach((item: unknown, index) => {
    const row = index + 1;
    if (!isPlainObject(item)) {
      errors.push({ row, field: '', message: `Venster ${row} in windows moet een JSON-object zijn.` });
      return;
    }
    const rowErrors: RowError[] = [];
    const record: PrognoseRecord = {};
    const invalid = new Set<string>();
    for (const [property, value] of Object.entries(item)) {
      const field = FIELD_BY_PROPERTY.get(property);
      if (field === undefined) {
        rowErrors.push({ row, field: property, message: `Onbekende eigenschap "${property}". Toegestaan zijn: ${PROPERTY_LIST}.` });
      } else if (value === null) {
        invalid.add(property);
        rowErrors.push({ row, field: property, message: `${property} mag niet null zijn; laat de eigenschap weg als er geen waarde is.` });
      } else if (typeof value === 'string' || typeof value === 'number') {
        record[field] = value;
      } else {
        invalid.add(property);
        const expected = field === 'aantal_berichten' ? 'een geheel getal' : 'een tekst';
        rowErrors.push({ row, field: property, message: `De waarde van ${property} moet ${expected} zijn.` });
      }
    }
    const result = prognoseRowValidate(record, row, 'json', opts.horizon ?? null);
    if (result.ok) {
      if (rowErrors.length === 0) rows.push({ line: row, window: result.window });
    } else {
      rowErrors.push(...result.errors.filter((e) => !invalid.has(e.field)));
    }
    const kenmerk = typeof record.kenmerk === 'string' ? record.kenmerk.trim() : '';
    if (kenmerk !== '') {
      const earlier = rowByKenmerk.get(kenmerk);
      if (earlier === undefined) rowByKenmerk.set(kenmerk, row);
      else {
        rowErrors.push({
          row,
          field: 'kenmerk',
          message: `Het kenmerk "${kenmerk}" staat ook al bij venster ${earlier}. Elk kenmerk mag maar één keer voorkomen.`,
        });
      }
    }
    errors.push(...rowErrors);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
