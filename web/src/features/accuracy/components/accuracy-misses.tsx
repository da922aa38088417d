import type { AccuracyPeriod } from '@cd/shared/accuracy';
import { MISSES_PER_PERIOD } from '@cd/shared/accuracy';
import { EmptyState } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { CHART_ACTUAL } from '../../../styles/chart-palette';
import { type AccuracyReport, useAccuracy } from '../api/get-accuracy';
import { accuracyMessages } from '../messages';

type Miss = AccuracyReport['misses'][number];

const W = 160;
const H = 36;

/** Planned (grey steps) against actual (a line) per hour of one miss; the figures in its label. */
function MissPicture({ hours }: { hours: NonNullable<Miss['hours']> }) {
  const t = useT(accuracyMessages);
  const f = useFormat();
  const max = Math.max(1, ...hours.map((h) => Math.max(h.planned, h.actual)));
  const step = W / hours.length;
  const y = (v: number) => (H - 1 - (v * (H - 2)) / max).toFixed(1);
  let planned = `M0,${H}`;
  let actual = '';
  hours.forEach((h, i) => {
    planned += `V${y(h.planned)}H${((i + 1) * step).toFixed(1)}`;
    actual += `${i === 0 ? 'M' : 'V'}${i === 0 ? `0,${y(h.actual)}` : y(h.actual)}H${((i + 1) * step).toFixed(1)}`;
  });
  const label = t('accuracy.miss.picture', {
    planned: hours.map((h) => f.number(Math.round(h.planned))).join(', '),
    actual: hours.map((h) => f.number(Math.round(h.actual))).join(', '),
  });
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="miss-picture" data-export-skip>
      <path d={`${planned}V${H}Z`} fill="#c8c8c8" />
      <path d={actual} fill="none" stroke={CHART_ACTUAL} strokeWidth={2} />
    </svg>
  );
}

/**
 * One Afnemer's largest misses per period of the trend, the latest period first, each with its picture per hour: a
 * planner's own, or (Logius) those of `afnemer`.
 */
export function AccuracyMisses({ period, afnemer = null }: { period: AccuracyPeriod; afnemer?: string | null }) {
  const t = useT(accuracyMessages);
  const f = useFormat();
  const query = useAccuracy(period, afnemer);
  if (!query.data) return null;
  const misses = query.data.misses;
  if (misses.length === 0) return <EmptyState title={t('accuracy.missesEmpty')} />;
  const periods = [...new Set(misses.map((m) => m.periodStart))].sort().reverse();
  const periodText = (iso: string) => (period === 'week' ? f.date(iso) : f.monthYear(iso));
  return (
    <>
      <p>{t('accuracy.missesLead', { count: MISSES_PER_PERIOD })}</p>
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="swatch" style={{ background: '#c8c8c8' }} />
          {t('accuracy.miss.legendPlanned')}
        </li>
        <li>
          <span className="swatch swatch--line" style={{ background: CHART_ACTUAL }} />
          {t('accuracy.miss.legendActual')}
        </li>
      </ul>
      {periods.map((p) => (
        <ScrollRegion key={p} label={periodText(p)}>
          <table className="table table--compact" data-testid="accuracy-misses">
            <caption>
              {t('accuracy.period')}: {periodText(p)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('accuracy.miss.what')}</th>
                <th scope="col">{t('accuracy.miss.when')}</th>
                <th scope="col" className="num">
                  {t('accuracy.planned')}
                </th>
                <th scope="col" className="num">
                  {t('accuracy.actual')}
                </th>
                <th scope="col" className="num">
                  {t('accuracy.miss.early')}
                </th>
                <th scope="col" className="num">
                  {t('accuracy.miss.late')}
                </th>
                <th scope="col" className="num">
                  {t('accuracy.miss.size')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('accuracy.miss.legendActual')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {misses
                .filter((m) => m.periodStart === p)
                .map((m) => (
                  <tr key={`${m.kind}-${m.windowId ?? m.start}`}>
                    <th scope="row">{m.kind === 'window' ? t('accuracy.miss.window', { kenmerk: m.kenmerk ?? '' }) : t('accuracy.miss.unannounced')}</th>
                    <td>{f.period(m.start, m.end)}</td>
                    <td className="num">{f.number(Math.round(m.planned))}</td>
                    <td className="num">{f.number(Math.round(m.actual))}</td>
                    <td className="num">{f.number(m.early)}</td>
                    <td className="num">{f.number(m.late)}</td>
                    <td className="num">{f.number(Math.round(m.miss))}</td>
                    <td>{m.hours && m.hours.length > 1 && <MissPicture hours={m.hours} />}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </ScrollRegion>
      ))}
    </>
  );
}
