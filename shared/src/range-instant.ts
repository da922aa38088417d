/**
 * The `from`/`to` of every range parameter: a date-time with offset, or a plain date meaning midnight in
 * Europe/Amsterdam. One schema, so every route reads a range the same way.
 */

import { z } from 'zod';
import { amsterdamWallTimeToInstant, instantFormatAmsterdamIso } from './time/wall-time.js';
import { instantStorable } from './instant.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DateTimeWithOffset = z.iso.datetime({ offset: true });

export const RANGE_INSTANT_HINT =
  'Geef een datum (jjjj-mm-dd, middernacht in Nederland) of datum en tijd in ISO 8601 met tijdzone, ' + 'bijvoorbeeld 2027-01-15 of 2027-01-15T08:00:00+01:00.';

export type RangeInstantResult = { ok: true; iso: string } | { ok: false; message: string };

/**
 * Returns the instant a range boundary names, as ISO 8601 with offset: a date-time with offset unchanged, a
 * plain date as the first instant of that day in Amsterdam (`2027-03-28` gives `2027-03-28T00:00:00+01:00`).
 * Edge: midnight always exists in Amsterdam (the clock moves at 02:00/03:00), so a real date never fails;
 * `2027-02-30`, a date-time without offset or any other text gives a Dutch message.
 */
export function rangeInstantParse(text: string): RangeInstantResult {
  const date = DATE_RE.exec(text);
  if (date) {
    const result = amsterdamWallTimeToInstant({
      year: Number(date[1]),
      month: Number(date[2]),
      day: Number(date[3]),
      hour: 0,
      minute: 0,
      second: 0,
    });
    if (result.ok && instantStorable(result.instant.getTime())) return { ok: true, iso: instantFormatAmsterdamIso(result.instant) };
    return { ok: false, message: `De datum ${text} bestaat niet. ${RANGE_INSTANT_HINT}` };
  }
  if (DateTimeWithOffset.safeParse(text).success && instantStorable(Date.parse(text))) return { ok: true, iso: text };
  return { ok: false, message: `"${text.slice(0, 60)}" is geen datum of tijdstip. ${RANGE_INSTANT_HINT}` };
}

/** A range boundary in a query: parsed by rangeInstantParse, so routes always get ISO 8601 with an offset. */
export const RangeInstant = z
  .string()
  .transform((text, ctx) => {
    const result = rangeInstantParse(text);
    if (result.ok) return result.iso;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  })
  .meta({ description: 'Datum (jjjj-mm-dd, middernacht Europe/Amsterdam) of datum en tijd in ISO 8601 met tijdzone', example: '2027-01-01' });
