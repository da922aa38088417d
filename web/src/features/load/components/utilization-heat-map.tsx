import { LOAD_STATES, type LoadStateName } from '@cd/shared/constants';
import { useMemo, useState } from 'react';
import { ErrorMessage, Loading } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { amsterdamParts, amsterdamToMs, amsterdamWeekStart } from '@cd/shared/time';
import { useLoad } from '../api/get-load';
import { LOAD_STATE_LABEL } from './chart-model';
import { ScrollRegion } from '../../../components/scroll-region';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

interface HeatCell {
  u: number | null;
  state: LoadStateName;
}

const worseState = (a: LoadStateName, b: LoadStateName) => (LOAD_STATES.indexOf(a) >= LOAD_STATES.indexOf(b) ? a : b);

/**
 * Background and text colour of a cell: red when the core found it overloaded, amber when a warning (both at the
 * levels of the capacity profile in force, as GET /load says), else blues by utilisation.
 */
export function heatColor(u: number | null, state: LoadStateName = 'ok'): { bg: string; fg: string } {
  if (state === 'overload') return { bg: '#b3241a', fg: '#ffffff' };
  if (state === 'warning') return { bg: '#ffb612', fg: '#1a1a1a' };
  if (u === null) return { bg: '#ffffff', fg: '#535353' };
  if (u >= 0.6) return { bg: '#01689b', fg: '#ffffff' };
  if (u >= 0.4) return { bg: '#5ca3cf', fg: '#1a1a1a' };
  if (u >= 0.2) return { bg: '#b3d7ee', fg: '#1a1a1a' };
  if (u > 0) return { bg: '#e5f0f9', fg: '#1a1a1a' };
  return { bg: '#f7f7f7', fg: '#535353' };
}

/**
 * Utilisation of one week as a table of days × hours (Amsterdam time), coloured as a heat map. Being a real
 * table with the percentage in every cell, it is its own text alternative.
 */
export function UtilizationHeatMap({ anchor, headingId }: { anchor: number; headingId: string }) {
  const t = useT();
  const f = useFormat();
  const [weekStart, setWeekStart] = useState(() => amsterdamWeekStart(anchor));
  const weekEnd = amsterdamWeekStart(weekStart, 1);
  const query = useLoad({ from: new Date(weekStart).toISOString(), to: new Date(weekEnd).toISOString(), bucket: '1h' });

  const grid = useMemo(() => {
    const cells: (HeatCell | null)[][] = Array.from({ length: 7 }, () => Array<HeatCell | null>(24).fill(null));
    const data = query.data;
    if (!data || query.isPlaceholderData) return cells;
    data.starts.forEach((s, i) => {
      const p = amsterdamParts(Date.parse(s));
      const cell: HeatCell = { u: data.utilization[i] ?? null, state: data.state[i] ?? 'ok' };
      const row = cells[p.weekday]!;
      const was = row[p.hour];
      // On the night clocks go back, an hour occurs twice: show the busier one, in the worse state.
      row[p.hour] = !was ? cell : { u: (cell.u ?? 0) > (was.u ?? 0) ? cell.u : was.u, state: worseState(was.state, cell.state) };
    });
    return cells;
  }, [query.data, query.isPlaceholderData]);

  const wp = amsterdamParts(weekStart);
  const days = Array.from({ length: 7 }, (_, d) => amsterdamToMs(wp.year, wp.month, wp.day + d));

  return (
    <section className="panel" aria-labelledby={headingId} aria-busy={query.isFetching}>
      <div className="panel__header">
        <h2 id={headingId}>{t('heat.title')}</h2>
        <div className="button-group" role="group" aria-label={t('heat.navigate')}>
          <button type="button" className="button button--secondary button--small" onClick={() => setWeekStart(amsterdamWeekStart(weekStart, -1))}>
            <span aria-hidden="true">‹ </span>
            {t('heat.previousWeek')}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setWeekStart(amsterdamWeekStart(Date.now()))}>
            {t('heat.thisWeek')}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setWeekStart(amsterdamWeekStart(weekStart, 1))}>
            {t('heat.nextWeek')}
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
      </div>
      <p className="panel__meta">{t('heat.lead', { from: f.date(weekStart), to: f.date(weekEnd - 1) })}</p>
      {query.isLoading ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ScrollRegion label={t('heat.title')}>
          <table className="heat-map">
            <caption className="visually-hidden">{t('heat.caption', { from: f.date(weekStart) })}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('heat.day')}</span>
                </th>
                {HOURS.map((h) => (
                  <th key={h} scope="col">
                    {String(h).padStart(2, '0')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.map((row, d) => (
                <tr key={d}>
                  <th scope="row">{f.date(days[d]!).replace(/ \d{4}$/, '')}</th>
                  {row.map((cell, h) => {
                    const u = cell?.u ?? null;
                    const state = cell?.state ?? 'ok';
                    const c = heatColor(u, state);
                    const when = `${f.date(days[d]!)} ${String(h).padStart(2, '0')}:00`;
                    const title =
                      u === null
                        ? state === 'ok'
                          ? ''
                          : `${when} – ${t(LOAD_STATE_LABEL[state])}`
                        : `${when} – ${f.percent(u)}${state === 'ok' ? '' : ` (${t(LOAD_STATE_LABEL[state])})`}`;
                    return (
                      <td key={h} style={{ background: c.bg, color: c.fg }} title={title}>
                        {u === null ? '–' : Math.round(u * 100)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <ul className="legend legend--heat" aria-label={t('heat.legend')}>
        {(
          [
            [0.1, 'ok', '< 20%'],
            [0.3, 'ok', '20–40%'],
            [0.5, 'ok', '40–60%'],
            [0.7, 'ok', '≥ 60%'],
            [null, 'warning', t('heat.legendWarning')],
            [null, 'overload', t('heat.legendOverload')],
          ] as const
        ).map(([u, state, label]) => (
          <li key={label}>
            <span className="swatch" style={{ background: heatColor(u, state).bg }} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      <p className="chart-hint">{t('heat.hint')}</p>
    </section>
  );
}
