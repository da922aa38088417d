import { useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import type { ChartPeriod, ChartRow, SeriesInfo } from './chart-model';
import { stateRuns, timeTicks } from './chart-model';
import { amsterdamParts } from '@cd/shared/time';

// Shading sits above the grid but behind the stacked load, so the colours of the Afnemers stay true.
const BEHIND = -60;

export interface LoadChartProps {
  rows: ChartRow[];
  series: SeriesInfo[];
  bucketMs: number;
  from: number;
  to: number;
  maintenance: ChartPeriod[];
  conflicts: ChartPeriod[];
  onZoom: (from: number, to: number) => void;
}

/** Stacked load per Afnemer against the capacity line, with maintenance, warnings and conflicts shaded. Drag to zoom. */
export default function LoadChart({ rows, series, bucketMs, from, to, maintenance, conflicts, onZoom }: LoadChartProps) {
  const f = useFormat();
  const t = useT();
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
        <CartesianGrid stroke="#e6e6e6" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[from, to]}
          ticks={ticks}
          tickFormatter={tick}
          interval="preserveStartEnd"
          minTickGap={12}
          stroke="#535353"
        />
        <YAxis tickFormatter={(v: number) => f.compact(v)} width={56} stroke="#535353" />
        {maintenance.map((m, i) => (
          <ReferenceArea
            key={`m${i}`}
            {...clampPeriod(m)}
            fill="#535353"
            fillOpacity={0.14}
            stroke="#535353"
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
            fill={r.state === 'overload' ? '#d52b1e' : '#ffb612'}
            fillOpacity={r.state === 'overload' ? 0.12 : 0.25}
            ifOverflow="hidden"
            zIndex={BEHIND}
          />
        ))}
        {conflicts.map((c) => (
          <ReferenceArea
            key={`c${c.id ?? c.start}`}
            {...clampPeriod(c)}
            fill="#d52b1e"
            fillOpacity={0.18}
            stroke="#d52b1e"
            strokeWidth={1.5}
            ifOverflow="hidden"
            className="chart-conflict"
            zIndex={BEHIND}
            label={{ value: '!', position: 'insideTop', fill: '#b3241a', fontWeight: 700 }}
          />
        ))}
        {series.map((s) => (
          <Area
            key={s.key}
            dataKey={s.dataKey}
            name={s.name}
            stackId="load"
            type="stepAfter"
            stroke={s.color}
            fill={s.color}
            fillOpacity={0.85}
            strokeWidth={0.5}
            isAnimationActive={false}
            dot={false}
            activeDot={false}
          />
        ))}
        <Line
          dataKey="capacity"
          name={t('chart.capacity')}
          type="stepAfter"
          stroke="#000000"
          strokeWidth={2}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
        {drag && drag.b !== drag.a && (
          <ReferenceArea x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b) + bucketMs} fill="#154273" fillOpacity={0.15} />
        )}
        <Tooltip content={(p) => <ChartTooltip active={p.active} payload={p.payload} series={series} bucketMs={bucketMs} />} isAnimationActive={false} />
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
        <dd>{f.number(row.capacity)}</dd>
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
