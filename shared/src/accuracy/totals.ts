/**
 * Accuracy over a whole report range (a quarter of the usage template, the period of the service report): one row
 * per Afnemer, from the same hourly comparison as accuracyScores. Pure: the range and the current hour come in.
 */
import type { PlanWindow } from '../planning/types.js';
import { HOUR_MS } from '../time/units.js';
import { type AccuracyScore, type ActualHour, accuracyFiguresOf, accuracyScores } from './accuracy.js';

/**
 * Returns the end of the hours of [from, to) that can be compared at `now`: the start of the current hour, or `to`.
 * Edge: a hour still running has no actuals yet, so comparing it would count every announced message as a miss;
 * a range entirely in the future gives `from` (nothing to compare).
 */
export function accuracyComparableEnd(from: number, to: number, now: number): number {
  return Math.max(from, Math.min(to, Math.floor(now / HOUR_MS) * HOUR_MS));
}

/**
 * Returns one row per Afnemer with the figures over all hours of [from, to) (periodStart `from`, periodEnd `to`),
 * sorted by OIN; the sums over the range's months, the ratios and score by accuracyFiguresOf.
 * Edge: an Afnemer with nothing announced nor sent in the range has no row; sums over months equal the sums over the
 * hours, because every hour lies in one month.
 */
export function accuracyTotals(windows: readonly PlanWindow[], actuals: readonly ActualHour[], from: number, to: number): AccuracyScore[] {
  const byAfnemer = new Map<string, AccuracyScore>();
  for (const row of accuracyScores(windows, actuals, 'month', from, to)) {
    const total = byAfnemer.get(row.afnemer);
    if (!total) {
      byAfnemer.set(row.afnemer, { ...row, periodStart: from, periodEnd: to });
      continue;
    }
    total.planned += row.planned;
    total.actual += row.actual;
    total.absoluteError += row.absoluteError;
    total.unannounced += row.unannounced;
  }
  const out = [...byAfnemer.values()];
  for (const r of out) Object.assign(r, accuracyFiguresOf(r));
  return out.sort((a, b) => (a.afnemer < b.afnemer ? -1 : a.afnemer > b.afnemer ? 1 : 0));
}
