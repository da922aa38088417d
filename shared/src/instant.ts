/** Instants as the API takes them: ISO 8601 with an offset, within what every tier can store and show. */
import { z } from 'zod';

/** UTC years 1 to 9999: PostgreSQL holds more, but ISO 8601 text (and so every JSON answer) four-digit years only. */
export const INSTANT_RANGE = { min: -62_135_596_800_000, max: 253_402_300_799_999 } as const;

/**
 * Returns true when the instant (ms) lies in UTC years 1..9999.
 * Edge: 9999-12-31T23:59:59-14:00 is year 10000 in UTC and gives false; NaN gives false.
 */
export function instantStorable(ms: number): boolean {
  return ms >= INSTANT_RANGE.min && ms <= INSTANT_RANGE.max;
}

const ISO_MESSAGE = 'Geef datum en tijd in ISO 8601 met tijdzone, bijvoorbeeld 2027-01-15T08:00:00+01:00.';

/** An ISO 8601 date-time with offset whose instant lies in UTC years 1..9999 (Dutch messages). */
export function instantSchema(message = ISO_MESSAGE) {
  return (
    z.iso
      // A missing value keeps the general message ("Dit veld ontbreekt."); a wrong one gets this schema's.
      .datetime({ offset: true, error: (issue) => (issue.input === undefined ? undefined : message) })
      .refine((v) => instantStorable(Date.parse(v)), { error: 'Deze datum en tijd valt buiten de jaren 1 t/m 9999 (in UTC).' })
  );
}
