/**
 * The quarterly "(gepland) gebruik en communicatie" template of DAP Bijlage 2, filled from an Afnemer's prognoses.
 * Periods are Amsterdam calendar months and quarters.
 */

import { amsterdamDayStart } from '../time/local-time.js';
import { DAY_MS } from '../time/units.js';

export interface UsageWindow {
  readonly start: number;
  readonly volume: number;
  readonly status: 'concept' | 'definitief';
  readonly berichttype: string;
  readonly omschrijving: string;
}

export type UsageGrowth = 'groot' | 'middel' | 'laag';

/** Default growth on the previous quarter above which expected growth is groot or middel (fractions); an administrator may set others. */
export const USAGE_GROWTH_THRESHOLDS = { groot: 0.25, middel: 0.05 } as const;
export interface UsageGrowthThresholds {
  readonly groot: number;
  readonly middel: number;
}

export interface UsageTemplate {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
  /** Concept while any window of the quarter is still a concept. */
  readonly status: 'Concept' | 'Definitief';
  readonly months: readonly { readonly label: string; readonly messages: number }[];
  readonly quarterMessages: number;
  readonly previousQuarterMessages: number;
  /** Growth on the previous quarter in percent, null when that quarter had no messages. */
  readonly quarterGrowthPercent: number | null;
  readonly yearMessages: number;
  readonly previousYearMessages: number;
  readonly yearGrowthPercent: number | null;
  /** The largest send windows of the quarter, from the prognoses (the Afnemer's own communication activities are its usage targets). */
  readonly activities: readonly { readonly start: number; readonly description: string; readonly messages: number }[];
  readonly expectedGrowth: UsageGrowth;
}

export const DUTCH_MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/**
 * Returns the instant local midnight starts month `month` (0-based, may overflow into other years) of `year`.
 * Edge: monthStart(2027, 12) is 1 January 2028 00:00 Amsterdam time.
 */
export function monthStart(year: number, month: number): number {
  return amsterdamDayStart(Date.UTC(year, month, 1) / DAY_MS);
}

function sumIn(windows: readonly UsageWindow[], from: number, to: number): number {
  let sum = 0;
  for (const w of windows) if (w.start >= from && w.start < to) sum += w.volume;
  return sum;
}

const growth = (now: number, before: number) => (before > 0 ? Math.round(((now - before) / before) * 1000) / 10 : null);

/**
 * Returns the expected growth class: groot above `thresholds.groot` on the previous quarter (default 25%), middel
 * above `thresholds.middel` (default 5%), else laag.
 * Edge: no messages the quarter before but some now counts as groot; none in either is laag; exactly 25% is middel.
 */
export function usageGrowthClass(
  quarterMessages: number,
  previousQuarterMessages: number,
  thresholds: UsageGrowthThresholds = USAGE_GROWTH_THRESHOLDS,
): UsageGrowth {
  if (previousQuarterMessages === 0) return quarterMessages > 0 ? 'groot' : 'laag';
  const g = (quarterMessages - previousQuarterMessages) / previousQuarterMessages;
  return g > thresholds.groot ? 'groot' : g > thresholds.middel ? 'middel' : 'laag';
}

/**
 * Returns the filled template for quarter `quarter` of `year`; a window counts in the period its start falls in.
 * Edge: a window starting 31 March 23:30 Amsterdam time belongs to Q1, even though that is already 21:30 UTC.
 */
export function usageTemplateFill(
  windows: readonly UsageWindow[],
  year: number,
  quarter: 1 | 2 | 3 | 4,
  maxActivities = 10,
  thresholds: UsageGrowthThresholds = USAGE_GROWTH_THRESHOLDS,
): UsageTemplate {
  const first = (quarter - 1) * 3;
  const qFrom = monthStart(year, first);
  const qTo = monthStart(year, first + 3);
  const inQuarter = windows.filter((w) => w.start >= qFrom && w.start < qTo);
  const months = [0, 1, 2].map((i) => ({
    label: `${DUTCH_MONTHS[first + i]} ${year}`,
    messages: sumIn(windows, monthStart(year, first + i), monthStart(year, first + i + 1)),
  }));
  const quarterMessages = sumIn(windows, qFrom, qTo);
  const previousQuarterMessages = sumIn(windows, monthStart(year, first - 3), qFrom);
  const yearMessages = sumIn(windows, monthStart(year, 0), monthStart(year, 12));
  const previousYearMessages = sumIn(windows, monthStart(year - 1, 0), monthStart(year, 0));
  const activities = [...inQuarter]
    .sort((a, b) => b.volume - a.volume || a.start - b.start)
    .slice(0, maxActivities)
    .sort((a, b) => a.start - b.start)
    .map((w) => ({ start: w.start, description: w.omschrijving ? `${w.berichttype}: ${w.omschrijving}` : w.berichttype, messages: w.volume }));
  return {
    year,
    quarter,
    status: inQuarter.some((w) => w.status === 'concept') ? 'Concept' : 'Definitief',
    months,
    quarterMessages,
    previousQuarterMessages,
    quarterGrowthPercent: growth(quarterMessages, previousQuarterMessages),
    yearMessages,
    previousYearMessages,
    yearGrowthPercent: growth(yearMessages, previousYearMessages),
    activities,
    expectedGrowth: usageGrowthClass(quarterMessages, previousQuarterMessages, thresholds),
  };
}
