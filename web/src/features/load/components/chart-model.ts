import type { LoadResponse } from '@cd/shared';
import type { LoadStateName } from '@cd/shared/constants';
import type { MessageKey } from '../../../lib/i18n';
import { amsterdamParts, amsterdamToMs, HOUR_MS } from '@cd/shared/time';
import { seriesColor } from '../../../styles/chart-palette';

/** How a bucket's state (decided by the core at the profile's levels, never again here) is named on screen. */
export const LOAD_STATE_LABEL: Record<LoadStateName, MessageKey> = { ok: 'state.ok', warning: 'state.warning', overload: 'state.overload' };

export interface ChartPeriod {
  start: string;
  end: string;
  label: string;
  id?: number;
}

export interface ChartRow {
  t: number;
  capacity: number;
  load: number;
  utilization: number | null;
  state: LoadStateName;
  [series: string]: number | string | null;
}

export interface SeriesInfo {
  key: string;
  dataKey: string;
  name: string;
  color: string;
}

/** Column arrays into chart rows (one object per bucket), plus the series' names and colours. */
export function chartModel(data: LoadResponse): { rows: ChartRow[]; series: SeriesInfo[] } {
  const series = data.afnemers.map((a, i) => ({
    key: a.key,
    dataKey: `s${i}`,
    name: a.name,
    color: seriesColor(i, a.key === 'rest' || a.key === 'overig'),
  }));
  const rows = data.starts.map((s, i) => {
    const row: ChartRow = {
      t: Date.parse(s),
      capacity: data.capacity[i] ?? 0,
      load: data.load[i] ?? 0,
      utilization: data.utilization[i] ?? null,
      state: data.state[i] ?? 'ok',
    };
    data.afnemers.forEach((a, j) => {
      row[`s${j}`] = a.load[i] ?? 0;
    });
    // Issue 18: what was really sent, and the unannounced part of it (null where no actuals are in yet).
    row.actual = data.actual?.[i] ?? null;
    row.unannounced = data.actualUnannounced?.[i] ?? null;
    return row;
  });
  return { rows, series };
}

/** A run of consecutive buckets in the same non-ok state: a period to shade. */
export interface StateRun {
  start: number;
  end: number;
  state: Exclude<LoadStateName, 'ok'>;
}

/** Runs of consecutive buckets in the same non-ok state, as periods to shade. */
export function stateRuns(rows: ChartRow[], bucketMs: number): StateRun[] {
  const runs: StateRun[] = [];
  for (const r of rows) {
    if (r.state === 'ok') continue;
    const last = runs[runs.length - 1];
    if (last && last.state === r.state && last.end === r.t) last.end = r.t + bucketMs;
    else runs.push({ start: r.t, end: r.t + bucketMs, state: r.state });
  }
  return runs;
}

export type TickUnit = 'hour' | 'day' | 'week' | 'month';

/**
 * Round Amsterdam-time tick positions for a range: hours for a day, midnights for weeks, Mondays for a quarter,
 * first days of the month for longer ranges. Returns the instants and their unit.
 */
export function timeTicks(from: number, to: number): { ticks: number[]; unit: TickUnit } {
  const hours = (to - from) / HOUR_MS;
  const ticks: number[] = [];
  const p = amsterdamParts(from);
  if (hours <= 4 * 24) {
    const step = hours <= 8 ? 1 : hours <= 16 ? 2 : hours <= 36 ? 3 : hours <= 72 ? 6 : 12;
    for (let h = 0; ; h += step) {
      const t = amsterdamToMs(p.year, p.month, p.day, h);
      if (t > to) break;
      if (t >= from) ticks.push(t);
    }
    return { ticks, unit: 'hour' };
  }
  if (hours <= 24 * 24) {
    const step = hours <= 24 * 12 ? 1 : 2;
    for (let d = 0; ; d += step) {
      const t = amsterdamToMs(p.year, p.month, p.day + d);
      if (t > to) break;
      if (t >= from) ticks.push(t);
    }
    return { ticks, unit: 'day' };
  }
  if (hours <= 24 * 120) {
    const monday = p.day - p.weekday;
    for (let w = 0; ; w++) {
      const t = amsterdamToMs(p.year, p.month, monday + w * 7);
      if (t > to) break;
      if (t >= from) ticks.push(t);
    }
    return { ticks, unit: 'week' };
  }
  for (let m = 0; ; m++) {
    const t = amsterdamToMs(p.year, p.month + m, 1);
    if (t > to) break;
    if (t >= from) ticks.push(t);
  }
  return { ticks, unit: 'month' };
}

