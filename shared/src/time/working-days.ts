/**
 * Dutch working days in Europe/Amsterdam, for the deadlines of the conflict procedure.
 * Pure: the caller passes every instant; the Amsterdam day numbers of local-time.ts supply the time-zone rules.
 */

import { amsterdamDayIso, amsterdamDayNumber, amsterdamDayStart, dayNumberOf } from './local-time.js';
import { DAY_MS } from './units.js';

/** A public holiday on a fixed date, or a number of days after Easter Sunday. */
export type HolidayRule =
  | {
      readonly kind: 'fixed';
      readonly name: string;
      /** 1-12. */
      readonly month: number;
      readonly day: number;
      /** Days to shift the holiday by when the date falls on a Sunday (Koningsdag: -1). */
      readonly ifSunday?: number;
    }
  | { readonly kind: 'easter'; readonly name: string; readonly offset: number };

export interface Holiday {
  /** Local calendar date, `yyyy-mm-dd`. */
  readonly date: string;
  readonly name: string;
}

/**
 * The default Dutch public holidays of the Rijksoverheid (the rules in force since Koningsdag began in 2014).
 * - Bevrijdingsdag counts every year: under the CAO Rijk it is a day off for civil servants each year, not
 *   only every fifth year as in many other sectors. This is a choice of the product; pass other rules to change it.
 * - Goede Vrijdag is no default holiday: it is not a day off for the Rijksoverheid (nor under most CAOs).
 */
export const DUTCH_HOLIDAY_RULES: readonly HolidayRule[] = [
  { kind: 'fixed', name: 'Nieuwjaarsdag', month: 1, day: 1 },
  { kind: 'easter', name: 'Eerste Paasdag', offset: 0 },
  { kind: 'easter', name: 'Tweede Paasdag', offset: 1 },
  { kind: 'fixed', name: 'Koningsdag', month: 4, day: 27, ifSunday: -1 },
  { kind: 'fixed', name: 'Bevrijdingsdag', month: 5, day: 5 },
  { kind: 'easter', name: 'Hemelvaartsdag', offset: 39 },
  { kind: 'easter', name: 'Eerste Pinksterdag', offset: 49 },
  { kind: 'easter', name: 'Tweede Pinksterdag', offset: 50 },
  { kind: 'fixed', name: 'Eerste Kerstdag', month: 12, day: 25 },
  { kind: 'fixed', name: 'Tweede Kerstdag', month: 12, day: 26 },
];

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
function dayNumberWeekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/**
 * Returns Easter Sunday of a Gregorian year as `yyyy-mm-dd` (the anonymous Gregorian algorithm).
 * Edge: 2026 gives '2026-04-05', 2027 gives '2027-03-28', 2285 the earliest possible date '2285-03-22'.
 */
export function easterSundayOfYear(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return amsterdamDayIso(dayNumberOf(year, month, day));
}

function holidayDayNumber(year: number, rule: HolidayRule): number {
  if (rule.kind === 'easter') {
    const [y, m, d] = easterSundayOfYear(year).split('-').map(Number) as [number, number, number];
    return dayNumberOf(y, m, d) + rule.offset;
  }
  const n = dayNumberOf(year, rule.month, rule.day);
  return rule.ifSunday !== undefined && dayNumberWeekday(n) === 0 ? n + rule.ifSunday : n;
}

/**
 * Returns the public holidays of a year under the given rules, sorted by date (rules order within a date).
 * Edge: two holidays on one date both appear (2016-05-05 was Bevrijdingsdag and Hemelvaartsdag); Koningsdag 2025
 * falls on Saturday 26 April because 27 April 2025 is a Sunday.
 */
export function holidaysOfYear(year: number, rules: readonly HolidayRule[] = DUTCH_HOLIDAY_RULES): Holiday[] {
  return rules
    .map((rule, index) => ({ n: holidayDayNumber(year, rule), index, name: rule.name }))
    .sort((x, y) => x.n - y.n || x.index - y.index)
    .map(({ n, name }) => ({ date: amsterdamDayIso(n), name }));
}

/** Holiday day numbers per year, per rule list (rule lists are long-lived constants or config). */
const holidayCache = new WeakMap<readonly HolidayRule[], Map<number, Set<number>>>();

function holidayDayNumbers(year: number, rules: readonly HolidayRule[]): Set<number> {
  let byYear = holidayCache.get(rules);
  if (!byYear) {
    byYear = new Map();
    holidayCache.set(rules, byYear);
  }
  let days = byYear.get(year);
  if (!days) {
    days = new Set(rules.map((rule) => holidayDayNumber(year, rule)));
    byYear.set(year, days);
  }
  return days;
}

function dayNumberIsWorkingDay(dayNumber: number, rules: readonly HolidayRule[]): boolean {
  const weekday = dayNumberWeekday(dayNumber);
  if (weekday === 0 || weekday === 6) return false;
  const year = new Date(dayNumber * DAY_MS).getUTCFullYear();
  return !holidayDayNumbers(year, rules).has(dayNumber);
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Returns true when the local date `yyyy-mm-dd` is a Monday to Friday that is no public holiday.
 * Edge: '2026-04-27' (Koningsdag, a Monday) gives false; a malformed or impossible date throws a RangeError.
 */
export function workingDayIs(localDate: string, rules: readonly HolidayRule[] = DUTCH_HOLIDAY_RULES): boolean {
  const m = LOCAL_DATE_RE.exec(localDate);
  const n = m ? dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  if (!m || amsterdamDayIso(n) !== localDate) throw new RangeError(`Geen geldige datum (jjjj-mm-dd): ${localDate}`);
  return dayNumberIsWorkingDay(n, rules);
}

/**
 * Returns the deadline for `days` working days after the Amsterdam local day of `startMs`: the instant of
 * local midnight that ends the days-th working day after that day (the start day itself never counts).
 * Edge: Friday 2027-04-23 15:00 plus 2 gives Monday 26 and (skipping Koningsdag) Wednesday 28, so
 * 2027-04-29 00:00 local = 2027-04-28T22:00Z; 0 days gives the end of the start's own day; negative or
 * fractional days throw a RangeError.
 */
export function workingDaysAdd(startMs: number, days: number, rules: readonly HolidayRule[] = DUTCH_HOLIDAY_RULES): number {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Aantal werkdagen moet een geheel getal >= 0 zijn: ${days}`);
  let n = amsterdamDayNumber(startMs);
  for (let counted = 0; counted < days; ) {
    n += 1;
    if (dayNumberIsWorkingDay(n, rules)) counted += 1;
  }
  return amsterdamDayStart(n + 1);
}

/**
 * Returns the number of working days strictly after the local day of `fromMs` and strictly before the
 * local day of `toMs`: for a deadline from workingDaysAdd, the working days granted, or the whole ones left after today.
 * Edge: workingDaysBetween(s, workingDaysAdd(s, n)) === n; 0 when `toMs` is on or before the next local day.
 */
export function workingDaysBetween(fromMs: number, toMs: number, rules: readonly HolidayRule[] = DUTCH_HOLIDAY_RULES): number {
  const last = amsterdamDayNumber(toMs);
  let count = 0;
  for (let n = amsterdamDayNumber(fromMs) + 1; n < last; n++) if (dayNumberIsWorkingDay(n, rules)) count += 1;
  return count;
}
