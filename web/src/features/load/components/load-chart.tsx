import { type KeyboardEvent, type MouseEvent, memo, type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, ComposedChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { type Format, useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { navigate } from '../../../lib/router';
import { CHART_BACKGROUND, CHART_SIGNAL } from '../../../styles/chart-palette';
import type { ChartPeriod, ChartRow, SeriesInfo } from './chart-model';
import { capacitySteps, chartMax, rowIndexAt, stackBands, stateRuns, timeTicks, valueTicks } from './chart-model';
import { PeriodMarkers, ShadingLayer, shades } from './shading-layer';
import { StackLayer } from './stack-layer';
import { ActualLayer, ActualTooltip } from './actual-parts';
import { amsterdamParts, HOUR_MS } from '@cd/shared/time';

// Shading sits above the grid but behind the stacked load, so the colours of the Afnemers stay true.
const BEHIND = -60;
// The conflict markers sit above everything, so they can be clicked and reached with the keyboard.
const ON_TOP = 700;
const TICK_FONT_PX = 13;
const AXIS_LABEL_PX = 22;
const HEIGHT = 380;
const MARGIN = { top: 16, right: 16, bottom: 8, left: 8 };
const X_AXIS_HEIGHT = 48;

let measureContext: CanvasRenderingContext2D | null | undefined;
/** The drawn width of a tick label, measured in the chart's font; a generous estimate where canvas is missing. */
function textWidth(text: string): number {
  if (measureContext === undefined) {
    measureContext = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (measureContext) measureContext.font = `${TICK_FONT_PX}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  }
  return measureContext ? measureContext.measureText(text).width : text.length * TICK_FONT_PX * 0.65;
}

/** A value-axis label with the precision its round tick needs: '37.500', '2,25 mln.'. */
export function axisNumber(f: Format, v: number): string {
  return Math.abs(v) >= 1_000_000 ? f.compactPrecise(v) : f.number(v);
}

export interface LoadChartProps {
  rows: ChartRow[];
  series: SeriesInfo[];
  bucketMs: number;
  from: number;
  to: number;
  maintenance: ChartPeriod[];
  conflicts: ChartPeriod[];
  /** Keys of the series the legend has hidden. */
  hidden: ReadonlySet<string>;
  /** 'per kwartier', 'per uur' or 'per dag': what one value on the axis counts. */
  bucketLabel: string;
  onZoom: (from: number, to: number) => void;
}

interface Drag {
  a: number;
  b: number;
  left: number;
  width: number;
  frame: number;
}

/**
 * Stacked load per Afnemer against the capacity line, with maintenance, warnings and conflicts shaded. Drag to zoom.
 * The drag never re-renders the chart: the selection is a separate layer moved once per animation frame, and the
 * chart's own mouse handling (the tooltip) rests while the button is down (docs/decisions/018).
 */
function LoadChart({ rows, series, bucketMs, from, to, maintenance, conflicts, hidden, bucketLabel, onZoom }: LoadChartProps) {
  const f = useFormat();
  const t = useT();
  const shown = useMemo(() => series.filter((s) => !hidden.has(s.key)), [series, hidden]);
  const yTicks = useMemo(() => valueTicks(chartMax(rows, shown)), [rows, shown]);
  // The axis is as wide as its longest label needs, so '2,25 mln.' is never cut to '25 mln.'.
  const yWidth = useMemo(() => Math.ceil(Math.max(...yTicks.map((v) => textWidth(axisNumber(f, v))))) + 14 + AXIS_LABEL_PX, [yTicks, f]);
  const runs = useMemo(() => stateRuns(rows, bucketMs), [rows, bucketMs]);
  const shading = useMemo(() => shades(maintenance, runs, conflicts), [maintenance, runs, conflicts]);
  const bands = useMemo(() => stackBands(rows, shown, from, to, bucketMs), [rows, shown, from, to, bucketMs]);
  const capacity = useMemo(() => capacitySteps(rows, from, to, bucketMs), [rows, from, to, bucketMs]);
  const hover = useRef<HoverHandlers | null>(null);
  const { ticks, unit } = useMemo(() => timeTicks(from, to), [from, to]);
  const tick = (v: number) => {
    if (unit === 'month') return f.monthYear(v);
    if (unit !== 'hour') return f.dayMonth(v);
    const p = amsterdamParts(v);
    return p.hour === 0 && p.minute === 0 ? f.dayMonth(v) : f.time(v);
  };

  const frameRef = useRef<HTMLDivElement>(null);
  const selectionRef = useRef<HTMLDivElement>(null);
  // The latest props for the window listeners of a drag in progress.
  const latest = useRef({ rows, from, to, bucketMs, onZoom });
  latest.current = { rows, from, to, bucketMs, onZoom };

  const dragEnd = useRef<(() => void) | null>(null);
  useEffect(() => () => dragEnd.current?.(), []);

  const onMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    const frame = frameRef.current;
    if (e.button !== 0 || !frame || rows.length === 0) return;
    const box = frame.getBoundingClientRect();
    const left = MARGIN.left + yWidth;
    const width = box.width - left - MARGIN.right;
    const x = e.clientX - box.left;
    if (width <= 0 || x < left || x > left + width) return;
    e.preventDefault();
    const indexAt = (clientX: number) => {
      const { rows: r, from: a, to: b } = latest.current;
      const px = Math.min(Math.max(clientX - box.left - left, 0), width);
      return rowIndexAt(r, a + (px / width) * (b - a));
    };
    const start = indexAt(e.clientX);
    const drag: Drag = { a: start, b: start, left, width, frame: 0 };
    frame.classList.add('load-chart--dragging');
    const draw = () => {
      drag.frame = 0;
      const el = selectionRef.current;
      const { rows: r, from: a, to: b, bucketMs: ms } = latest.current;
      if (!el) return;
      if (drag.a === drag.b) {
        el.style.display = 'none';
        return;
      }
      const x = (ms2: number) => drag.left + ((Math.min(Math.max(ms2, a), b) - a) / (b - a)) * drag.width;
      const x1 = x(r[Math.min(drag.a, drag.b)]!.t);
      const x2 = x(r[Math.max(drag.a, drag.b)]!.t + ms);
      el.style.display = 'block';
      el.style.left = `${x1}px`;
      el.style.width = `${Math.max(1, x2 - x1)}px`;
    };
    const move = (ev: globalThis.MouseEvent) => {
      drag.b = indexAt(ev.clientX);
      if (!drag.frame) drag.frame = requestAnimationFrame(draw);
    };
    const stop = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      if (drag.frame) cancelAnimationFrame(drag.frame);
      frame.classList.remove('load-chart--dragging');
      if (selectionRef.current) selectionRef.current.style.display = 'none';
      dragEnd.current = null;
    };
    const up = (ev: globalThis.MouseEvent) => {
      drag.b = indexAt(ev.clientX);
      stop();
      const { rows: r, bucketMs: ms, onZoom: zoom } = latest.current;
      if (drag.a !== drag.b) zoom(r[Math.min(drag.a, drag.b)]!.t, r[Math.max(drag.a, drag.b)]!.t + ms);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    dragEnd.current = stop;
  };

  return (
    <div
      className="load-chart"
      ref={frameRef}
      onMouseDown={onMouseDown}
      onMouseMove={(e) => hover.current?.move(e.clientX)}
      onMouseLeave={() => hover.current?.hide()}
      onKeyDown={(e) => hover.current?.key(e)}
      onBlur={() => hover.current?.hide()}
      // Focusable, so the arrow keys walk the buckets (ChartHover); the chart library's own focus never worked here,
      // as Preact writes its `tabIndex` on the SVG as an attribute the browser does not know.
      tabIndex={0}
      role="application"
      aria-label={t('chart.axisMessages', { bucket: bucketLabel })}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <ComposedChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke={CHART_SIGNAL.grid} vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[from, to]}
            ticks={ticks}
            tickFormatter={tick}
            interval="preserveStartEnd"
            minTickGap={12}
            stroke={CHART_SIGNAL.axis}
            tick={{ fontSize: TICK_FONT_PX }}
            height={X_AXIS_HEIGHT}
            label={{ value: t('chart.axisTime'), position: 'insideBottom', offset: 0, fill: CHART_SIGNAL.axis, fontSize: TICK_FONT_PX }}
          />
          <YAxis
            ticks={yTicks}
            domain={[0, yTicks[yTicks.length - 1]!]}
            allowDataOverflow
            interval={0}
            tickFormatter={(v: number) => axisNumber(f, v)}
            tick={{ fontSize: TICK_FONT_PX }}
            width={yWidth}
            stroke={CHART_SIGNAL.axis}
            label={{
              value: t('chart.axisMessages', { bucket: bucketLabel }),
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle' },
              fill: CHART_SIGNAL.axis,
              fontSize: TICK_FONT_PX,
            }}
          />
          <ShadingLayer shades={shading} from={from} to={to} zIndex={BEHIND} />
          <PeriodMarkers periods={conflicts} from={from} to={to} zIndex={ON_TOP} marker={conflictMarker} />
          <StackLayer bands={bands} capacity={capacity} yMax={yTicks[yTicks.length - 1]!} />
          <ActualLayer rows={rows} from={from} to={to} bucketMs={bucketMs} yMax={yTicks[yTicks.length - 1]!} />
        </ComposedChart>
      </ResponsiveContainer>
      <ChartHover handlers={hover} frameRef={frameRef} rows={rows} series={shown} bucketMs={bucketMs} from={from} to={to} left={MARGIN.left + yWidth} />
      <div
        ref={selectionRef}
        className="load-chart__selection"
        style={{ top: MARGIN.top, height: HEIGHT - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT, background: CHART_SIGNAL.selection }}
        aria-hidden="true"
      />
    </div>
  );
}

/** Re-renders only when its data or settings change, never for the explorer's own state (fetching, a drag). */
export default memo(LoadChart);

interface HoverHandlers {
  move(clientX: number): void;
  hide(): void;
  key(e: KeyboardEvent<HTMLDivElement>): void;
}

/**
 * The bucket under the mouse (or chosen with the arrow keys) with its exact figures from the rows, and a band that
 * marks it. Its own state: hovering never re-renders the chart (docs/decisions/018).
 */
function ChartHover({
  handlers,
  frameRef,
  rows,
  series,
  bucketMs,
  from,
  to,
  left,
}: {
  handlers: RefObject<HoverHandlers | null>;
  frameRef: RefObject<HTMLDivElement | null>;
  rows: ChartRow[];
  series: SeriesInfo[];
  bucketMs: number;
  from: number;
  to: number;
  left: number;
}) {
  const [index, setIndex] = useState<number | null>(null);
  const plotWidth = () => (frameRef.current?.getBoundingClientRect().width ?? 0) - left - MARGIN.right;
  handlers.current = {
    move(clientX) {
      const frame = frameRef.current;
      const width = plotWidth();
      if (!frame || width <= 0 || rows.length === 0 || frame.classList.contains('load-chart--dragging')) return setIndex(null);
      const px = clientX - frame.getBoundingClientRect().left - left;
      setIndex(px < 0 || px > width ? null : rowIndexAt(rows, from + (px / width) * (to - from)));
    },
    hide: () => setIndex(null),
    key(e) {
      if (rows.length === 0) return;
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        const step = e.key === 'ArrowRight' ? 1 : -1;
        setIndex((i) => Math.min(Math.max(i === null ? (step > 0 ? 0 : rows.length - 1) : i + step, 0), rows.length - 1));
      } else if (e.key === 'Escape') setIndex(null);
    },
  };
  const row = index === null ? undefined : rows[index];
  const width = row ? plotWidth() : 0;
  if (!row || width <= 0) return null;
  const x = (ms: number) => left + ((Math.min(Math.max(ms, from), to) - from) / (to - from)) * width;
  const x1 = x(row.t);
  const x2 = x(rows[index! + 1]?.t ?? row.t + bucketMs);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT;
  // The figures beside the bucket, on the side with room.
  const onLeft = x2 > left + width / 2;
  return (
    <>
      <div
        className="load-chart__cursor"
        style={{
          position: 'absolute',
          left: x1,
          width: Math.max(1, x2 - x1),
          top: MARGIN.top,
          height: plotHeight,
          background: CHART_SIGNAL.axis,
          opacity: 0.15,
          pointerEvents: 'none',
        }}
        aria-hidden="true"
      />
      <div
        style={{ position: 'absolute', top: MARGIN.top + 8, pointerEvents: 'none', ...(onLeft ? { right: `calc(100% - ${x1 - 12}px)` } : { left: x2 + 12 }) }}
      >
        <ChartTooltip row={row} series={series} bucketMs={bucketMs} />
      </div>
    </>
  );
}

function ChartTooltip({ row, series, bucketMs }: { row: ChartRow; series: SeriesInfo[]; bucketMs: number }) {
  const f = useFormat();
  const t = useT();
  const parts = series
    .map((s) => ({ s, v: Number(row[s.dataKey] ?? 0) }))
    .filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v)
    .slice(0, 6);
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__title">{f.period(row.t, row.t + bucketMs)}</p>
      <dl>
        <dt>{t('chart.load')}</dt>
        <dd>{f.number(row.load)}</dd>
        <dt>{t('chart.capacity')}</dt>
        <dd>
          {f.number(row.capacity)}
          {bucketMs !== HOUR_MS && row.capacity > 0 && <> ({t('chart.perHourRate', { value: f.number((row.capacity * HOUR_MS) / bucketMs) })})</>}
        </dd>
        <dt>{t('chart.utilization')}</dt>
        <dd>{row.utilization === null ? '–' : f.percent(row.utilization)}</dd>
        <ActualTooltip row={row} />
      </dl>
      {parts.length > 0 && (
        <ul>
          {parts.map(({ s, v }) => (
            <li key={s.key}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.name}: {f.number(v)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const conflictMarker = (period: ChartPeriod, x: number, y: number) => <ConflictMarker period={period} x={x} y={y} />;

/** The "!" over a conflict: a link to its case file, by mouse and by keyboard. */
function ConflictMarker({ period, x, y }: { period: ChartPeriod; x: number; y: number }) {
  const t = useT();
  if (period.id === undefined) return null;
  const href = `/conflicten/${period.id}`;
  const open = (e: MouseEvent<Element>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a
      href={href}
      className="chart-conflict-marker"
      aria-label={t('chart.openConflict', { label: period.label })}
      onClick={open}
      onMouseDown={(e) => e.stopPropagation()}
    >
      <title>{t('chart.openConflict', { label: period.label })}</title>
      <circle cx={x} cy={y} r={10} fill={CHART_SIGNAL.conflictLabel} stroke={CHART_BACKGROUND} strokeWidth={2} />
      <text x={x} y={y} dy="0.35em" textAnchor="middle" fill={CHART_BACKGROUND} fontWeight={700} fontSize={14}>
        !
      </text>
    </a>
  );
}
