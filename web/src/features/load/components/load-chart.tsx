import { type MouseEvent, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type Format, useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { navigate } from '../../../lib/router';
import { CHART_BACKGROUND, CHART_SIGNAL } from '../../../styles/chart-palette';
import type { ChartPeriod, ChartRow, SeriesInfo } from './chart-model';
import { chartMax, stateRuns, timeTicks, valueTicks } from './chart-model';
import { amsterdamParts, HOUR_MS } from '@cd/shared/time';

// Shading sits above the grid but behind the stacked load, so the colours of the Afnemers stay true.
const BEHIND = -60;
// The conflict markers sit above everything, so they can be clicked and reached with the keyboard.
const ON_TOP = 700;
const TICK_FONT_PX = 13;
const AXIS_LABEL_PX = 22;

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

/** Stacked load per Afnemer against the capacity line, with maintenance, warnings and conflicts shaded. Drag to zoom. */
export default function LoadChart({ rows, series, bucketMs, from, to, maintenance, conflicts, hidden, bucketLabel, onZoom }: LoadChartProps) {
  const f = useFormat();
  const t = useT();
  const shown = useMemo(() => series.filter((s) => !hidden.has(s.key)), [series, hidden]);
  const yTicks = useMemo(() => valueTicks(chartMax(rows, shown)), [rows, shown]);
  const yLabels = yTicks.map((v) => axisNumber(f, v));
  // The axis is as wide as its longest label needs, so '2,25 mln.' is never cut to '25 mln.'.
  const yWidth = Math.ceil(Math.max(...yLabels.map(textWidth))) + 14 + AXIS_LABEL_PX;
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const runs = useMemo(() => stateRuns(rows, bucketMs), [rows, bucketMs]);
  const { ticks, unit } = useMemo(() => timeTicks(from, to), [from, to]);
  const tick = (v: number) => {
    if (unit === 'month') return f.monthYear(v);
    if (unit !== 'hour') return f.dayMonth(v);
    const p = amsterdamParts(v);
    return p.hour === 0 && p.minute === 0 ? f.dayMonth(v) : f.time(v);
  };
  const rowAt = (index: unknown): number | null => {
    const i = Number(index);
    return Number.isInteger(i) && rows[i] ? rows[i].t : null;
  };
  const clampPeriod = (p: ChartPeriod) => ({ x1: Math.max(from, Date.parse(p.start)), x2: Math.min(to, Date.parse(p.end)) });

  return (
    <ResponsiveContainer width="100%" height={380}>
      <ComposedChart
        data={rows}
        margin={{ top: 16, right: 16, bottom: 8, left: 8 }}
        onMouseDown={(s) => {
          const a = rowAt(s.activeIndex);
          if (a !== null) setDrag({ a, b: a });
        }}
        onMouseMove={(s) => {
          const b = rowAt(s.activeIndex);
          if (drag && b !== null) setDrag({ ...drag, b });
        }}
        onMouseUp={() => {
          if (drag && Math.abs(drag.b - drag.a) >= bucketMs) onZoom(Math.min(drag.a, drag.b), Math.max(drag.a, drag.b) + bucketMs);
          setDrag(null);
        }}
        onMouseLeave={() => setDrag(null)}
      >
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
          height={48}
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
        {maintenance.map((m, i) => (
          <ReferenceArea
            key={`m${i}`}
            {...clampPeriod(m)}
            fill={CHART_SIGNAL.maintenance}
            fillOpacity={0.14}
            stroke={CHART_SIGNAL.maintenance}
            strokeDasharray="3 3"
            strokeOpacity={0.5}
            ifOverflow="hidden"
            className="chart-maintenance"
            zIndex={BEHIND}
          />
        ))}
        {runs.map((r, i) => (
          <ReferenceArea
            key={`w${i}`}
            x1={r.start}
            x2={r.end}
            fill={r.state === 'overload' ? CHART_SIGNAL.overload : CHART_SIGNAL.warning}
            fillOpacity={r.state === 'overload' ? 0.12 : 0.25}
            ifOverflow="hidden"
            zIndex={BEHIND}
          />
        ))}
        {conflicts.map((c) => (
          <ReferenceArea
            key={`c${c.id ?? c.start}`}
            {...clampPeriod(c)}
            fill={CHART_SIGNAL.overload}
            fillOpacity={0.18}
            stroke={CHART_SIGNAL.overload}
            strokeWidth={1.5}
            ifOverflow="hidden"
            className="chart-conflict"
            zIndex={BEHIND}
          />
        ))}
        {conflicts.map((c) => (
          <ReferenceArea
            key={`cm${c.id ?? c.start}`}
            {...clampPeriod(c)}
            ifOverflow="hidden"
            zIndex={ON_TOP}
            shape={(box: { x?: number; y?: number; width?: number }) => (
              <ConflictMarker period={c} x={(box.x ?? 0) + (box.width ?? 0) / 2} y={(box.y ?? 0) + 12} />
            )}
          />
        ))}
        {series.map((s) => (
          <Area
            key={s.key}
            dataKey={s.dataKey}
            name={s.name}
            hide={hidden.has(s.key)}
            stackId="load"
            type="stepAfter"
            stroke={CHART_BACKGROUND}
            fill={s.color}
            fillOpacity={1}
            strokeWidth={1}
            isAnimationActive={false}
            dot={false}
            activeDot={false}
          />
        ))}
        <Line
          dataKey="capacity"
          name={t('chart.capacity')}
          type="stepAfter"
          stroke={CHART_SIGNAL.capacity}
          strokeWidth={2}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
        {drag && drag.b !== drag.a && (
          <ReferenceArea x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b) + bucketMs} fill={CHART_SIGNAL.selection} fillOpacity={0.15} />
        )}
        <Tooltip content={(p) => <ChartTooltip active={p.active} payload={p.payload} series={shown} bucketMs={bucketMs} />} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

function ChartTooltip({
  active,
  payload,
  series,
  bucketMs,
}: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  series: SeriesInfo[];
  bucketMs: number;
}) {
  const f = useFormat();
  const t = useT();
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
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
