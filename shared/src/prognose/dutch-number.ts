/** Message counts as Dutch planners write them: `1.250.000`, `1250000`, `1 250 000`. */

export const MESSAGE_COUNT_LIMITS = { min: 1, max: 1_000_000_000 } as const;

export type MessageCountResult = { ok: true; value: number } | { ok: false; message: string };

const EXAMPLE = 'bijvoorbeeld 1250000 of 1.250.000';

const PLAIN_RE = /^\d+$/;
const GROUPED_RE = [
  /^\d{1,3}(?:\.\d{3})+$/, // 1.250.000
  /^\d{1,3}(?: \d{3})+$/, // 1 250 000 (nbsp and narrow nbsp are normalised to a space first)
  /^\d{1,3}(?:,\d{3})+$/, // 1,250,000
];
const DECIMAL_LIKE_RE = /^[\d., ]*\d[.,]\d+$/;
const SCIENTIFIC_RE = /^\d+(?:[.,]\d+)?e[+-]?\d+$/i;

function formatDutch(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * Returns the message count of a value that is already a number (an Excel or JSON number).
 * Edge: fractions, NaN/Infinity, values below 1 or above 1.000.000.000 give a Dutch message.
 */
export function messageCountFromNumber(value: number): MessageCountResult {
  if (!Number.isFinite(value)) {
    return { ok: false, message: `Het aantal berichten is geen geldig getal. Gebruik een geheel getal, ${EXAMPLE}.` };
  }
  if (!Number.isInteger(value)) {
    return {
      ok: false,
      message: `Het aantal berichten moet een geheel getal zijn, zonder decimalen; gevonden: ${String(value).replace('.', ',')}.`,
    };
  }
  if (value < MESSAGE_COUNT_LIMITS.min) {
    return { ok: false, message: `Het aantal berichten moet minimaal 1 zijn; gevonden: ${value}.` };
  }
  if (value > MESSAGE_COUNT_LIMITS.max) {
    return {
      ok: false,
      message: `Het aantal berichten mag maximaal ${formatDutch(MESSAGE_COUNT_LIMITS.max)} zijn; gevonden: ${formatDutch(value)}.`,
    };
  }
  return { ok: true, value };
}

/**
 * Returns the whole number written in `text`: plain digits, or thousands grouped by 3 with `.`, space,
 * non-breaking space or `,` (`1.250.000`, `1 250 000`, `1,250,000`).
 * Edge: decimals and mis-grouped numbers such as `1.5`, `1.25` or `1,5` are rejected (never guessed),
 * as are signs, scientific notation (`1,25E+06`), 0 and values above 1.000.000.000.
 */
export function parseMessageCount(text: string): MessageCountResult {
  const trimmed = text.replace(/[\u00A0\u202F\u2009]/g, ' ').trim();
  if (trimmed === '') return { ok: false, message: `Het aantal berichten ontbreekt. Gebruik een geheel getal, ${EXAMPLE}.` };

  let digits: string | null = null;
  if (PLAIN_RE.test(trimmed)) digits = trimmed;
  else if (GROUPED_RE.some((re) => re.test(trimmed))) digits = trimmed.replace(/[., ]/g, '');

  if (digits === null) {
    if (/^-\s*[\d.,]+$/.test(trimmed)) {
      return { ok: false, message: `Het aantal berichten moet minimaal 1 zijn; gevonden: "${trimmed}".` };
    }
    if (SCIENTIFIC_RE.test(trimmed)) {
      return {
        ok: false,
        message:
          `"${trimmed}" is in wetenschappelijke notatie geschreven. Geef de kolom in Excel de celnotatie ` +
          `Getal zonder decimalen en sla het bestand opnieuw op, of schrijf het hele getal uit (${EXAMPLE}).`,
      };
    }
    if (DECIMAL_LIKE_RE.test(trimmed)) {
      return {
        ok: false,
        message:
          `"${trimmed}" is geen geldig aantal berichten: gebruik een geheel getal zonder decimalen. ` +
          `Een punt mag alleen duizendtallen scheiden, in groepen van drie cijfers (${EXAMPLE}).`,
      };
    }
    return { ok: false, message: `"${trimmed}" is geen geldig aantal berichten. Gebruik een geheel getal, ${EXAMPLE}.` };
  }

  const significant = digits.replace(/^0+(?=\d)/, '');
  if (significant.length > 10) {
    return {
      ok: false,
      message: `Het aantal berichten mag maximaal ${formatDutch(MESSAGE_COUNT_LIMITS.max)} zijn; gevonden: "${trimmed}".`,
    };
  }
  return messageCountFromNumber(Number(significant));
}
