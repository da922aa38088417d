/** Trends of the reliability score: per Afnemer the score of the last few periods and which way it went. */
import type { AccuracyScore } from './accuracy.js';
import { type AccuracyPeriod, accuracyPeriodStart } from './period.js';

/** How many periods a trend shows (weeks, months or quarters, as chosen). */
export const TREND_PERIODS = 6;
/** A change of less than this many points counts as level. */
export const TREND_LEVEL_POINTS = 3;

export type TrendDirection = 'up' | 'down' | 'level';

export interface AccuracyTrend {
  afnemer: string;
  /** The score per period of `trendPeriodStarts`, oldest first; null where the Afnemer announced and sent nothing. */
  scores: (number | null)[];
  /** The last score against the one before it (skipping empty periods); null with fewer than two scores. */
  direction: TrendDirection | null;
}

/** Returns the starts of the `count` periods that end at `end` (a period start), oldest first. */
export function trendPeriodStarts(end: number, period: AccuracyPeriod, count = TREND_PERIODS): number[] {
  const last = accuracyPeriodStart(end - 1, period);
  return Array.from({ length: count }, (_, i) => accuracyPeriodStart(last, period, i - count + 1));
}

/** Returns the direction of a series of scores: the last one against the one before it, nulls skipped. */
export function trendDirection(scores: readonly (number | null)[]): TrendDirection | null {
  const present = scores.filter((s): s is number => s !== null);
  if (present.length < 2) return null;
  const change = present[present.length - 1]! - present[present.length - 2]!;
  return change >= TREND_LEVEL_POINTS ? 'up' : change <= -TREND_LEVEL_POINTS ? 'down' : 'level';
}

/**
 * Returns per Afnemer its scores in the periods `starts` (from accuracyScores over a range covering them), sorted by
 * OIN. Edge: an Afnemer with no score in any of these periods has no trend; scores of other periods are ignored.
 */
export function accuracyTrends(scores: readonly AccuracyScore[], starts: readonly number[]): AccuracyTrend[] {
  const index = new Map(starts.map((s, i) => [s, i]));
  const byAfnemer = new Map<string, (number | null)[]>();
  for (const s of scores) {
    const i = index.get(s.periodStart);
    if (i === undefined) continue;
    let row = byAfnemer.get(s.afnemer);
    if (!row) byAfnemer.set(s.afnemer, (row = starts.map(() => null)));
    row[i] = s.score;
  }
  return [...byAfnemer.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([afnemer, row]) => ({ afnemer, scores: row, direction: trendDirection(row) }));
}
