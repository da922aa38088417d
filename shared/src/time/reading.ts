/**
 * The rules behind dates people read: when a date needs its year, when a deadline is "the end of a day", and how
 * far a shift moves a time in calendar days and hours. The words are the web's (web/src/lib/format.ts).
 */

import { amsterdamParts, amsterdamToMs } from './calendar.js';
import { amsterdamDayNumber, amsterdamDayStart, amsterdamMinuteOfDay } from './local-time.js';
import { MINUTE_MS } from './units.js';

/**
 * Returns whether a date must show its year: when its Amsterdam year is not the year of `nowMs`.
 * Edge: 31 Dec 23:30 Amsterdam (22:30Z) is still in that year, although UTC says the same; 1 Jan 00:30 local
 * (31 Dec 23:30Z) is already in the next.
 */
export function yearShownIs(ms: number, nowMs: number): boolean {
  return amsterdamParts(ms).year !== amsterdamParts(nowMs).year;
}

/**
 * Returns the Amsterdam day a deadline is read on, and whether it is the end of that day: a deadline at 00:00 of
 * day D+1 is "einde dag" of day D. `dayStart` is midnight (Amsterdam) of the day to show.
 * Edge: 2027-03-29 00:00 (after the 23-hour day of the spring jump) gives 28 March, end of day; 00:01 gives 29 March.
 */
export function deadlineReading(ms: number): { dayStart: number; endOfDay: boolean } {
  const day = amsterdamDayNumber(ms);
  if (amsterdamMinuteOfDay(ms) === 0 && amsterdamDayStart(day) === ms) return { dayStart: amsterdamDayStart(day - 1), endOfDay: true };
  return { dayStart: amsterdamDayStart(day), endOfDay: false };
}

/**
 * Returns how far `to` lies from `from`: whole calendar days (the same clock time so many days on, in Amsterdam),
 * then the real hours and minutes that remain; `sign` is -1 when `to` is earlier.
 * Edge: Saturday 10:00 to Monday 13:00 across the spring jump is 2 days and 3 hours (not 2 days 2 hours), while
 * 01:30 to 03:30 in the night of the jump is 1 hour, as the clock skips 02:00-03:00.
 */
export function shiftParts(from: number, to: number): { sign: -1 | 0 | 1; days: number; hours: number; minutes: number } {
  if (from === to) return { sign: 0, days: 0, hours: 0, minutes: 0 };
  const [a, b] = from < to ? [from, to] : [to, from];
  const p = amsterdamParts(a);
  const sameClock = (days: number) => amsterdamToMs(p.year, p.month, p.day + days, p.hour, p.minute) + p.second * 1000 + (a % 1000);
  let days = Math.max(0, amsterdamDayNumber(b) - amsterdamDayNumber(a));
  while (days > 0 && sameClock(days) > b) days--;
  const rest = Math.round((b - (days > 0 ? sameClock(days) : a)) / MINUTE_MS);
  return { sign: from < to ? 1 : -1, days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}

/** A shift of whole minutes, as `shiftParts` measures it from `from`. */
export function shiftPartsByMinutes(from: number, minutes: number) {
  return shiftParts(from, from + minutes * MINUTE_MS);
}
