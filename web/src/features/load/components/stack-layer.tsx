import { memo, useEffect, useRef } from 'react';
import { DefaultZIndexes, usePlotArea, ZIndexLayer } from 'recharts';
import { CHART_BACKGROUND, CHART_SIGNAL } from '../../../styles/chart-palette';
import { bandColumns, type CapacityStep, type StackBand } from './chart-model';

/**
 * Draws the bands bottom to top and the capacity line over them on a canvas of the plot's size (CSS pixels, scaled
 * for the screen's density).
 */
function drawBands(ctx: CanvasRenderingContext2D, bands: StackBand[], capacity: CapacityStep[], width: number, height: number, yMax: number, ratio: number) {
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  // On the middle of a device pixel, so the 1 px seams between the bands are sharp and cover the fills' edges.
  const px = (x: number) => (Math.round(x * width * ratio) + 0.5) / ratio;
  const py = (v: number) => (Math.round(height * ratio * (1 - Math.min(v, yMax) / yMax)) + 0.5) / ratio;
  // One step per device pixel column at most: a path never has more steps than the plot has pixels.
  const columns = Math.max(1, Math.round(width * ratio));
  ctx.lineWidth = 1;
  ctx.strokeStyle = CHART_BACKGROUND;
  ctx.lineJoin = 'miter';
  for (const band of bands) {
    const points = bandColumns(band.points, columns);
    if (points.length === 0) continue;
    ctx.beginPath();
    ctx.moveTo(px(points[0]!.x0), py(points[0]!.lower));
    for (const p of points) {
      const y = py(p.upper);
      ctx.lineTo(px(p.x0), y);
      ctx.lineTo(px(p.x1), y);
    }
    for (let i = points.length - 1; i >= 0; i--) {
      const p = points[i]!;
      const y = py(p.lower);
      ctx.lineTo(px(p.x1), y);
      ctx.lineTo(px(p.x0), y);
    }
    ctx.closePath();
    ctx.fillStyle = band.color;
    ctx.fill();
    ctx.stroke();
  }
  if (capacity.length === 0) return;
  // A 2 px line on whole pixels covers exactly two rows of them.
  const lx = (x: number) => Math.round(x * width * ratio) / ratio;
  const ly = (v: number) => Math.round(height * ratio * (1 - Math.min(v, yMax) / yMax)) / ratio;
  ctx.beginPath();
  ctx.moveTo(lx(capacity[0]!.x0), ly(capacity[0]!.value));
  for (const s of capacity) {
    const y = ly(s.value);
    ctx.lineTo(lx(s.x0), y);
    ctx.lineTo(lx(s.x1), y);
  }
  ctx.lineWidth = 2;
  ctx.strokeStyle = CHART_SIGNAL.capacity;
  ctx.stroke();
}

/**
 * The stacked load per Afnemer and the capacity line, drawn as one layer instead of one chart element each: the chart library
 * re-evaluates every element's selectors on each change, and an SVG path of thousands of steps per Afnemer costs
 * style, layout and paint. The bands are painted on a canvas in the chart's area layer (so the shading stays behind
 * and the conflict markers in front), the capacity over them, after the render, at most one step per pixel column
 * (docs/decisions/018). The canvas is decoration: the figure's description and the table carry the numbers, and
 * `data-series` names the drawn series in stack order.
 */
export const StackLayer = memo(function StackLayer({ bands, capacity, yMax }: { bands: StackBand[]; capacity: CapacityStep[]; yMax: number }) {
  const plot = usePlotArea();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = plot && plot.width > 0 ? plot.width : 0;
  const height = plot && plot.height > 0 ? plot.height : 0;
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0 || height === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round(width * ratio);
    const h = Math.round(height * ratio);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    drawBands(ctx, bands, capacity, width, height, yMax, ratio);
  }, [bands, capacity, yMax, width, height]);
  if (!plot || width === 0 || height === 0) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.area}>
      <foreignObject className="load-stack" x={plot.x} y={plot.y} width={width} height={height}>
        <canvas ref={canvasRef} data-series={bands.map((b) => b.key).join(' ')} style={{ display: 'block', width, height }} />
      </foreignObject>
    </ZIndexLayer>
  );
});
