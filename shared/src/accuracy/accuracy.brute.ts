/**
 * Brute-force reference for the property tests: every hour of the range checked against every window and actual,
 * periods found through @date-fns/tz instead of the time module. Not exported from the package.
 */
import { TZDate } from '@date-fns/tz';
import type { PlanWindow } from '../planning/types.js';
import { HOUR_MS } from '../time/units.js';
import { AMSTERDAM_TIME_ZONE } from '../time/zone.js';
import { type AccuracyScore, type ActualHour, accuracyScoreOf } from './accuracy.js';
import type { AccuracyPeriod } from './period.js';

/** Period start through @date-fns/tz. Edge: no caching. */
export function accuracyPeriodStartBrute(ms: number, period: AccuracyPeriod): number {
  const d = new TZDate(ms, AMSTERDAM_TIME_ZONE);
  if (period === 'week') {
    return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7), AMSTERDAM_TIME_ZONE).getTime();
  }
  const month = period === 'month' ? d.getMonth() : d.getMonth() - (d.getMonth() % 3);
  return new TZDate(d.getFullYear(), month, 1, AMSTERDAM_TIME_ZONE).getTime();
}

function periodEndBrute(start: number, period: AccuracyPeriod): number {
  const d = new TZDate(start, AMSTERDAM_TIME_ZONE);
  if (period === 'week') return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + 7, AMSTERDAM_TIME_ZONE).getTime();
  return new TZDate(d.getFullYear(), d.getMonth() + (period === 'month' ? 1 : 3), 1, AMSTERDAM_TIME_ZONE).getTime();
}

/** The figures by the definition, hour by hour. Edge: same rows and order as accuracyScores. */
export function accuracyScoresBrute(
  windows: readonly PlanWindow[],
  actuals: readonly ActualHour[],
  period: AccuracyPeriod,
  from: number,
  to: number,
): AccuracyScore[] {
  const afnemers = [...new Set([...windows.map((w) => w.afnemer), ...actuals.map((a) => a.afnemer)])].sort();
  const rows: AccuracyScore[] = [];
  const byKey = new Map<string, AccuracyScore>();
  for (let h = Math.ceil(from / HOUR_MS) * HOUR_MS; h + HOUR_MS <= to; h += HOUR_MS) {
    const periodStart = accuracyPeriodStartBrute(h, period);
    for (const afnemer of afnemers) {
      let planned = 0;
      let announced = false;
      for (const w of windows) {
        if (w.afnemer !== afnemer || w.status === 'geannuleerd' || w.end <= w.start || w.volume <= 0) continue;
        const overlap = Math.min(w.end, h + HOUR_MS) - Math.max(w.start, h);
        if (overlap > 0) {
          planned += (w.volume * overlap) / (w.end - w.start);
          announced = true;
        }
      }
      let actual = 0;
      for (const a of actuals) if (a.afnemer === afnemer && a.hour === h && a.count > 0) actual += a.count;
      const key = `${periodStart}|${afnemer}`;
      let row = byKey.get(key);
      if (!row) {
        row = {
          afnemer,
          periodStart,
          periodEnd: periodEndBrute(periodStart, period),
          planned: 0,
          actual: 0,
          absoluteError: 0,
          unannounced: 0,
          volumeError: null,
          bias: null,
          unannouncedShare: null,
          score: 0,
        };
        byKey.set(key, row);
        rows.push(row);
      }
      row.planned += planned;
      row.actual += actual;
      row.absoluteError += Math.abs(planned - actual);
      if (!announced) row.unannounced += actual;
    }
  }
  const out = rows.filter((r) => r.planned > 0 || r.actual > 0);
  for (const r of out) {
    if (r.actual > 0) {
      r.volumeError = r.absoluteError / r.actual;
      r.bias = (r.planned - r.actual) / r.actual;
      r.unannouncedShare = r.unannounced / r.actual;
    }
    r.score = accuracyScoreOf(r.volumeError, r.unannouncedShare);
  }
  return out.sort((a, b) => a.periodStart - b.periodStart || (a.afnemer < b.afnemer ? -1 : 1));
}
