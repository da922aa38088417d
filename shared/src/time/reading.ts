/**
 * The rules behind dates people read: when a date needs its year, and when a deadline is "the end of a day". The
 * words are the web's (web/src/lib/format.ts). A shift in words is `shiftWords` in ../plan-changes.
 */

import { amsterdamParts } from './calendar.js';
import { amsterdamDayNumber, amsterdamDayStart, amsterdamMinuteOfDay } from './local-time.js';

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
