/** Validation of one prognosis record (a CSV line, an Excel row or a JSON array element). */
import { z } from 'zod';
import {
  amsterdamWallTimeToInstant,
  instantFormatAmsterdamDutch,
  parseDateTimeText,
  wallTimeProblemMessage,
  type DateTimeTextResult,
  type WallTime,
} from '../time/wall-time.js';
import { type PlanningHorizon, planningHorizonViolation } from '../planning/horizon.js';
import { messageCountFromNumber, parseMessageCount } from './dutch-number.js';
import { type NewSendWindow, PROGNOSE_FIELDS, type PrognoseField, type RowError } from './types.js';

/**
 * Where the cell values come from, which decides how they are read:
 * - `csv`: text cells; a Date is taken as an instant.
 * - `xlsx`: Excel cells; a Date holds the Amsterdam wall-clock time in its UTC fields (as exceljs gives it).
 * - `json`: JSON values; times must be ISO 8601 strings with an offset, `field` in errors is the JSON property.
 */
export type PrognoseCellKind = 'csv' | 'xlsx' | 'json';

export type PrognoseCellValue = string | number | Date | null;

export type PrognoseRecord = Partial<Record<PrognoseField, PrognoseCellValue>>;

export type PrognoseRowResult = { ok: true; window: NewSendWindow } | { ok: false; errors: RowError[] };

/** JSON property names of the columns, as used in JSON uploads and in their error messages. */
export const PROGNOSE_JSON_PROPERTIES: Readonly<Record<PrognoseField, string>> = {
  kenmerk: 'kenmerk',
  omschrijving: 'omschrijving',
  berichttype: 'berichttype',
  start: 'start',
  eind: 'eind',
  aantal_berichten: 'aantalBerichten',
  status: 'status',
  afnemer: 'afnemer',
  vroegste_start: 'vroegsteStart',
  laatste_eind: 'laatsteEind',
};

export const PROGNOSE_TEXT_LIMITS = { kenmerk: 100, berichttype: 100, omschrijving: 500 } as const;

export const UPLOAD_STATUSES = ['concept', 'definitief'] as const;

const DATE_TIME_LABEL: Record<'start' | 'eind' | 'vroegste_start' | 'laatste_eind', string> = {
  start: 'De start',
  eind: 'Het eind',
  vroegste_start: 'De vroegste start',
  laatste_eind: 'Het laatste eind',
};

const isoWithOffset = z.iso.datetime({ offset: true });

// Control characters other than tab and line breaks are never wanted; in single-line fields
// (kenmerk, berichttype) tab and line breaks are refused too.
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const SINGLE_LINE_CONTROL_RE = /[\u0000-\u001F\u007F]/;

type TextCell = { kind: 'text'; text: string } | { kind: 'error'; message: string };

/** Reads a cell that should hold text; empty/absent gives ''. */
function cellToText(value: PrognoseCellValue | undefined, kind: PrognoseCellKind, name: string): TextCell {
  if (value === null || value === undefined) return { kind: 'text', text: '' };
  if (typeof value === 'string') return { kind: 'text', text: value.trim() };
  if (typeof value === 'number' && kind !== 'json' && Number.isFinite(value)) {
    return { kind: 'text', text: String(value) };
  }
  if (value instanceof Date) {
    return { kind: 'error', message: `De kolom ${name} bevat een datum, maar hier hoort tekst.` };
  }
  return { kind: 'error', message: `De waarde van ${name} moet een tekst zijn.` };
}

function textCheck(
  cell: TextCell,
  opts: { name: string; label: string; required: boolean; max: number; singleLine: boolean },
): { value: string; error: string | null } {
  if (cell.kind === 'error') return { value: '', error: cell.message };
  const text = cell.text;
  if (text === '') {
    return { value: '', error: opts.required ? `${opts.label} ontbreekt; de kolom ${opts.name} is verplicht.` : null };
  }
  const length = text.length; // UTF-16 units, as zod's max() counts them for JSON uploads
  if (length > opts.max) {
    return {
      value: text,
      error: `${opts.label} is te lang: maximaal ${opts.max} tekens, maar het zijn er ${length}.`,
    };
  }
  if ((opts.singleLine ? SINGLE_LINE_CONTROL_RE : CONTROL_RE).test(text)) {
    return {
      value: text,
      error: opts.singleLine ? `${opts.label} mag geen regeleinden, tabs of andere stuurtekens bevatten.` : `${opts.label} mag geen stuurtekens bevatten.`,
    };
  }
  return { value: text, error: null };
}

