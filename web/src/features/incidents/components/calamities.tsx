import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useIncidents } from '../api/get-incidents';
import { CALAMITY_REASON_LABEL, CALAMITY_STATUS_LABEL, INCIDENT_STATUS_LABEL } from '../labels';
import { incidentMessages } from '../messages';

/** Incidents with a proposed or a confirmed calamity: its status, the reason and a crisis when one was declared. */
export function Calamities() {
  const t = useT(incidentMessages);
  const f = useFormat();
  const name = useAfnemerName();
  const proposed = useIncidents({ calamity: 'voorgesteld', pageSize: 200 });
  const confirmed = useIncidents({ calamity: 'bevestigd', pageSize: 200 });
  if (proposed.isLoading || confirmed.isLoading) return <Loading label={t('calamities.loading')} />;
  const failed = proposed.isError ? proposed : confirmed.isError ? confirmed : null;
  if (failed) return <ErrorMessage error={failed.error} onRetry={() => void failed.refetch()} />;
  // Proposed first (they await the calamity manager), then confirmed; each newest first as the API gives them.
  const items = [...(proposed.data?.items ?? []), ...(confirmed.data?.items ?? [])];
  if (items.length === 0) return <EmptyState title={t('calamities.empty')}>{t('calamities.emptyBody')}</EmptyState>;
  return (
    <ScrollRegion label={t('calamities.caption')}>
      <table className="table">
        <caption className="visually-hidden">{t('calamities.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('incidents.incident')}</th>
            <th scope="col">{t('incidents.afnemers')}</th>
            <th scope="col">{t('calamities.status')}</th>
            <th scope="col">{t('calamities.reason')}</th>
            <th scope="col">{t('calamities.crisis')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-calamity={i.number}>
              <th scope="row">
                <span className="kenmerk">{i.number}</span> <span className="badge">{i.priority}</span>
                <span className="cell-sub">{i.title}</span>
                <span className="cell-sub">{t(INCIDENT_STATUS_LABEL[i.status])}</span>
              </th>
              <td>{i.afnemers.map(name).join(', ')}</td>
              <td>
                <span className={i.calamity.status === 'bevestigd' ? 'badge badge--open' : 'badge badge--escalated'}>
                  {t(CALAMITY_STATUS_LABEL[i.calamity.status])}
                </span>
                {i.calamity.at && (
                  <span className="cell-sub">
                    {f.dateTimeShort(i.calamity.at)}
                    {i.calamity.by ? ` · ${i.calamity.by}` : ''}
                  </span>
                )}
              </td>
              <td>{i.calamity.reason ? t(CALAMITY_REASON_LABEL[i.calamity.reason]) : '–'}</td>
              <td>
                {i.calamity.crisisAt ? (
                  <>
                    {t('calamities.crisisAt', { date: f.dateTimeShort(i.calamity.crisisAt) })}
                    {i.calamity.crisisNote && <span className="cell-sub">{i.calamity.crisisNote}</span>}
                  </>
                ) : (
                  <span className="muted">{t('calamities.noCrisis')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
