/**
 * Dates and times as Dutch texts, always by the clock in Amsterdam (whatever the zone of the machine).
 * Pure: Intl supplies the time-zone rules and the Dutch month names.
 */

import { amsterdamDayIso } from './local-time.js';
import { deadlineReading } from './reading.js';
import { instantToAmsterdamWallTime, wallTimeFormatDutch } from './wall-time.js';
import { AMSTERDAM_TIME_ZONE } from './zone.js';

/**
 * Returns an instant as Amsterdam local `dd-mm-jjjj uu:mm`, without seconds.
 * Edge: 2027-03-28T01:00Z gives '28-03-2027 03:00' (the spring jump); seconds are dropped, not rounded.
 */
export function instantDutch(ms: number): string {
  return wallTimeFormatDutch({ ...instantToAmsterdamWallTime(new Date(ms)), second: 0 });
}

/**
 * Returns a span as Amsterdam local time: '01-02-2027 10:00 tot 11:00', or with both dates when it crosses midnight.
 * Edge: a span that ends at midnight names the next date ('01-02-2027 23:00 tot 02-02-2027 00:00').
 */
export function spanDutch(start: number, end: number): string {
  const from = instantDutch(start);
  const to = instantDutch(end);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from} tot ${to.slice(11)}` : `${from} tot ${to}`;
}

/**
 * Returns the date of an Amsterdam day number as `dd-mm-jjjj`.
 * Edge: day 0 gives '01-01-1970'.
 */
export function dayNumberDutch(dayNumber: number): string {
  const [y, m, d] = amsterdamDayIso(dayNumber).split('-');
  return `${d}-${m}-${y}`;
}

const longFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' });
const clockFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, hour: '2-digit', minute: '2-digit' });

/**
 * Returns an instant written out in Dutch by the Amsterdam clock, as in a letter: '1 februari 2027 om 10:00'.
 * Edge: the words come from Intl ('nl-NL', dateStyle long, timeStyle short), so they follow its data.
 */
export function instantLongDutch(ms: number): string {
  return longFormat.format(new Date(ms));
}

/**
 * Returns the Amsterdam clock time of an instant as `uu:mm`.
 * Edge: 2027-01-14T23:30Z gives '00:30' (the date is not shown).
 */
export function instantClockDutch(ms: number): string {
  return clockFormat.format(new Date(ms));
}

const dayLongFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * Returns a deadline written out in Dutch: at 00:00 it is the end of the day before ('woensdag 2 december 2026,
 * einde dag'), any other time as `instantLongDutch` ('2 december 2026 om 17:00').
 * Edge: 2027-03-29 00:00 (after the 23-hour day) gives 'zondag 28 maart 2027, einde dag'.
 */
export function deadlineLongDutch(ms: number): string {
  const { dayStart, endOfDay } = deadlineReading(ms);
  return endOfDay ? `${dayLongFormat.format(new Date(dayStart))}, einde dag` : instantLongDutch(ms);
}
