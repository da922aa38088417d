import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useEscalations } from '../api/get-escalations';
import { roleLabel } from '../labels';
import { incidentMessages } from '../messages';

/** Escalations on the incident ladder and the general ladder, latest first: ladder, level, reason, who and when. */
export function IncidentEscalations() {
  const t = useT(incidentMessages);
  const f = useFormat();
  const name = useAfnemerName();
  const query = useEscalations();
  if (query.isLoading) return <Loading label={t('incidentEscalations.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const all = [...(query.data ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);
  if (all.length === 0) return <EmptyState title={t('incidentEscalations.empty')}>{t('incidentEscalations.emptyBody')}</EmptyState>;
  return (
    <ScrollRegion label={t('incidentEscalations.caption')}>
      <table className="table">
        <caption className="visually-hidden">{t('incidentEscalations.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('incidentEscalations.at')}</th>
            <th scope="col">{t('incidentEscalations.ladder')}</th>
            <th scope="col">{t('incidentEscalations.level')}</th>
            <th scope="col">{t('incidentEscalations.reason')}</th>
            <th scope="col">{t('incidentEscalations.by')}</th>
          </tr>
        </thead>
        <tbody>
          {all.map((e) => {
            const role = roleLabel(e.role);
            return (
              <tr key={e.id} data-escalation={e.id}>
                <th scope="row">{f.dateTimeShort(e.at)}</th>
                <td>
                  {e.ladderLabel}
                  {e.incidentNumber && <span className="cell-sub kenmerk">{e.incidentNumber}</span>}
                </td>
                <td>
                  {e.level}. {e.title}
                </td>
                <td>
                  {e.reason}
                  {e.afnemer && <span className="cell-sub">{name(e.afnemer)}</span>}
                </td>
                <td>
                  {e.by}
                  <span className="cell-sub">{role ? t(role) : e.role}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
