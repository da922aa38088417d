import type { LoadBucketSize, LoadResponse } from '@cd/shared';
import { ExcelDownload } from '../../../components/excel-download';
import { lazy, Suspense, useCallback, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { TableDetails } from '../../../components/table-details';
import { useFormat } from '../../../lib/format';
import { type MessageKey, useT } from '../../../lib/i18n';
import { amsterdamMidnightOf, fromLocalInputValue, toDateInputValue } from '@cd/shared/time';
import { useLoad } from '../api/get-load';
import { type ChartPeriod, chartModel, type ChartRow, LOAD_STATE_LABEL, type SeriesInfo } from './chart-model';
import { ActualCells, ActualLegend, hasActual } from './actual-parts';
import { bucketMs, type LoadRange, type RangePreset, rangeForPreset, rangeShift, rangeZoom } from './load-range';

const LoadChart = lazy(() => import('./load-chart'));

const BUCKET_LABEL: Record<LoadBucketSize, MessageKey> = { '15m': 'chart.bucket15m', '1h': 'chart.bucket1h', '1d': 'chart.bucket1d' };
const PRESETS: { preset: RangePreset; label: MessageKey }[] = [
  { preset: 'day', label: 'range.day' },
  { preset: 'week', label: 'range.week' },
  { preset: 'month', label: 'range.month' },
  { preset: 'quarter', label: 'range.quarter' },
  { preset: 'year', label: 'range.year' },
];

export interface LoadExplorerProps {
  range: LoadRange;
  bucket: LoadBucketSize;
  onRangeChange: (r: LoadRange) => void;
  maintenance: ChartPeriod[];
  conflicts: ChartPeriod[];
  headingId: string;
  title: string;
}

/** The load-against-capacity view: range controls, the (lazily loaded) chart, a legend, a summary and its table. */
export function LoadExplorer({ range, bucket, onRangeChange, maintenance, conflicts, headingId, title }: LoadExplorerProps) {
  const t = useT();
  const f = useFormat();
  const query = useLoad({ from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), bucket });
  const data = query.data;
  const model = useMemo(() => (data ? chartModel(data) : null), [data]);
  // The chart draws the new range in a transition, which React renders in slices and can interrupt, so the page
  // answers while it draws (docs/decisions/018); the figures and the table above and below use the data at once.
  const chartData = useDeferredValue(data);
  const chart = useMemo(() => (chartData ? { data: chartData, model: chartModel(chartData) } : null), [chartData]);
  const rangeChange = useRef(onRangeChange);
  rangeChange.current = onRangeChange;
  const onZoom = useCallback((from: number, to: number) => rangeChange.current({ from, to }), []);
  // While a new range loads, the previous data stays: only draw it when it is the requested range.
  const stale = query.isPlaceholderData;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (key: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <section className="panel load-explorer" aria-labelledby={headingId} aria-busy={query.isFetching}>
      <div className="panel__header">
        <h2 id={headingId}>{title}</h2>
        <p className="panel__meta">
          {f.date(range.from)} – {f.date(range.to - 1)} · {t(BUCKET_LABEL[bucket])}
          {query.isFetching && !query.isLoading && <span className="updating"> · {t('common.updating')}</span>}
        </p>
      </div>
      <RangeControls range={range} onRangeChange={onRangeChange} />
      {query.isLoading ? (
        <div className="chart-placeholder">
          <Loading label={t('chart.loading')} />
        </div>
      ) : query.isError && !data ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : data && model ? (
        <>
          <LoadSummary data={data} range={range} conflicts={conflicts.length} />
          <figure className={`chart ${stale || chartData !== data ? 'chart--stale' : ''}`} aria-describedby={`${headingId}-desc`}>
            <p id={`${headingId}-desc`} className="visually-hidden">
              {t('chart.description')}
            </p>
            <Suspense
              fallback={
                <div className="chart-placeholder">
                  <Loading label={t('chart.loadingChart')} />
                </div>
              }
            >
              {chart && (
                <LoadChart
                  rows={chart.model.rows}
                  series={chart.model.series}
                  bucketMs={bucketMs(chart.data.bucket)}
                  from={Date.parse(chart.data.from)}
                  to={Date.parse(chart.data.to)}
                  maintenance={maintenance}
                  conflicts={conflicts}
                  hidden={hidden}
                  bucketLabel={t(BUCKET_LABEL[chart.data.bucket])}
                  onZoom={onZoom}
                />
              )}
            </Suspense>
            <figcaption>
              <ChartLegend series={model.series} hidden={hidden} onToggle={toggle} rows={model.rows} />
              <p className="chart-hint">{t('chart.zoomHint')}</p>
            </figcaption>
          </figure>
          {data.load.every((v) => v === 0) && <EmptyState title={t('chart.emptyTitle')}>{t('chart.emptyBody')}</EmptyState>}
          <TableDetails summary={t('chart.showTable')}>
            {() => (
              <>
                <ExcelDownload title={title} />
                <LoadTable
                  rows={model.rows}
                  series={model.series}
                  bucketMs={bucketMs(data.bucket)}
                  caption={`${title} (${t('chart.axisMessages', { bucket: t(BUCKET_LABEL[data.bucket]) }).toLowerCase()})`}
                />
              </>
            )}
          </TableDetails>
        </>
      ) : null}
    </section>
  );
}

