/**
 * Wall-clock time in Europe/Amsterdam <-> instants, and parsing of the date/time notations
 * that Dutch planners use. Pure: no clock reads, only Intl for the time zone rules.
 */

import { DAY_MS, HOUR_MS, MINUTE_MS } from './units.js';
import { AMSTERDAM_TIME_ZONE } from './zone.js';

/** A local (wall-clock) date and time; month is 1-12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type WallTimeResult = { ok: true; instant: Date } | { ok: false; reason: 'gap' | 'ambiguous' | 'invalid' };

export type DateTimeTextResult = { ok: true; instant: Date } | { ok: false; message: string };

const MS_PER_SECOND = 1000;

const amsterdamFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: AMSTERDAM_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const FORMATTED_RE = /^(\d{2})\/(\d{2})\/(\d+),? (\d{2}):(\d{2}):(\d{2})$/;

/** Amsterdam wall time of a whole-second instant, read through Intl. */
function wallTimeAt(ms: number): WallTime {
  const text = amsterdamFormatter.format(new Date(ms));
  const m = FORMATTED_RE.exec(text);
  if (!m) throw new Error(`Onverwachte tijdnotatie van Intl: ${text}`);
  return {
    year: Number(m[3]),
    month: Number(m[1]),
    day: Number(m[2]),
    hour: Number(m[4]) % 24,
    minute: Number(m[5]),
    second: Number(m[6]),
  };
}

