import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useDeliveries } from '../api/get-deliveries';
import { ScrollRegion } from '../../../components/scroll-region';

/** The last deliveries (own Afnemer for planners): when, which file, and what they changed. */
export function RecentDeliveries({ showAfnemer }: { showAfnemer: boolean }) {
  const t = useT();
  const f = useFormat();
  const name = useAfnemerName();
  const query = useDeliveries(8);
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data ?? [];
  if (items.length === 0) return <EmptyState title={t('deliveries.empty')} />;
  return (
    <ScrollRegion label={t('deliveries.caption')}>
      <table className="table table--compact">
        <caption className="visually-hidden">{t('deliveries.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('deliveries.when')}</th>
            {showAfnemer && <th scope="col">{t('common.afnemer')}</th>}
            <th scope="col">{t('deliveries.file')}</th>
            <th scope="col" className="num">
              {t('deliveries.rows')}
            </th>
            <th scope="col" className="num">
              {t('deliveries.created')}
            </th>
            <th scope="col" className="num">
              {t('deliveries.updated')}
            </th>
            <th scope="col" className="num">
              {t('deliveries.unchanged')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <td>{f.dateTime(d.uploadedAt)}</td>
              {showAfnemer && <td>{name(d.afnemer)}</td>}
              <td>{d.fileName ?? t('deliveries.api')}</td>
              <td className="num">{f.number(d.rowCount)}</td>
              <td className="num">{f.number(d.created)}</td>
              <td className="num">{f.number(d.updated)}</td>
              <td className="num">{f.number(d.unchanged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
