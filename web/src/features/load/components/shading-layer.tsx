import { memo, type ReactNode } from 'react';
import { usePlotArea, ZIndexLayer } from 'recharts';
import { CHART_SIGNAL } from '../../../styles/chart-palette';
import type { ChartPeriod, StateRun } from './chart-model';

/** One shaded period over the full height of the plot, clamped to the range; nothing where it lies outside. */
export interface Shade {
  key: string;
  start: number;
  end: number;
  className?: string;
  fill: string;
  fillOpacity: number;
  stroke?: string;
  strokeWidth?: number;
  strokeOpacity?: number;
  strokeDasharray?: string;
}

/** Maintenance, then the warning and overload runs, then the conflicts, as they are drawn from back to front. */
export function shades(maintenance: ChartPeriod[], runs: StateRun[], conflicts: ChartPeriod[]): Shade[] {
  return [
    ...maintenance.map((m, i) => ({
      key: `m${i}`,
      start: Date.parse(m.start),
      end: Date.parse(m.end),
      className: 'chart-maintenance',
      fill: CHART_SIGNAL.maintenance,
      fillOpacity: 0.14,
      stroke: CHART_SIGNAL.maintenance,
      strokeDasharray: '3 3',
      strokeOpacity: 0.5,
    })),
    ...runs.map((r, i) => ({
      key: `w${i}`,
      start: r.start,
      end: r.end,
      fill: r.state === 'overload' ? CHART_SIGNAL.overload : CHART_SIGNAL.warning,
      fillOpacity: r.state === 'overload' ? 0.12 : 0.25,
    })),
    ...conflicts.map((c) => ({
      key: `c${c.id ?? c.start}`,
      start: Date.parse(c.start),
      end: Date.parse(c.end),
      className: 'chart-conflict',
      fill: CHART_SIGNAL.overload,
      fillOpacity: 0.18,
      stroke: CHART_SIGNAL.overload,
      strokeWidth: 1.5,
    })),
  ];
}

/**
 * Shaded periods as plain rectangles in one chart layer. The chart library's own reference areas each register in
 * its store when they appear and leave, and every registration re-runs the selectors of the whole chart: with the
 * dozens of warning runs of a zoomed range that was a large part of drawing it (docs/decisions/018).
 */
export const ShadingLayer = memo(function ShadingLayer({ shades: list, from, to, zIndex }: { shades: Shade[]; from: number; to: number; zIndex: number }) {
  const plot = usePlotArea();
  if (!plot || plot.width <= 0 || to <= from) return null;
  const x = (ms: number) => plot.x + ((Math.min(Math.max(ms, from), to) - from) / (to - from)) * plot.width;
  return (
    <ZIndexLayer zIndex={zIndex}>
      <g className="load-shading">
        {list.map((s) => {
          const x1 = x(s.start);
          const x2 = x(s.end);
          if (x2 <= x1) return null;
          return (
            <rect
              key={s.key}
              className={s.className}
              x={x1}
              y={plot.y}
              width={x2 - x1}
              height={plot.height}
              fill={s.fill}
              fillOpacity={s.fillOpacity}
              stroke={s.stroke ?? 'none'}
              strokeWidth={s.strokeWidth}
              strokeOpacity={s.strokeOpacity}
              strokeDasharray={s.strokeDasharray}
            />
          );
        })}
      </g>
    </ZIndexLayer>
  );
});

/** Something drawn over the middle of a period at the top of the plot (the conflict markers), in a layer of its own. */
export const PeriodMarkers = memo(function PeriodMarkers({
  periods,
  from,
  to,
  zIndex,
  marker,
}: {
  periods: ChartPeriod[];
  from: number;
  to: number;
  zIndex: number;
  marker: (period: ChartPeriod, x: number, y: number) => ReactNode;
}) {
  const plot = usePlotArea();
  if (!plot || plot.width <= 0 || to <= from) return null;
  const x = (ms: number) => plot.x + ((Math.min(Math.max(ms, from), to) - from) / (to - from)) * plot.width;
  return (
    <ZIndexLayer zIndex={zIndex}>
      {periods.map((p) => {
        const x1 = x(Date.parse(p.start));
        const x2 = x(Date.parse(p.end));
        return x2 > x1 ? <g key={p.id ?? p.start}>{marker(p, (x1 + x2) / 2, plot.y + 12)}</g> : null;
      })}
    </ZIndexLayer>
  );
});