/** Milliseconds since epoch of a wall time read as if it were UTC (no validation). */
function wallTimeToNaiveMs(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** UTC offset of Amsterdam (ms, wall minus UTC) at an instant, computed directly through Intl. */
function offsetAtUncached(ms: number): number {
  const whole = Math.floor(ms / MS_PER_SECOND) * MS_PER_SECOND;
  return wallTimeToNaiveMs(wallTimeAt(whole)) - whole;
}

/**
 * Per UTC day: the offset when it is the same at the start and end of that day (no transition
 * inside it), or null when the day holds a transition and must be computed per instant.
 */
const offsetByDay = new Map<number, number | null>();

function offsetAt(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  let cached = offsetByDay.get(day);
  if (cached === undefined) {
    const atStart = offsetAtUncached(day * DAY_MS);
    const atEnd = offsetAtUncached((day + 1) * DAY_MS - MS_PER_SECOND);
    cached = atStart === atEnd ? atStart : null;
    if (offsetByDay.size > 20_000) offsetByDay.clear();
    offsetByDay.set(day, cached);
  }
  return cached ?? offsetAtUncached(ms);
}

function isIntegerInRange(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

/** True when the fields form a real calendar date and time (year 1000-9999, no leap seconds). */
function wallTimeIsValid(w: WallTime): boolean {
  if (
    !isIntegerInRange(w.year, 1000, 9999) ||
    !isIntegerInRange(w.month, 1, 12) ||
    !isIntegerInRange(w.day, 1, 31) ||
    !isIntegerInRange(w.hour, 0, 23) ||
    !isIntegerInRange(w.minute, 0, 59) ||
    !isIntegerInRange(w.second, 0, 59)
  ) {
    return false;
  }
  const d = new Date(wallTimeToNaiveMs(w));
  return d.getUTCMonth() === w.month - 1 && d.getUTCDate() === w.day;
}

/**
 * All instants at which Amsterdam shows this wall time, in chronological order.
 * Generic: every offset in force within a day either side is tried, and kept when it round-trips.
 */
function amsterdamWallTimeCandidates(w: WallTime): Date[] {
  const naive = wallTimeToNaiveMs(w);
  const offsets = new Set<number>([
    offsetAt(naive - DAY_MS),
    offsetAt(naive - HOUR_MS * 12),
    offsetAt(naive),
    offsetAt(naive + HOUR_MS * 12),
    offsetAt(naive + DAY_MS),
  ]);
  const instants = new Set<number>();
  for (const offset of offsets) {
    const candidate = naive - offset;
    if (offsetAt(candidate) === offset) instants.add(candidate);
  }
  return [...instants].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/**
 * Returns the instant at which Europe/Amsterdam shows the given wall-clock time.
 * Edge: a time skipped by the spring-forward jump gives 'gap', one that occurs twice in autumn gives
 * 'ambiguous', and impossible fields (31 February, hour 24, year outside 1000-9999) give 'invalid'.
 */
export function amsterdamWallTimeToInstant(wall: WallTime): WallTimeResult {
  if (!wallTimeIsValid(wall)) return { ok: false, reason: 'invalid' };
  const candidates = amsterdamWallTimeCandidates(wall);
  if (candidates.length === 0) return { ok: false, reason: 'gap' };
  if (candidates.length > 1) return { ok: false, reason: 'ambiguous' };
  return { ok: true, instant: candidates[0]! };
}

/**
 * Returns the Amsterdam wall-clock time of an instant plus the UTC offset in minutes then in force.
 * Edge: milliseconds are dropped (the wall time of the whole second); both instants of the doubled autumn
 * hour give the same wall time, told apart only by offsetMinutes.
 */
export function instantToAmsterdamWallTime(instant: Date): WallTime & { offsetMinutes: number } {
  const ms = instant.getTime();
  const whole = Math.floor(ms / MS_PER_SECOND) * MS_PER_SECOND;
  const wall = wallTimeAt(whole);
  return { ...wall, offsetMinutes: Math.round((wallTimeToNaiveMs(wall) - whole) / MINUTE_MS) };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Returns the wall time as `dd-mm-jjjj uu:mm`, the notation parseDateTimeText reads back.
 * Edge: `:ss` is appended only when the seconds are not zero; the fields are not validated.
 */
export function wallTimeFormatDutch(wall: WallTime): string {
  const base = `${pad(wall.day)}-${pad(wall.month)}-${pad(wall.year, 4)} ${pad(wall.hour)}:${pad(wall.minute)}`;
  return wall.second === 0 ? base : `${base}:${pad(wall.second)}`;
}

/**
 * Returns the instant as Amsterdam local time `dd-mm-jjjj uu:mm`, for messages and screens.
 * Edge: `:ss` only when not zero; in the doubled autumn hour the text is ambiguous (use the ISO form there).
 */
export function instantFormatAmsterdamDutch(instant: Date): string {
  return wallTimeFormatDutch(instantToAmsterdamWallTime(instant));
}

function offsetFormat(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Returns the instant as ISO 8601 in Amsterdam local time with its offset, e.g. `2027-03-28T03:30:00+02:00`.
 * Edge: milliseconds are dropped; the result is unambiguous, also in the doubled autumn hour.
 */
export function instantFormatAmsterdamIso(instant: Date): string {
  const w = instantToAmsterdamWallTime(instant);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` + offsetFormat(w.offsetMinutes);
}

function wallTimeFormatIso(w: WallTime): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

const DATE_TIME_EXAMPLES = 'Gebruik dd-mm-jjjj uu:mm (bijvoorbeeld 15-01-2027 08:00) of ISO 8601 met tijdzone ' + '(bijvoorbeeld 2027-01-15T08:00:00+01:00).';

/**
 * Returns the Dutch explanation for a wall time that cannot be turned into one instant.
 * Edge: for 'gap' it suggests the same moment after the jump, for 'ambiguous' both offsets, each as ISO 8601.
 */
export function wallTimeProblemMessage(wall: WallTime, reason: 'gap' | 'ambiguous' | 'invalid'): string {
  const shown = wallTimeFormatDutch(wall);
  if (reason === 'gap') {
    // The same wall time read with the offset in force just before the jump, shown after the jump.
    const before = offsetAt(wallTimeToNaiveMs(wall) - DAY_MS);
    const suggestion = instantFormatAmsterdamIso(new Date(wallTimeToNaiveMs(wall) - before));
    return (
      `De tijd ${shown} bestaat niet in Nederland: op die dag begint de zomertijd en wordt de klok ` +
      `een uur vooruitgezet. Geef de tijd op met een expliciete offset (het verschil met UTC), bijvoorbeeld ${suggestion}.`
    );
  }
  if (reason === 'ambiguous') {
    const [first, second] = amsterdamWallTimeCandidates(wall);
    const iso = wallTimeFormatIso(wall);
    const firstOffset = first ? offsetFormat(instantToAmsterdamWallTime(first).offsetMinutes) : '+02:00';
    const secondOffset = second ? offsetFormat(instantToAmsterdamWallTime(second).offsetMinutes) : '+01:00';
    return (
      `De tijd ${shown} komt in Nederland twee keer voor: op die dag eindigt de zomertijd en wordt de ` +
      `klok een uur teruggezet. Geef de tijd op met een expliciete offset (het verschil met UTC): ${iso}${firstOffset} ` +
      `(zomertijd, de eerste keer) of ${iso}${secondOffset} (wintertijd, de tweede keer).`
    );
  }
  return `De datum of tijd ${shown} bestaat niet. ${DATE_TIME_EXAMPLES}`;
}

const DUTCH_RE = /^(\d{1,2})([-/])(\d{1,2})\2(\d{4})(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?$/i;
const DUTCH_DATE_ONLY_RE = /^(\d{1,2})([-/])(\d{1,2})\2(\d{4})$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const ISO_DATE_ONLY_RE = /^\d{4}-\d{2}-\d{2}$/;

function textInvalidMessage(text: string): string {
  return `"${text}" is geen geldige datum en tijd. ${DATE_TIME_EXAMPLES}`;
}

/**
 * Returns the instant written in `text`: `dd-mm-jjjj uu:mm[:ss]` (also d-m-jjjj, `/` separators, space
 * or T before the time) as Amsterdam local time, or ISO 8601; ISO with Z or an offset is taken literally.
 * Edge: ISO without offset is Amsterdam local time; non-existing (zomertijd begins) or doubly occurring
 * (einde zomertijd) local times and impossible dates give a Dutch message asking for an explicit offset.
 */
export function parseDateTimeText(text: string): DateTimeTextResult {
  const trimmed = text.replace(/[\u00A0\u202F]/g, ' ').trim();
  if (trimmed === '') return { ok: false, message: `Datum en tijd ontbreken. ${DATE_TIME_EXAMPLES}` };

  const dutch = DUTCH_RE.exec(trimmed);
  if (dutch) {
    const wall: WallTime = {
      day: Number(dutch[1]),
      month: Number(dutch[3]),
      year: Number(dutch[4]),
      hour: Number(dutch[5]),
      minute: Number(dutch[6]),
      second: dutch[7] === undefined ? 0 : Number(dutch[7]),
    };
    const result = amsterdamWallTimeToInstant(wall);
    if (result.ok) return result;
    if (result.reason === 'invalid') {
      return { ok: false, message: `De datum of tijd "${trimmed}" bestaat niet. ${DATE_TIME_EXAMPLES}` };
    }
    return { ok: false, message: wallTimeProblemMessage(wall, result.reason) };
  }

  const iso = ISO_RE.exec(trimmed);
  if (iso) {
    const wall: WallTime = {
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: Number(iso[3]),
      hour: Number(iso[4]),
      minute: Number(iso[5]),
      second: iso[6] === undefined ? 0 : Number(iso[6]),
    };
    if (!wallTimeIsValid(wall)) {
      return { ok: false, message: `De datum of tijd "${trimmed}" bestaat niet. ${DATE_TIME_EXAMPLES}` };
    }
    const fractionMs = iso[7] === undefined ? 0 : Math.floor(Number(`0.${iso[7]}`) * 1000);
    const zone = iso[8];
    if (zone === undefined) {
      const result = amsterdamWallTimeToInstant(wall);
      if (!result.ok) {
        return { ok: false, message: wallTimeProblemMessage(wall, result.reason) };
      }
      return { ok: true, instant: new Date(result.instant.getTime() + fractionMs) };
    }
    let offsetMinutes = 0;
    if (zone.toUpperCase() !== 'Z') {
      const digits = zone.slice(1).replace(':', '');
      const hours = Number(digits.slice(0, 2));
      const minutes = Number(digits.slice(2, 4));
      if (hours > 23 || minutes > 59) return { ok: false, message: textInvalidMessage(trimmed) };
      offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
    }
    return {
      ok: true,
      instant: new Date(wallTimeToNaiveMs(wall) + fractionMs - offsetMinutes * MINUTE_MS),
    };
  }

  if (DUTCH_DATE_ONLY_RE.test(trimmed) || ISO_DATE_ONLY_RE.test(trimmed)) {
    return {
      ok: false,
      message: `"${trimmed}" bevat alleen een datum; de tijd ontbreekt. ${DATE_TIME_EXAMPLES}`,
    };
  }
  return { ok: false, message: textInvalidMessage(trimmed) };
}
