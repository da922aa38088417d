/**
 * Amsterdam calendar fields of instants and instants of calendar fields, for screens, charts and form inputs.
 * Pure: built on the cached offsets of local-time.ts.
 */

import { amsterdamDayNumber, amsterdamDayStart, amsterdamOffsetAt } from './local-time.js';
import type { WallTime } from './wall-time.js';

/** A wall time with its weekday: 0 = Monday ... 6 = Sunday. */
export type WallTimeOfWeek = WallTime & { weekday: number };

/**
 * Returns the Amsterdam wall-clock fields of an instant, with the weekday (0 = Monday).
 * Edge: both passes of the doubled autumn hour give the same fields; milliseconds are dropped.
 */
export function amsterdamParts(ms: number): WallTimeOfWeek {
  const d = new Date(ms + amsterdamOffsetAt(ms));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: (d.getUTCDay() + 6) % 7,
  };
}

/**
 * Returns the instant of an Amsterdam wall-clock time; fields overflow like Date.UTC (day 32 is the next month).
 * Edge: a time in the spring gap gives the same time after the jump (2027-03-28 02:30 gives 03:30 CEST); in the
 * doubled autumn hour the second pass (winter time: 2026-10-25 02:30 gives 01:30Z).
 */
export function amsterdamToMs(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const guess = wall - amsterdamOffsetAt(wall);
  return wall - amsterdamOffsetAt(guess);
}

/**
 * Returns Amsterdam midnight of the day `ms` falls in, moved by `days` calendar days.
 * Edge: a day of 23 or 25 hours is still one day (midnight to midnight by the clock).
 */
export function amsterdamMidnightOf(ms: number, days = 0): number {
  return amsterdamDayStart(amsterdamDayNumber(ms) + days);
}

/**
 * Returns Monday 00:00 (Amsterdam) of the week `ms` falls in, moved by `weeks`.
 * Edge: Sunday 23:30 local belongs to the week that began six days before, not to the next.
 */
export function amsterdamWeekStart(ms: number, weeks = 0): number {
  return amsterdamMidnightOf(ms, -amsterdamParts(ms).weekday + weeks * 7);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Returns 'YYYY-MM-DDTHH:mm' in Amsterdam time, for <input type="datetime-local">.
 * Edge: seconds are dropped; an ISO text is parsed with Date.parse first.
 */
export function toLocalInputValue(iso: string | number): string {
  const p = amsterdamParts(typeof iso === 'number' ? iso : Date.parse(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * Returns 'YYYY-MM-DD' in Amsterdam time, for <input type="date"> and URLs.
 * Edge: 2027-01-14T23:30Z gives '2027-01-15'.
 */
export function toDateInputValue(ms: number): string {
  const p = amsterdamParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * Returns the instant of a 'YYYY-MM-DDTHH:mm' or 'YYYY-MM-DD' value read as Amsterdam time; null when it is no date.
 * Edge: '2027-03-28T02:30' (in the spring gap) gives 03:30 summer time; '2027-02-30' overflows to 2 March.
 */
export function fromLocalInputValue(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return null;
  return amsterdamToMs(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
}
