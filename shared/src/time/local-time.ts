/**
 * Europe/Amsterdam local time of instants, for the capacity profile and allowed send hours.
 * Pure: Intl supplies the time-zone rules, results are cached per UTC day (offsets only change at whole UTC hours).
 */

import { DAY_MS, HOUR_MS } from './units.js';
import { AMSTERDAM_TIME_ZONE } from './zone.js';

export const HOURS_PER_WEEK = 168;

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: AMSTERDAM_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
});
const FORMATTED_RE = /^(\d{2})\/(\d{2})\/(\d+),? (\d{2})$/;

/** Offset (local minus UTC, ms) at the start of a UTC hour, read through Intl. */
function offsetAtHourUncached(utcHour: number): number {
  const ms = utcHour * HOUR_MS;
  const text = formatter.format(new Date(ms));
  const m = FORMATTED_RE.exec(text);
  if (!m) throw new Error(`Unexpected Intl output: ${text}`);
  const local = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]) % 24);
  return local - ms;
}

/** Per UTC day: one offset when it holds all day, else the offset of each of its 24 hours. */
const offsetByUtcDay = new Map<number, number | Int32Array>();

function offsetsOfUtcDay(day: number): number | Int32Array {
  let cached = offsetByUtcDay.get(day);
  if (cached !== undefined) return cached;
  const first = offsetAtHourUncached(day * 24);
  const last = offsetAtHourUncached(day * 24 + 23);
  if (first === last) {
    // Amsterdam transitions are months apart, so equal offsets at 00:00 and 23:00 UTC mean none between.
    cached = first;
  } else {
    const hours = new Int32Array(24);
    for (let h = 0; h < 24; h++) hours[h] = offsetAtHourUncached(day * 24 + h);
    cached = hours;
  }
  if (offsetByUtcDay.size > 100_000) offsetByUtcDay.clear();
  offsetByUtcDay.set(day, cached);
  return cached;
}

/**
 * Returns the Amsterdam UTC offset (local minus UTC, in ms) in force during the given UTC hour (hours since the epoch).
 * Edge: 2026-10-25 00:00 UTC gives 7_200_000 (CEST) and 01:00 UTC gives 3_600_000 (CET), the switch instant itself.
 */
export function amsterdamOffsetAtUtcHour(utcHour: number): number {
  const day = Math.floor(utcHour / 24);
  const offsets = offsetsOfUtcDay(day);
  return typeof offsets === 'number' ? offsets : offsets[utcHour - day * 24]!;
}

/**
 * Returns the Amsterdam UTC offset (local minus UTC, in ms) in force at an instant.
 * Edge: offsets change only on whole UTC hours, so any instant inside an hour has that hour's offset.
 */
export function amsterdamOffsetAt(ms: number): number {
  return amsterdamOffsetAtUtcHour(Math.floor(ms / HOUR_MS));
}

function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/** Hour of week (0 = Monday 00:00) of a local naive time (local wall clock read as UTC ms). */
function hourOfWeekOfLocal(localMs: number): number {
  const day = Math.floor(localMs / DAY_MS);
  // 1970-01-01 was a Thursday: index 3 when Monday is 0.
  return mod(day + 3, 7) * 24 + Math.floor(mod(localMs, DAY_MS) / HOUR_MS);
}

/**
 * Returns the Amsterdam local hour of week of an instant: 0 = Monday 00:00-01:00 ... 167 = Sunday 23:00-24:00.
 * Edge: in the autumn, both real hours 00:00-02:00 UTC of the last Sunday of October map to 146 (Sunday 02:00).
 */
export function amsterdamHourOfWeek(ms: number): number {
  return hourOfWeekOfLocal(ms + amsterdamOffsetAt(ms));
}

/**
 * Returns the local hour of week for each UTC hour in [fromUtcHour, toUtcHour), index 0 = fromUtcHour.
 * Edge: an empty range (to <= from) gives an empty array.
 */
export function amsterdamHourOfWeekByUtcHour(fromUtcHour: number, toUtcHour: number): Uint8Array {
  const n = Math.max(0, toUtcHour - fromUtcHour);
  const out = new Uint8Array(n);
  let h = fromUtcHour;
  while (h < toUtcHour) {
    const day = Math.floor(h / 24);
    const offsets = offsetsOfUtcDay(day);
    const dayEnd = Math.min(toUtcHour, (day + 1) * 24);
    if (typeof offsets === 'number') {
      let how = hourOfWeekOfLocal(h * HOUR_MS + offsets);
      for (; h < dayEnd; h++) {
        out[h - fromUtcHour] = how;
        how = how === HOURS_PER_WEEK - 1 ? 0 : how + 1;
      }
    } else {
      for (; h < dayEnd; h++) out[h - fromUtcHour] = hourOfWeekOfLocal(h * HOUR_MS + offsets[h - day * 24]!);
    }
  }
  return out;
}

/**
 * Returns the Amsterdam local time of day of an instant, in minutes since local midnight (0..1439.99).
 * Edge: 2027-03-28 01:00 UTC (the spring jump) gives 180 (03:00); 00:59 UTC gives 119 (01:59).
 */
export function amsterdamMinuteOfDay(ms: number): number {
  return mod(ms + amsterdamOffsetAt(ms), DAY_MS) / 60_000;
}

/**
 * Returns the Amsterdam local calendar day of an instant as days since 1970-01-01 (local).
 * Edge: 2027-01-14 23:30 UTC is already 2027-01-15 local, so it gives the day number of 2027-01-15.
 */
export function amsterdamDayNumber(ms: number): number {
  return Math.floor((ms + amsterdamOffsetAt(ms)) / DAY_MS);
}

/**
 * Returns the instant of local midnight that starts the given Amsterdam day number.
 * Edge: Amsterdam never changes clocks at midnight, so the result is always unique and exists.
 */
export function amsterdamDayStart(dayNumber: number): number {
  const naive = dayNumber * DAY_MS;
  const guess = naive - amsterdamOffsetAt(naive);
  return naive - amsterdamOffsetAt(guess);
}

/**
 * Returns the Amsterdam calendar date of a day number as `yyyy-mm-dd`.
 * Edge: day 0 is '1970-01-01'; negative days work too.
 */
export function amsterdamDayIso(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Returns the day number (days since 1970-01-01) of a calendar date; the date is read as UTC, so no time zone plays a part.
 * Edge: month and day overflow like Date.UTC (2027-02-29 is day number of 2027-03-01); years below 100 stay as given.
 */
export function dayNumberOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / DAY_MS);
}
