import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useFraudReports } from '../api/get-fraud-reports';
import { fraudMessages } from '../messages';

/** A reporter's own receipts: reference and when; what the Fraudeteam does with a report stays with the Fraudeteam. */
export function FraudReceipts() {
  const t = useT(fraudMessages);
  const f = useFormat();
  const query = useFraudReports();
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data ?? [];
  if (rows.length === 0) return <EmptyState title={t('fraud.noReceipts')} />;
  return (
    <ScrollRegion label={t('fraud.receiptsTitle')}>
      <table className="table">
        <caption className="visually-hidden">{t('fraud.receiptsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fraud.reference')}</th>
            <th scope="col">{t('fraud.reportedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-fraud={r.reference}>
              <th scope="row" className="kenmerk">
                {r.reference}
              </th>
              <td>{f.dateTime(r.reportedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
