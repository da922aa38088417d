/** Mapping of the header row of a prognosis file to the logical columns (PROGNOSE_FIELDS). */
import { PROGNOSE_FIELDS, REQUIRED_PROGNOSE_FIELDS, type PrognoseField, type RowError } from './types.js';

/**
 * Accepted header names per column, in normalised form (lower case, without spaces, underscores and
 * hyphens), so `Aantal berichten`, `aantal_berichten`, `Aantal-Berichten` and `aantalBerichten` all match.
 */
export const PROGNOSE_COLUMN_ALIASES: Readonly<Record<PrognoseField, readonly string[]>> = {
  kenmerk: ['kenmerk', 'reference', 'ref', 'referentie'],
  omschrijving: ['omschrijving', 'description', 'beschrijving'],
  berichttype: ['berichttype', 'messagetype', 'type', 'soortbericht'],
  start: ['start', 'begin', 'starttijd', 'begintijd', 'starttime', 'startdatumtijd'],
  eind: ['eind', 'einde', 'end', 'eindtijd', 'endtime', 'einddatumtijd'],
  aantal_berichten: ['aantalberichten', 'count', 'messages', 'aantal', 'volume', 'messagecount', 'berichten'],
  status: ['status'],
  afnemer: ['afnemer', 'oin', 'afnemeroin'],
  vroegste_start: ['vroegstestart', 'earlieststart'],
  laatste_eind: ['laatsteeind', 'laatsteeinde', 'latestend'],
};

const FIELD_BY_ALIAS: ReadonlyMap<string, PrognoseField> = new Map(
  PROGNOSE_FIELDS.flatMap((field) => PROGNOSE_COLUMN_ALIASES[field].map((alias) => [alias, field] as const)),
);

/**
 * Returns the header text normalised for matching: lower case, without spaces, underscores and hyphens.
 * Edge: a BOM, a trailing hint in brackets (`Start (dd-mm-jjjj uu:mm)`) and a trailing `*` are dropped too.
 */
export function prognoseHeaderNormalize(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/\s*\*+\s*$/, '')
    .toLowerCase()
    .replace(/[\s_\-\u00A0]+/g, '');
}

/**
 * Returns the column a header names, or null when it names none of them.
 * Edge: matching ignores case, surrounding spaces, spaces/underscores/hyphens and a trailing `(...)` or `*`.
 */
export function prognoseHeaderToField(header: string): PrognoseField | null {
  return FIELD_BY_ALIAS.get(prognoseHeaderNormalize(header)) ?? null;
}

/**
 * Returns the spreadsheet letter(s) of a 0-based column index: 0 → A, 25 → Z, 26 → AA.
 * Edge: the index is not bounded by Excel's last column (XFD); negative indexes give ''.
 */
export function columnIndexToLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export type HeaderMapResult =
  | {
      ok: true;
      /** Per header position: the column it holds, or null for an empty header cell. */
      fieldByIndex: (PrognoseField | null)[];
    }
  | { ok: false; errors: RowError[] };

/**
 * Returns, per header position, the logical column it names (null for an empty header cell).
 * Edge: unknown, duplicate and missing required columns all give errors on `headerLine` (default 1),
 * every one of them reported; empty header cells are allowed (their data must then be empty too).
 */
export function prognoseHeaderMap(headers: readonly string[], headerLine = 1): HeaderMapResult {
  const errors: RowError[] = [];
  const fieldByIndex: (PrognoseField | null)[] = [];
  const indexByField = new Map<PrognoseField, number>();
  headers.forEach((raw, index) => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    const letter = columnIndexToLetters(index);
    if (header === '') {
      fieldByIndex.push(null);
      return;
    }
    const field = prognoseHeaderToField(header);
    if (field === null) {
      errors.push({
        row: headerLine,
        field: header,
        message:
          `Onbekende kolom "${header}" (kolom ${letter}). Toegestane kolommen zijn: ${PROGNOSE_FIELDS.join(', ')}. ` +
          'Verwijder de kolom of geef hem een van deze namen.',
      });
      fieldByIndex.push(null);
      return;
    }
    const earlier = indexByField.get(field);
    if (earlier !== undefined) {
      errors.push({
        row: headerLine,
        field,
        message:
          `De kolom ${field} komt twee keer voor: "${headers[earlier]!.trim()}" (kolom ${columnIndexToLetters(earlier)}) ` +
          `en "${header}" (kolom ${letter}). Laat er één over.`,
      });
      fieldByIndex.push(null);
      return;
    }
    indexByField.set(field, index);
    fieldByIndex.push(field);
  });
  for (const field of REQUIRED_PROGNOSE_FIELDS) {
    if (!indexByField.has(field)) {
      errors.push({
        row: headerLine,
        field,
        message: `De verplichte kolom ${field} ontbreekt in de kopregel.`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fieldByIndex };
}
