import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useCapacityProfileHistory } from '../api/get-capacity-profile-history';
import { ScrollRegion } from '../../../components/scroll-region';

/** Earlier profile versions: when, by whom, and the week's total and peak rate. */
export function ProfileHistory() {
  const t = useT();
  const f = useFormat();
  const query = useCapacityProfileHistory(10);
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data ?? [];
  if (items.length === 0) return <EmptyState title={t('profile.noHistory')} />;
  return (
    <ScrollRegion label={t('profile.historyTitle')}>
      <table className="table table--compact">
        <caption className="visually-hidden">{t('profile.historyTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('profile.setAt')}</th>
            <th scope="col">{t('profile.setBy')}</th>
            <th scope="col" className="num">{t('profile.weekTotal')}</th>
            <th scope="col" className="num">{t('profile.peakRate')}</th>
            <th scope="col" className="num">{t('profile.warningShort')}</th>
            <th scope="col" className="num">{t('profile.thresholdShort')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td>{f.dateTime(p.setAt)}</td>
              <td>{p.setBy ?? t('profile.system')}</td>
              <td className="num">{f.number(p.ratesPerHour.reduce((a, b) => a + b, 0))}</td>
              <td className="num">{f.number(Math.max(...p.ratesPerHour))}</td>
              <td className="num">{f.percent(p.warningLevel)}</td>
              <td className="num">{f.percent(p.threshold)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