function RangeControls({ range, onRangeChange }: { range: LoadRange; onRangeChange: (r: LoadRange) => void }) {
  const t = useT();
  const id = useId();
  const [fromText, setFromText] = useState<string | null>(null);
  const [toText, setToText] = useState<string | null>(null);
  const applyDates = () => {
    const from = fromLocalInputValue(fromText ?? toDateInputValue(range.from));
    const to = fromLocalInputValue(toText ?? toDateInputValue(range.to - 1));
    if (from !== null && to !== null) {
      onRangeChange({ from, to: amsterdamMidnightOf(to, 1) });
      setFromText(null);
      setToText(null);
    }
  };
  return (
    <div className="range-controls">
      <div className="button-group" role="group" aria-label={t('range.presets')}>
        {PRESETS.map(({ preset, label }) => (
          <button
            key={preset}
            type="button"
            className="button button--secondary button--small"
            onClick={() => onRangeChange(rangeForPreset(preset, range.from))}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <div className="button-group" role="group" aria-label={t('range.navigate')}>
        <button type="button" className="button button--secondary button--small" onClick={() => onRangeChange(rangeShift(range, -1))}>
          <span aria-hidden="true">‹ </span>
          {t('range.previous')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => onRangeChange(rangeShift(range, 1))}>
          {t('range.next')}
          <span aria-hidden="true"> ›</span>
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => onRangeChange(rangeZoom(range, 0.5))}>
          {t('range.zoomIn')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => onRangeChange(rangeZoom(range, 2))}>
          {t('range.zoomOut')}
        </button>
      </div>
      <form
        className="range-dates"
        onSubmit={(e) => {
          e.preventDefault();
          applyDates();
        }}
      >
        <label htmlFor={`${id}-from`}>{t('range.from')}</label>
        <input id={`${id}-from`} type="date" value={fromText ?? toDateInputValue(range.from)} onChange={(e) => setFromText(e.target.value)} />
        <label htmlFor={`${id}-to`}>{t('range.to')}</label>
        <input id={`${id}-to`} type="date" value={toText ?? toDateInputValue(range.to - 1)} onChange={(e) => setToText(e.target.value)} />
        <button type="submit" className="button button--secondary button--small">
          {t('range.apply')}
        </button>
      </form>
    </div>
  );
}

/** The key figures of the shown range; each names the period it counts (the peak: the time it falls in). */
function LoadSummary({ data, range, conflicts }: { data: LoadResponse; range: LoadRange; conflicts: number }) {
  const t = useT();
  const f = useFormat();
  let peak = 0;
  let peakAt = -1;
  data.utilization.forEach((u, i) => {
    if (u !== null && u > peak) [peak, peakAt] = [u, i];
  });
  // The peak's colour is its bucket's state, as the core decided it at the levels of the profile in force.
  const peakState = peakAt >= 0 ? (data.state[peakAt] ?? 'ok') : 'ok';
  const overload = data.state.filter((s) => s === 'overload').length;
  const warning = data.state.filter((s) => s === 'warning').length;
  const total = data.load.reduce((a, b) => a + b, 0);
  const period = t('chart.figurePeriod', { from: f.date(range.from), to: f.date(range.to - 1) });
  const peakStart = peakAt >= 0 ? Date.parse(data.starts[peakAt]!) : null;
  const bucket = t(BUCKET_LABEL[data.bucket]);
  return (
    <dl className="stats">
      <div className="stat">
        <dt>{t('chart.totalMessages')}</dt>
        <dd>{f.number(total)}</dd>
        <dd className="stat__period">{period}</dd>
      </div>
      <div className={`stat ${peakState === 'overload' ? 'stat--bad' : peakState === 'warning' ? 'stat--warn' : ''}`} data-testid="chart-peak">
        <dt>{t('chart.peakUtilization')}</dt>
        <dd>{f.percent(peak)}</dd>
        <dd className="stat__period">
          {peakStart === null ? period : t('chart.figurePeak', { period: f.period(peakStart, peakStart + bucketMs(data.bucket)), bucket })}
        </dd>
      </div>
      <div className={`stat ${warning > 0 ? 'stat--warn' : ''}`}>
        <dt>{t('chart.warningBuckets')}</dt>
        <dd>{f.number(warning)}</dd>
        <dd className="stat__period">{t('chart.figureBuckets', { period, bucket })}</dd>
      </div>
      <div className={`stat ${overload > 0 ? 'stat--bad' : ''}`}>
        <dt>{t('chart.overloadBuckets')}</dt>
        <dd>{f.number(overload)}</dd>
        <dd className="stat__period">{t('chart.figureBuckets', { period, bucket })}</dd>
      </div>
      <div className={`stat ${conflicts > 0 ? 'stat--bad' : ''}`}>
        <dt>{t('chart.conflicts')}</dt>
        <dd data-testid="chart-conflict-count">{f.number(conflicts)}</dd>
        <dd className="stat__period">{period}</dd>
      </div>
    </dl>
  );
}

/** The legend: each Afnemer is a toggle button (pressed = shown) that hides or shows its band in the chart. */
function ChartLegend({
  series,
  hidden,
  onToggle,
  rows,
}: {
  series: SeriesInfo[];
  hidden: ReadonlySet<string>;
  onToggle: (key: string) => void;
  rows: ChartRow[];
}) {
  const t = useT();
  return (
    <ul className="legend" aria-label={t('chart.legend')}>
      {series.map((s) => (
        <li key={s.key}>
          <button
            type="button"
            className={hidden.has(s.key) ? 'legend__toggle legend__toggle--off' : 'legend__toggle'}
            aria-pressed={!hidden.has(s.key)}
            title={t(hidden.has(s.key) ? 'chart.seriesShow' : 'chart.seriesHide', { name: s.name })}
            onClick={() => onToggle(s.key)}
          >
            <span className="swatch" style={{ background: hidden.has(s.key) ? 'transparent' : s.color, borderColor: s.color }} aria-hidden="true" />
            {s.name}
          </button>
        </li>
      ))}
      <li>
        <span className="swatch swatch--line" aria-hidden="true" />
        {t('chart.capacity')}
      </li>
      <ActualLegend rows={rows} />
      <li>
        <span className="swatch swatch--maintenance" aria-hidden="true" />
        {t('chart.maintenance')}
      </li>
      <li>
        <span className="swatch swatch--warning" aria-hidden="true" />
        {t('chart.warning')}
      </li>
      <li>
        <span className="swatch swatch--conflict" aria-hidden="true" />
        {t('chart.conflict')}
      </li>
    </ul>
  );
}

function LoadTable({ rows, series, bucketMs, caption }: { rows: ChartRow[]; series: SeriesInfo[]; bucketMs: number; caption: string }) {
  const t = useT();
  const f = useFormat();
  const actual = hasActual(rows);
  return (
    <table className="table table--compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('chart.period')}</th>
          <th scope="col" className="num">
            {t('chart.capacity')}
          </th>
          <th scope="col" className="num">
            {t('chart.load')}
          </th>
          <th scope="col" className="num">
            {t('chart.utilization')}
          </th>
          <th scope="col">{t('chart.state')}</th>
          <ActualCells show={actual} />
          {series.map((s) => (
            <th key={s.key} scope="col" className="num">
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.t} className={r.state !== 'ok' ? `row--${r.state}` : undefined}>
            <th scope="row">{f.period(r.t, r.t + bucketMs)}</th>
            <td className="num">{f.number(r.capacity)}</td>
            <td className="num">{f.number(r.load)}</td>
            <td className="num">{r.utilization === null ? '–' : f.percent(r.utilization)}</td>
            <td>{t(LOAD_STATE_LABEL[r.state])}</td>
            <ActualCells show={actual} row={r} />
            {series.map((s) => (
              <td key={s.key} className="num">
                {f.number(Number(r[s.dataKey] ?? 0))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