/** The instant as `dd-mm-jjjj uu:mm` in Amsterdam, or as ISO for years Intl writes in another form. */
function instantText(instant: Date | null): string {
  if (!instant) return '';
  const year = instant.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? instantFormatAmsterdamDutch(instant) : instant.toISOString();
}

export type DateCell = { kind: 'empty' } | { kind: 'ok'; instant: Date } | { kind: 'error'; message: string };

/**
 * parseDateTimeText's answers for the rows of one file, by the digits of a `dd-mm-jjjj uu:mm` text (the form Excel
 * writes) read as one number: a delivery repeats its times (100,000 rows of a year hold some 17,000 distinct ones), and
 * parsing them was a third of the validation (issue 16). Other forms are parsed each time.
 */
export type DateTextMemo = Map<number, DateTimeTextResult>;

const DIGIT_0 = 0x30;

/** The digits of a `dd-mm-jjjj uu:mm` text as the number ddmmjjjjuumm, or -1 for any other text. */
function dutchDateTimeKey(text: string): number {
  if (text.length !== 16 || text.charCodeAt(2) !== 0x2d || text.charCodeAt(5) !== 0x2d || text.charCodeAt(10) !== 0x20 || text.charCodeAt(13) !== 0x3a) {
    return -1;
  }
  let key = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 2 || i === 5 || i === 10 || i === 13) continue;
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    key = key * 10 + d;
  }
  return key;
}

function dateTextParse(text: string, memo: DateTextMemo | undefined): DateTimeTextResult {
  const key = memo ? dutchDateTimeKey(text) : -1;
  if (key < 0) return parseDateTimeText(text);
  let parsed = memo!.get(key);
  if (parsed === undefined) {
    parsed = parseDateTimeText(text);
    memo!.set(key, parsed);
  }
  return parsed;
}

/**
 * Returns the instant a cell that should hold a date and time gives, by the rules of its kind (see PrognoseCellKind).
 * Edge: an Excel date cell in the DST gap or the doubled autumn hour is an error; a number is an error with a hint.
 */
export function cellToInstant(value: PrognoseCellValue | undefined, kind: PrognoseCellKind, name: string, memo?: DateTextMemo): DateCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return { kind: 'error', message: `De kolom ${name} bevat een ongeldige datum.` };
    if (kind !== 'xlsx') return { kind: 'ok', instant: new Date(ms) };
    // Excel has no time zones: the cell holds Amsterdam wall-clock time, exposed in the UTC fields.
    // Excel stores times as fractions of a day, so round away floating-point noise to whole seconds.
    const rounded = new Date(Math.round(ms / 1000) * 1000);
    const wall: WallTime = {
      year: rounded.getUTCFullYear(),
      month: rounded.getUTCMonth() + 1,
      day: rounded.getUTCDate(),
      hour: rounded.getUTCHours(),
      minute: rounded.getUTCMinutes(),
      second: rounded.getUTCSeconds(),
    };
    const result = amsterdamWallTimeToInstant(wall);
    if (result.ok) return { kind: 'ok', instant: result.instant };
    return { kind: 'error', message: wallTimeProblemMessage(wall, result.reason) };
  }
  if (typeof value === 'number') {
    return {
      kind: 'error',
      message:
        kind === 'json'
          ? `De waarde van ${name} moet een tekst zijn in ISO 8601 met tijdzone, bijvoorbeeld 2027-01-15T08:00:00+01:00.`
          : `De kolom ${name} bevat een getal in plaats van een datum en tijd. Geef de cel in Excel de celnotatie ` +
            'Datum (dd-mm-jjjj uu:mm) of typ de datum als 15-01-2027 08:00.',
    };
  }
  const text = value.trim();
  if (text === '') return { kind: 'empty' };
  if (kind === 'json' && !isoWithOffset.safeParse(text).success) {
    return {
      kind: 'error',
      message: `"${text}" is geen ISO 8601-tijd met tijdzone. Gebruik bijvoorbeeld 2027-01-15T08:00:00+01:00 of 2027-01-15T07:00:00Z.`,
    };
  }
  const parsed = dateTextParse(text, memo);
  // A Date of its own per row: a memoised answer is shared.
  return parsed.ok ? { kind: 'ok', instant: new Date(parsed.instant.getTime()) } : { kind: 'error', message: parsed.message };
}

