import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useT } from '../../../lib/i18n';
import { useReleases } from '../api/get-releases';
import { useRfcs } from '../api/get-rfcs';
import { CHANGE_TYPE_LABEL, RFC_KIND_LABEL, RFC_STATUS_LABEL } from '../labels';
import { Link } from '../../../lib/router';
import { changesMessages } from '../messages';

/** The requests for change the user may see (an Afnemer's users only their own), newest first, with their release if planned. */
export function RfcList() {
  const t = useT(changesMessages);
  const query = useRfcs();
  const releases = useReleases();
  if (query.isLoading) return <Loading label={t('changes.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const all = query.data ?? [];
  if (all.length === 0) return <EmptyState title={t('changes.empty')}>{t('changes.emptyBody')}</EmptyState>;
  const releaseName = new Map((releases.data ?? []).map((r) => [r.id, r.name]));
  return (
    <ScrollRegion label={t('changes.caption')}>
      <table className="table">
        <caption className="visually-hidden">{t('changes.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('changes.rfc')}</th>
            <th scope="col">{t('changes.kind')}</th>
            <th scope="col">{t('changes.status')}</th>
            <th scope="col">{t('common.afnemer')}</th>
            <th scope="col">{t('changes.release')}</th>
          </tr>
        </thead>
        <tbody>
          {all.map((r) => (
            <tr key={r.id} data-rfc={r.id}>
              <th scope="row">
                <Link to={`/wijzigingen/${r.id}`} className="kenmerk">
                  {t('changes.number', { id: r.id })}
                </Link>
                <span className="cell-sub">{r.title}</span>
              </th>
              <td>
                {t(RFC_KIND_LABEL[r.kind])}
                <span className="cell-sub">{t(CHANGE_TYPE_LABEL[r.changeType])}</span>
              </td>
              <td>{t(RFC_STATUS_LABEL[r.status])}</td>
              <td>{r.afnemerName ?? t('rfcDetail.logius')}</td>
              <td data-testid="rfc-release">
                {r.releaseId === null ? t('changes.notPlanned') : (releaseName.get(r.releaseId) ?? t('changes.number', { id: r.releaseId }))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
