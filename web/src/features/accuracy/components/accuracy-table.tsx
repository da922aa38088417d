import type { AccuracyPeriod } from '@cd/shared/accuracy';
import { ExcelDownload } from '../../../components/excel-download';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { accuracyMessages } from '../messages';
import { TrendCell } from './trend-cell';
import { type AccuracyReport, useAccuracy } from '../api/get-accuracy';

type Score = AccuracyReport['scores'][number];

/** The latest period first; inside a period the least reliable Afnemer first, where the capacity manager looks. */
const byPeriodThenScore = (a: Score, b: Score) => b.periodStart.localeCompare(a.periodStart) || a.score - b.score || a.afnemerName.localeCompare(b.afnemerName);

/** Scores per Afnemer and period, with "Download als Excel". */
export function AccuracyTable({ period }: { period: AccuracyPeriod }) {
  const t = useT(accuracyMessages);
  const f = useFormat();
  const query = useAccuracy(period);
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const rows = [...(query.data?.scores ?? [])].sort(byPeriodThenScore);
  if (rows.length === 0) return <EmptyState title={t('accuracy.empty')} />;
  const share = (v: number | null) => (v === null ? '–' : f.percent(v));
  const signed = (v: number | null) => (v === null ? '–' : `${v > 0 ? '+' : ''}${f.percent(v)}`);
  const trend = query.data?.trend;
  // Each Afnemer's trend stands in its latest row (the rows run from the latest period back).
  const trendRow = new Map<string, string>();
  for (const r of rows) if (!trendRow.has(r.afnemer)) trendRow.set(r.afnemer, `${r.periodStart}-${r.afnemer}`);
  return (
    <>
      <div className="panel__toolbar">
        <ExcelDownload title={t('accuracy.title')} />
      </div>
      <ScrollRegion label={t('accuracy.title')}>
        <table className="table">
          <caption className="visually-hidden">{t('accuracy.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accuracy.period')}</th>
              <th scope="col">{t('common.afnemer')}</th>
              <th scope="col">{t('accuracy.score')}</th>
              <th scope="col">{t('accuracy.planned')}</th>
              <th scope="col">{t('accuracy.actual')}</th>
              <th scope="col">{t('accuracy.volumeError')}</th>
              <th scope="col">{t('accuracy.bias')}</th>
              <th scope="col">{t('accuracy.unannounced')}</th>
              <th scope="col">{t('accuracy.trend', { count: trend?.periodStarts.length ?? 0 })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.periodStart}-${r.afnemer}`}>
                <td>{period === 'week' ? f.date(r.periodStart) : f.monthYear(r.periodStart)}</td>
                <td>{r.afnemerName}</td>
                <td>{r.score}</td>
                <td>{f.number(r.planned)}</td>
                <td>{f.number(r.actual)}</td>
                <td>{share(r.volumeError)}</td>
                <td>{signed(r.bias)}</td>
                <td>{share(r.unannouncedShare)}</td>
                <td>
                  {trend && trendRow.get(r.afnemer) === `${r.periodStart}-${r.afnemer}` && (
                    <TrendCell trend={trend.afnemers.find((x) => x.afnemer === r.afnemer)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