type Found = { field: PrognoseField; message: string };
const jsonName = (field: PrognoseField): string => PROGNOSE_JSON_PROPERTIES[field];
const columnName = (field: PrognoseField): string => field;
function fail(found: Found[], field: PrognoseField, message: string): void {
  found.push({ field, message });
}

/**
 * Returns the send window described by one record, or every problem found in it (not only the first),
 * in column order.
 * Edge: `field` in errors is the column name (`aantal_berichten`), or the JSON property name
 * (`aantalBerichten`) for cellKind 'json'; an absent, null or blank cell counts as empty; with a `horizon`, each
 * date and time outside it is an error on its field ("ligt buiten de planningshorizon (… t/m …)"); `memo` (one per
 * file) only saves parsing the same date text twice, the answer is the same.
 */
export function prognoseRowValidate(
  record: Partial<Record<PrognoseField, PrognoseCellValue>>,
  line: number,
  cellKind: PrognoseCellKind,
  horizon: PlanningHorizon | null = null,
  memo?: DateTextMemo,
): PrognoseRowResult {
  const found: Found[] = [];
  // Module functions, not closures: a closure made per row cost 100,000 allocations per delivery (issue 16).
  const name = cellKind === 'json' ? jsonName : columnName;

  const kenmerk = textCheck(cellToText(record.kenmerk, cellKind, name('kenmerk')), {
    name: name('kenmerk'),
    label: 'Het kenmerk',
    required: true,
    max: PROGNOSE_TEXT_LIMITS.kenmerk,
    singleLine: true,
  });
  if (kenmerk.error) fail(found, 'kenmerk', kenmerk.error);

  const omschrijving = textCheck(cellToText(record.omschrijving, cellKind, name('omschrijving')), {
    name: name('omschrijving'),
    label: 'De omschrijving',
    required: false,
    max: PROGNOSE_TEXT_LIMITS.omschrijving,
    singleLine: false,
  });
  if (omschrijving.error) fail(found, 'omschrijving', omschrijving.error);

  const berichttype = textCheck(cellToText(record.berichttype, cellKind, name('berichttype')), {
    name: name('berichttype'),
    label: 'Het berichttype',
    required: true,
    max: PROGNOSE_TEXT_LIMITS.berichttype,
    singleLine: true,
  });
  if (berichttype.error) fail(found, 'berichttype', berichttype.error);

  const instants: Partial<Record<keyof typeof DATE_TIME_LABEL, Date>> = {};
  for (const field of ['start', 'eind', 'vroegste_start', 'laatste_eind'] as const) {
    const cell = cellToInstant(record[field], cellKind, name(field), memo);
    const outside = cell.kind === 'ok' && horizon ? planningHorizonViolation(horizon, cell.instant.getTime()) : null;
    if (outside) fail(found, field, `${DATE_TIME_LABEL[field]} (${instantText(cell.kind === 'ok' ? cell.instant : null)}) ${outside}.`);
    else if (cell.kind === 'ok') instants[field] = cell.instant;
    else if (cell.kind === 'error') fail(found, field, cell.message);
    else if (field === 'start' || field === 'eind') {
      fail(found, field, `${DATE_TIME_LABEL[field]} ontbreekt; de kolom ${name(field)} is verplicht.`);
    }
  }

  let aantalBerichten: number | null = null;
  const rawCount = record.aantal_berichten;
  if (rawCount === null || rawCount === undefined || (typeof rawCount === 'string' && rawCount.trim() === '')) {
    fail(found, 'aantal_berichten', `Het aantal berichten ontbreekt; de kolom ${name('aantal_berichten')} is verplicht.`);
  } else if (typeof rawCount === 'number') {
    const result = messageCountFromNumber(rawCount);
    if (result.ok) aantalBerichten = result.value;
    else fail(found, 'aantal_berichten', result.message);
  } else if (typeof rawCount === 'string' && cellKind !== 'json') {
    const result = parseMessageCount(rawCount);
    if (result.ok) aantalBerichten = result.value;
    else fail(found, 'aantal_berichten', result.message);
  } else {
    fail(
      found,
      'aantal_berichten',
      cellKind === 'json'
        ? `De waarde van ${name('aantal_berichten')} moet een geheel getal zijn (een JSON-getal, geen tekst).`
        : 'Het aantal berichten bevat een datum in plaats van een getal.',
    );
  }

  let status: NewSendWindow['status'] | null = null;
  const statusCell = cellToText(record.status, cellKind, name('status'));
  if (statusCell.kind === 'error') {
    fail(found, 'status', statusCell.message);
  } else {
    const value = cellKind === 'json' ? statusCell.text : statusCell.text.toLowerCase();
    if (value === 'concept' || value === 'definitief') {
      status = value;
    } else if (statusCell.text === '') {
      fail(found, 'status', `De status ontbreekt. Toegestaan zijn: ${UPLOAD_STATUSES.join(', ')}.`);
    } else if (value.toLowerCase() === 'geannuleerd') {
      fail(
        found,
        'status',
        'De status geannuleerd kan niet via een upload worden gezet. Upload het venster als concept of ' +
          'definitief; een venster annuleren doet u met de actie Annuleren.',
      );
    } else {
      fail(found, 'status', `Onbekende status "${statusCell.text}". Toegestaan zijn: ${UPLOAD_STATUSES.join(', ')}.`);
    }
  }

  let afnemer: string | null = null;
  const rawAfnemer = record.afnemer;
  if (typeof rawAfnemer === 'number' && cellKind !== 'json') {
    fail(
      found,
      'afnemer',
      'De OIN staat als getal in de cel; een getal van 20 cijfers is in Excel niet nauwkeurig. ' +
        `Geef de kolom ${name('afnemer')} de celnotatie Tekst en typ de OIN opnieuw.`,
    );
  } else {
    const afnemerCell = cellToText(rawAfnemer, cellKind, name('afnemer'));
    if (afnemerCell.kind === 'error') {
      fail(found, 'afnemer', afnemerCell.message);
    } else if (afnemerCell.text !== '') {
      if (/^\d{20}$/.test(afnemerCell.text)) {
        afnemer = afnemerCell.text;
      } else {
        const hint = /e\+?\d+$/i.test(afnemerCell.text)
          ? ' Excel heeft de OIN als getal opgeslagen; geef de kolom de celnotatie Tekst en typ de OIN opnieuw.'
          : '';
        fail(
          found,
          'afnemer',
          `"${afnemerCell.text}" is geen geldige OIN: een OIN bestaat uit precies 20 cijfers, ` + `bijvoorbeeld 00000001234567890000.${hint}`,
        );
      }
    }
  }

  const { start, eind, vroegste_start: vroegsteStart, laatste_eind: laatsteEind } = instants;
  if (start && eind && eind.getTime() <= start.getTime()) {
    fail(found, 'eind', `Het eind (${instantFormatAmsterdamDutch(eind)}) moet na de start (${instantFormatAmsterdamDutch(start)}) liggen.`);
  }
  if (vroegsteStart && start && vroegsteStart.getTime() > start.getTime()) {
    fail(
      found,
      'vroegste_start',
      `De vroegste start (${instantFormatAmsterdamDutch(vroegsteStart)}) mag niet na de start ` + `(${instantFormatAmsterdamDutch(start)}) liggen.`,
    );
  }
  if (laatsteEind && eind && laatsteEind.getTime() < eind.getTime()) {
    fail(
      found,
      'laatste_eind',
      `Het laatste eind (${instantFormatAmsterdamDutch(laatsteEind)}) mag niet voor het eind ` + `(${instantFormatAmsterdamDutch(eind)}) liggen.`,
    );
  }

  if (found.length > 0 || !start || !eind || aantalBerichten === null || status === null) {
    // In column order (stable, so several errors on one column keep their order).
    const errors: RowError[] = found
      .map((e, index) => ({ ...e, index, column: PROGNOSE_FIELDS.indexOf(e.field) }))
      .sort((a, b) => a.column - b.column || a.index - b.index)
      .map((e) => ({ row: line, field: name(e.field), message: e.message }));
    return { ok: false, errors };
  }
  return {
    ok: true,
    window: {
      afnemer,
      kenmerk: kenmerk.value,
      omschrijving: omschrijving.value,
      berichttype: berichttype.value,
      start,
      end: eind,
      aantalBerichten,
      status,
      vroegsteStart: vroegsteStart ?? null,
      laatsteEind: laatsteEind ?? null,
    },
  };
}
