import type { LoadBucketSize } from '@cd/shared';
import { setSearchParams, useLocation } from '../../../lib/router';
import {
  amsterdamMidnightOf,
  amsterdamParts,
  amsterdamToMs,
  amsterdamWeekStart,
  DAY_MS,
  fromLocalInputValue,
  HOUR_MS,
  MINUTE_MS,
  toDateInputValue,
} from '@cd/shared/time';

export interface LoadRange {
  from: number;
  to: number;
}

/** At most about this many points per series are drawn; finer buckets for longer ranges would slow the chart. */
export const MAX_POINTS = 2_000;
export const MIN_SPAN = 6 * HOUR_MS;
export const MAX_SPAN = 366 * DAY_MS;

const BUCKET_MS: Record<LoadBucketSize, number> = { '15m': 15 * MINUTE_MS, '1h': HOUR_MS, '1d': DAY_MS };

/**
 * Returns the finest bucket that keeps the range within MAX_POINTS points.
 * Edge: 20 days of 15 minutes is 1,920 points, so 20 days still gets '15m'; 21 days gets '1h'; a quarter gets '1d'.
 */
export function bucketForRange(range: LoadRange): LoadBucketSize {
  const span = range.to - range.from;
  if (span / BUCKET_MS['15m'] <= MAX_POINTS) return '15m';
  if (span / BUCKET_MS['1h'] <= MAX_POINTS) return '1h';
  return '1d';
}

export function bucketMs(bucket: LoadBucketSize): number {
  return BUCKET_MS[bucket];
}

/** Keeps a range between MIN_SPAN and MAX_SPAN, whole Amsterdam days at the day bucket. */
export function rangeClamp(range: LoadRange): LoadRange {
  let { from, to } = range;
  if (to - from < MIN_SPAN) {
    const mid = (from + to) / 2;
    from = mid - MIN_SPAN / 2;
    to = mid + MIN_SPAN / 2;
  }
  if (to - from > MAX_SPAN) to = from + MAX_SPAN;
  const quarter = 15 * MINUTE_MS;
  from = Math.floor(from / quarter) * quarter;
  to = Math.ceil(to / quarter) * quarter;
  if (bucketForRange({ from, to }) === '1d') {
    from = amsterdamMidnightOf(from);
    to = amsterdamMidnightOf(to - 1, 1);
  }
  return { from, to };
}

export type RangePreset = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** The preset period that contains `anchor`: today, this week (from Monday), this month, quarter or year. */
export function rangeForPreset(preset: RangePreset, anchor: number): LoadRange {
  const p = amsterdamParts(anchor);
  switch (preset) {
    case 'day':
      return { from: amsterdamMidnightOf(anchor), to: amsterdamMidnightOf(anchor, 1) };
    case 'week':
      return { from: amsterdamWeekStart(anchor), to: amsterdamWeekStart(anchor, 1) };
    case 'month':
      return { from: amsterdamToMs(p.year, p.month, 1), to: amsterdamToMs(p.year, p.month + 1, 1) };
    case 'quarter': {
      const q = Math.floor((p.month - 1) / 3) * 3 + 1;
      return { from: amsterdamToMs(p.year, q, 1), to: amsterdamToMs(p.year, q + 3, 1) };
    }
    case 'year':
      return { from: amsterdamToMs(p.year, 1, 1), to: amsterdamToMs(p.year + 1, 1, 1) };
  }
}

/** Zooms in (factor < 1) or out (factor > 1) around the middle of the range. */
export function rangeZoom(range: LoadRange, factor: number): LoadRange {
  const mid = (range.from + range.to) / 2;
  const half = ((range.to - range.from) * factor) / 2;
  return rangeClamp({ from: mid - half, to: mid + half });
}

/** Moves the range by a fraction of its own length (1 = one whole range later). */
export function rangeShift(range: LoadRange, fraction: number): LoadRange {
  const span = range.to - range.from;
  return rangeClamp({ from: range.from + span * fraction, to: range.to + span * fraction });
}

/**
 * Default view: the coming twelve months, from today 00:00 to the same date a year on (not the calendar year, so
 * what is planned next is always in view).
 */
export function rangeDefault(now = Date.now()): LoadRange {
  const p = amsterdamParts(now);
  return { from: amsterdamMidnightOf(now), to: amsterdamToMs(p.year + 1, p.month, p.day) };
}

function parseParam(value: string | null): number | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(value)) return fromLocalInputValue(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function formatParam(ms: number): string {
  const p = amsterdamParts(ms);
  if (p.hour === 0 && p.minute === 0) return toDateInputValue(ms);
  return `${toDateInputValue(ms)}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/**
 * The chart range, kept in the URL (?van=2027-02-01&tot=2027-02-08) so a view can be shared and survives a
 * reload; defaults to the coming twelve months.
 */
export function useLoadRange(): { range: LoadRange; bucket: LoadBucketSize; setRange: (r: LoadRange) => void } {
  const { search } = useLocation();
  const from = parseParam(search.get('van'));
  const to = parseParam(search.get('tot'));
  const range = from !== null && to !== null && to > from ? rangeClamp({ from, to }) : rangeDefault();
  return {
    range,
    bucket: bucketForRange(range),
    setRange: (r) => {
      const c = rangeClamp(r);
      setSearchParams({ van: formatParam(c.from), tot: formatParam(c.to) });
    },
  };
}
