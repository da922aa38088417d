import { ErrorMessage, Loading } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useUsageReport } from '../api/get-usage-report';
import type { Quarter } from '../api/get-usage-targets';
import { usageTargetsMessages } from '../messages';

/** The quarter's reliability figures of the Afnemer's own prognoses, as the usage template carries them. */
export function UsageAccuracy({ q }: { q: Quarter }) {
  const t = useT(usageTargetsMessages);
  const f = useFormat();
  const query = useUsageReport(q);
  if (query.isLoading) return <Loading />;
  if (query.isError || !query.data) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data.accuracy;
  const pct = (x: number | null) => (x === null ? '–' : f.percent(x));
  return (
    <div className="panel" data-testid="usage-accuracy">
      <div className="panel__header">
        <h3>{t('accuracyTitle')}</h3>
      </div>
      {a === null ? (
        <p className="field-hint">{t('accuracyNone')}</p>
      ) : (
        <>
          <dl className="definition-list">
            <dt>{t('accuracyScore')}</dt>
            <dd data-testid="usage-accuracy-score">{f.number(a.score)}</dd>
            <dt>{t('accuracyVolumeError')}</dt>
            <dd>{pct(a.volumeError)}</dd>
            <dt>{t('accuracyBias')}</dt>
            <dd>{a.bias !== null && a.bias > 0 ? `+${pct(a.bias)}` : pct(a.bias)}</dd>
            <dt>{t('accuracyUnannounced')}</dt>
            <dd>{pct(a.unannouncedShare)}</dd>
            <dt>{t('accuracyCounts')}</dt>
            <dd>
              {f.number(Math.round(a.planned))} / {f.number(a.actual)}
            </dd>
          </dl>
          <p className="field-hint">{t('accuracyUntil', { until: f.dateTime(a.comparedUntil) })}</p>
        </>
      )}
    </div>
  );
}