/**
 * Round value-axis ticks from 0 to at least `max`: steps of 1, 2, 2.5 or 5 times a power of ten, about `count` of them.
 * Edge: a max of 0 gives [0, 1], so an empty range still has an axis.
 */
export function valueTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return ticks;
}

/** The highest value the stacked chart draws: the capacity, the actual messages, or the sum of the shown series. */
export function chartMax(rows: ChartRow[], shown: SeriesInfo[]): number {
  let max = 0;
  for (const r of rows) {
    let sum = 0;
    for (const s of shown) sum += Number(r[s.dataKey] ?? 0);
    max = Math.max(max, sum, r.capacity, Number(r.actual ?? 0));
  }
  return max;
}

/** The index of the last row that starts at or before `t` (rows ascend by start); 0 before the first. */
export function rowIndexAt(rows: readonly { t: number }[], t: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid]!.t <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** One Afnemer's band in the stacked chart: per bucket its x span (fractions of the range) and its bottom and top. */
export interface StackBand {
  key: string;
  color: string;
  points: { x0: number; x1: number; lower: number; upper: number }[];
}

/**
 * The shown series stacked bottom to top as step bands (each bucket flat from its start to the next), computed in
 * one pass. x is the fraction of [from, to] (clamped to it), values in messages.
 */
export function stackBands(rows: readonly ChartRow[], shown: readonly SeriesInfo[], from: number, to: number, bucketMs: number): StackBand[] {
  const span = to - from;
  const base = new Float64Array(rows.length);
  return shown.map((s) => {
    const points: StackBand['points'] = [];
    rows.forEach((r, i) => {
      const v = Number(r[s.dataKey] ?? 0);
      const lower = base[i]!;
      base[i] = lower + v;
      const next = rows[i + 1]?.t ?? r.t + bucketMs;
      points.push({ x0: (Math.max(r.t, from) - from) / span, x1: (Math.min(next, to) - from) / span, lower, upper: lower + v });
    });
    return { key: s.key, color: s.color, points };
  });
}

/**
 * A band reduced to at most one step per pixel column of a plot `columns` wide: consecutive buckets that start in
 * the same column merge into one step from the first's start to the last's end, with the lowest bottom and the
 * highest top among them, so a peak never disappears (docs/decisions/018). Only for drawing: the tooltip, the table
 * and the export read the rows themselves. Points already one per column or wider come back as they are.
 */
export function bandColumns(points: StackBand['points'], columns: number): StackBand['points'] {
  if (points.length <= 1 || columns <= 0) return points;
  const out: StackBand['points'] = [];
  let column = Number.NaN;
  for (const p of points) {
    const c = Math.floor(p.x0 * columns);
    const last = out[out.length - 1];
    if (last && c === column) {
      last.x1 = p.x1;
      if (p.lower < last.lower) last.lower = p.lower;
      if (p.upper > last.upper) last.upper = p.upper;
    } else {
      out.push({ x0: p.x0, x1: p.x1, lower: p.lower, upper: p.upper });
      column = c;
    }
  }
  return out.length === points.length ? points : out;
}

/** One flat piece of the capacity line: x as fractions of the range, the value in messages. */
export interface CapacityStep {
  x0: number;
  x1: number;
  value: number;
}

/**
 * The capacity line as steps (each bucket flat from its start to the next), neighbours with the same capacity merged
 * into one: a year per hour is thousands of buckets but only as many steps as the capacity changes.
 */
export function capacitySteps(rows: readonly ChartRow[], from: number, to: number, bucketMs: number): CapacityStep[] {
  const span = to - from;
  const steps: CapacityStep[] = [];
  rows.forEach((r, i) => {
    const next = rows[i + 1]?.t ?? r.t + bucketMs;
    const x0 = (Math.max(r.t, from) - from) / span;
    const x1 = (Math.min(next, to) - from) / span;
    const last = steps[steps.length - 1];
    if (last && last.value === r.capacity && last.x1 === x0) last.x1 = x1;
    else steps.push({ x0, x1, value: r.capacity });
  });
  return steps;
}
