import { amsterdamDayNumber } from '../time/local-time.js';

/**
 * Returns the Amsterdam day numbers a half-open span [startMs, endMs) touches, first and last, for a month calendar;
 * null for an empty span.
 * Edge: a span ending at exactly midnight does not reach into the day that midnight begins (a release 22:00-00:00
 * shows on one day); days of 23 or 25 hours (DST) are whole days like any other.
 */
export function calendarSpanDays(startMs: number, endMs: number): { first: number; last: number } | null {
  if (endMs <= startMs) return null;
  return { first: amsterdamDayNumber(startMs), last: amsterdamDayNumber(endMs - 1) };
}
