/** Report periods of the accuracy figures: Amsterdam calendar weeks (from Monday), months and quarters. */
import { amsterdamParts, amsterdamToMs, amsterdamWeekStart } from '../time/calendar.js';

export const ACCURACY_PERIODS = ['week', 'month', 'quarter'] as const;
export type AccuracyPeriod = (typeof ACCURACY_PERIODS)[number];

/**
 * Returns the Amsterdam start (local midnight) of the week, month or quarter `ms` falls in, moved by `steps` periods.
 * Edge: 2027-03-31T22:30Z is 1 April 00:30 local, so its month starts 2027-03-31T22:00Z (summer time).
 */
export function accuracyPeriodStart(ms: number, period: AccuracyPeriod, steps = 0): number {
  if (period === 'week') return amsterdamWeekStart(ms, steps);
  const p = amsterdamParts(ms);
  const months = period === 'month' ? 1 : 3;
  const first = period === 'month' ? p.month : p.month - ((p.month - 1) % 3);
  return amsterdamToMs(p.year, first + steps * months, 1);
}
