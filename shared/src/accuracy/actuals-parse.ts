/** Reading an actuals export (`oin;uur;aantal`, as Dutch Excel saves a CSV) into validated hours. */
import { columnIndexToLetters, prognoseHeaderNormalize } from '../prognose/columns.js';
import { CsvSyntaxError, csvDelimiterDetect, csvRecordsIterate } from '../prognose/csv.js';
import { parseMessageCount } from '../prognose/dutch-number.js';
import { prognoseNoRowsResult, prognoseTooManyRowsResult } from '../prognose/parse-table.js';
import { type ParseResult, type RowError, UPLOAD_LIMITS } from '../prognose/types.js';
import { parseDateTimeText } from '../time/wall-time.js';
import { DAY_MS, HOUR_MS } from '../time/units.js';

export const ACTUALS_FIELDS = ['oin', 'uur', 'aantal'] as const;
export type ActualsField = (typeof ACTUALS_FIELDS)[number];

/** Accepted header names per column, normalised as prognoseHeaderNormalize does. */
export const ACTUALS_COLUMN_ALIASES: Readonly<Record<ActualsField, readonly string[]>> = {
  oin: ['oin', 'afnemer', 'afnemeroin'],
  uur: ['uur', 'hour', 'tijd', 'start', 'tijdstip'],
  aantal: ['aantal', 'aantalberichten', 'berichten', 'count', 'messages'],
};

/** How far back an actual may go: it describes the past, never the future. */
export const ACTUALS_LIMITS = { maxPastDays: 2 * 366 } as const;

export interface ParsedActual {
  line: number;
  afnemer: string;
  /** Start of the hour (ms, a whole UTC hour). */
  hour: number;
  count: number;
}

export type ActualsParseResult = { ok: true; rows: ParsedActual[] } | { ok: false; errors: RowError[]; tooManyRows?: boolean };

export interface ActualsParseOptions {
  /** The current instant: an hour must have ended by now and lie at most ACTUALS_LIMITS.maxPastDays before it. */
  now: number;
  maxRows?: number;
}

/** The whole-file failures of the prognose reader, which carry no rows. */
function failed(r: ParseResult): ActualsParseResult {
  return r.ok ? { ok: false, errors: [] } : r;
}

const FIELD_BY_ALIAS = new Map(ACTUALS_FIELDS.flatMap((f) => ACTUALS_COLUMN_ALIASES[f].map((a) => [a, f] as const)));

/**
 * Returns the validated hours of an actuals CSV, or every error (row, field, Dutch message).
 * Edge: `aantal` 0 is allowed (an hour without messages); an hour must start on a whole hour, have ended by `now`,
 * and may appear once per OIN in a file; the doubled autumn hour needs an offset (`2026-10-25T02:00+01:00`).
 */
export function actualsCsvParse(text: string, opts: ActualsParseOptions): ActualsParseResult {
  const maxRows = opts.maxRows ?? UPLOAD_LIMITS.maxRows;
  const records = csvRecordsIterate(text, csvDelimiterDetect(text));
  try {
    const first = records.next();
    if (first.done) return { ok: false, errors: [{ field: '', message: 'Het bestand is leeg. Gebruik een kopregel oin;uur;aantal met daaronder de uren.' }] };
    const headerLine = first.value.line;
    const indexOf = new Map<ActualsField, number>();
    const errors: RowError[] = [];
    first.value.fields.forEach((raw, index) => {
      const field = FIELD_BY_ALIAS.get(prognoseHeaderNormalize(raw));
      if (raw.trim() === '') return;
      if (!field) {
        errors.push({
          row: headerLine,
          field: raw.trim(),
          message: `Onbekende kolom "${raw.trim()}" (kolom ${columnIndexToLetters(index)}). Toegestane kolommen zijn: ${ACTUALS_FIELDS.join(', ')}.`,
        });
      } else if (indexOf.has(field)) {
        errors.push({ row: headerLine, field, message: `De kolom ${field} komt twee keer voor. Laat er één over.` });
      } else indexOf.set(field, index);
    });
    for (const f of ACTUALS_FIELDS) {
      if (!indexOf.has(f)) errors.push({ row: headerLine, field: f, message: `De verplichte kolom ${f} ontbreekt in de kopregel.` });
    }
    if (errors.length > 0) return { ok: false, errors };

    const rows: ParsedActual[] = [];
    const lineByKey = new Map<string, number>();
    let count = 0;
    for (const record of records) {
      const cell = (f: ActualsField) => (record.fields[indexOf.get(f)!] ?? '').trim();
      if (record.fields.every((c) => c.trim() === '')) continue;
      if (++count > maxRows) return failed(prognoseTooManyRowsResult(maxRows));
      const line = record.line;
      const rowErrors: RowError[] = [];
      const oin = cell('oin');
      if (!/^\d{20}$/.test(oin)) rowErrors.push({ row: line, field: 'oin', message: `"${oin}" is geen OIN: een OIN bestaat uit precies 20 cijfers.` });
      let hour: number | null = null;
      const time = parseDateTimeText(cell('uur'));
      if (!time.ok) rowErrors.push({ row: line, field: 'uur', message: time.message });
      else {
        const ms = time.instant.getTime();
        if (ms % HOUR_MS !== 0)
          rowErrors.push({ row: line, field: 'uur', message: `Het uur "${cell('uur')}" begint niet op een heel uur (minuten en seconden 0).` });
        else if (ms + HOUR_MS > opts.now)
          rowErrors.push({ row: line, field: 'uur', message: `Het uur "${cell('uur')}" is nog niet voorbij: werkelijke aantallen gaan over het verleden.` });
        else if (ms < opts.now - ACTUALS_LIMITS.maxPastDays * DAY_MS) {
          rowErrors.push({ row: line, field: 'uur', message: `Het uur "${cell('uur')}" ligt meer dan twee jaar terug; dat wordt niet meer bewaard.` });
        } else hour = ms;
      }
      const text = cell('aantal');
      let n: number | null = null;
      if (text === '0') n = 0;
      else {
        const parsed = parseMessageCount(text);
        if (parsed.ok) n = parsed.value;
        else rowErrors.push({ row: line, field: 'aantal', message: parsed.message });
      }
      if (rowErrors.length === 0 && hour !== null && n !== null) {
        const key = `${oin}|${hour}`;
        const earlier = lineByKey.get(key);
        if (earlier !== undefined) {
          rowErrors.push({
            row: line,
            field: 'uur',
            message: `Dit uur van OIN ${oin} staat ook al op regel ${earlier}. Elk uur mag maar één keer in het bestand staan.`,
          });
        } else {
          lineByKey.set(key, line);
          rows.push({ line, afnemer: oin, hour, count: n });
        }
      }
      errors.push(...rowErrors);
    }
    if (count === 0) return failed(prognoseNoRowsResult());
    return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, errors: [{ row: e.line, field: '', message: e.message }] };
    throw e;
  }
}
