import type { LoadResponse } from '@cd/shared';
import type { LoadStateName } from '@cd/shared/constants';
import type { MessageKey } from '../../../lib/i18n';
import { amsterdamParts, amsterdamToMs, HOUR_MS } from '@cd/shared/time';

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

// Rijkshuisstijl-like colours, told apart by lightness as well as hue; grey is kept for "other Afnemers".
const PALETTE = ['#01689b', '#e17000', '#39870c', '#a90061', '#8fcae7', '#42145f', '#ffb612', '#76d2b6', '#94710a', '#f092cd', '#007bc7', '#673327'];
const REST_COLOR = '#b4b4b4';

/** Column arrays into chart rows (one object per bucket), plus the series' names and colours. */
export function chartModel(data: LoadResponse): { rows: ChartRow[]; series: SeriesInfo[] } {
  const series = data.afnemers.map((a, i) => ({
    key: a.key,
    dataKey: `s${i}`,
    name: a.name,
    color: a.key === 'rest' || a.key === 'overig' ? REST_COLOR : PALETTE[i % PALETTE.length]!,
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
    return row;
  });
  return { rows, series };
}

/** Runs of consecutive buckets in the same non-ok state, as periods to shade. */
export function stateRuns(rows: ChartRow[], bucketMs: number): { start: number; end: number; state: Exclude<LoadStateName, 'ok'> }[] {
  const runs: { start: number; end: number; state: Exclude<LoadStateName, 'ok'> }[] = [];
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
