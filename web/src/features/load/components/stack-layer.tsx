import { memo, useMemo } from 'react';
import { DefaultZIndexes, usePlotArea, ZIndexLayer } from 'recharts';
import { CHART_BACKGROUND } from '../../../styles/chart-palette';
import type { StackBand } from './chart-model';

/** The path of one band at a plot size: along the top left to right, back along the bottom. */
function bandPath(points: StackBand['points'], px: (x: number) => number, py: (v: number) => number) {
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
export const StackLayer = memo(function StackLayer({ bands, yMax }: { bands: StackBand[]; yMax: number }) {
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
