import { memo, useMemo } from 'react';
import { DefaultZIndexes, usePlotArea, ZIndexLayer } from 'recharts';
import { CHART_BACKGROUND } from '../../../styles/chart-palette';
import type { ChartRow, SeriesInfo } from './chart-model';

/**
 * The shown series stacked bottom to top as step bands (each bucket flat from its start to the next), computed in
 * one pass. x is the fraction of [from, to], values in messages. Buckets outside the range are left out.
 */
export function stackBands(rows: readonly ChartRow[], shown: readonly SeriesInfo[], from: number, to: number, bucketMs: number) {
  const span = to - from;
  const base = new Float64Array(rows.length);
  return shown.map((s) => {
    const points: { x0: number; x1: number; lower: number; upper: number }[] = [];
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

/** The path of one band at a plot size: along the top left to right, back along the bottom. */
function bandPath(points: { x0: number; x1: number; lower: number; upper: number }[], px: (x: number) => number, py: (v: number) => number) {
  if (points.length === 0) return '';
  const top: string[] = [];
  const bottom: string[] = [];
  for (const p of points) {
    top.push(`L${px(p.x0).toFixed(1)},${py(p.upper).toFixed(1)}H${px(p.x1).toFixed(1)}`);
  }
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    bottom.push(`L${px(p.x1).toFixed(1)},${py(p.lower).toFixed(1)}H${px(p.x0).toFixed(1)}`);
  }
  const first = points[0]!;
  return `M${px(first.x0).toFixed(1)},${py(first.lower).toFixed(1)}${top.join('')}${bottom.join('')}Z`;
}

/**
 * The stacked load per Afnemer, drawn as one layer instead of one chart element per Afnemer: the chart library
 * re-evaluates every element's selectors on each change, which made drawing a zoomed range take hundreds of
 * milliseconds in one task (docs/decisions/018). One `.recharts-area` group per shown series, as before.
 */
export const StackLayer = memo(function StackLayer({ bands, yMax }: { bands: ReturnType<typeof stackBands>; yMax: number }) {
  const plot = usePlotArea();
  const paths = useMemo(() => {
    if (!plot || plot.width <= 0 || plot.height <= 0) return [];
    const px = (x: number) => plot.x + x * plot.width;
    const py = (v: number) => plot.y + plot.height * (1 - Math.min(v, yMax) / yMax);
    return bands.map((b) => ({ key: b.key, color: b.color, d: bandPath(b.points, px, py) }));
  }, [bands, yMax, plot?.x, plot?.y, plot?.width, plot?.height]);
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.area}>
      <g className="load-stack">
        {paths.map((p) => (
          <g key={p.key} className="recharts-area">
            <path d={p.d} fill={p.color} stroke={CHART_BACKGROUND} strokeWidth={1} />
          </g>
        ))}
      </g>
    </ZIndexLayer>
  );
});
