import { PRIORITIES } from '@cd/shared/constants';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { type Incident, useIncidents } from '../api/get-incidents';
import { CALAMITY_STATUS_LABEL, INCIDENT_STATUS_LABEL } from '../labels';
import { PriorityBadge } from './priority-badge';
import { CalamityMeter, TimeLeft, useNow } from './time-left';

/** P1 first (in the order of PRIORITIES); within a priority, the nearest resolution deadline first. */
export function incidentsByUrgency(items: readonly Incident[]): Incident[] {
  const rank = (i: Incident) => PRIORITIES.indexOf(i.priority);
  return [...items].sort((a, b) => rank(a) - rank(b) || Date.parse(a.resolutionDueAt) - Date.parse(b.resolutionDueAt));
}

/**
 * The open incidents the user may see, by priority, with the time left until the resolution deadline.
 * `limit` makes the compact overview version: the most urgent few and a link to the full page.
 */
export function OpenIncidents({ limit }: { limit?: number }) {
  const t = useT();
  const name = useAfnemerName();
  const now = useNow();
  const query = useIncidents({ open: true, pageSize: 200 });
  if (query.isLoading) return <Loading label={t('incidents.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const all = incidentsByUrgency(query.data?.items ?? []);
  if (all.length === 0) return <EmptyState title={t('incidents.empty')}>{t('incidents.emptyBody')}</EmptyState>;
  const shown = limit === undefined ? all : all.slice(0, limit);
  const hidden = (query.data?.total ?? all.length) - shown.length;
  const compact = limit !== undefined;
  return (
    <>
      <ScrollRegion label={t('incidents.caption')}>
        <table className={compact ? 'table table--compact' : 'table'}>
          <caption className="visually-hidden">{t('incidents.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incidents.priority')}</th>
              <th scope="col">{t('incidents.incident')}</th>
              <th scope="col">{t('incidents.afnemers')}</th>
              <th scope="col">{t('incidents.status')}</th>
              <th scope="col">{t('incidents.timeLeft')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.id} data-incident={i.number}>
                <td>
                  <PriorityBadge incident={i} />
                </td>
                <th scope="row">
                  <Link to={`/incidenten/${i.id}`} className="kenmerk">
                    {i.number}
                  </Link>
                  <span className="cell-sub incident-title">{i.title}</span>
                </th>
                <td>{i.afnemers.map(name).join(', ')}</td>
                <td>
                  {t(INCIDENT_STATUS_LABEL[i.status])}
                  {i.responseOverdue && (
                    <span className="cell-sub">
                      <span className="badge badge--overdue">{t('incidents.responseOverdue')}</span>
                    </span>
                  )}
                  {i.calamity.status !== 'geen' && (
                    <span className="cell-sub">
                      <span className="badge badge--escalated">{t('incidents.calamity', { status: t(CALAMITY_STATUS_LABEL[i.calamity.status]) })}</span>
                    </span>
                  )}
                </td>
                <td>
                  <TimeLeft incident={i} now={now} />
                  {i.calamity.usedFraction !== null && <CalamityMeter usedFraction={i.calamity.usedFraction} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {compact && (
        <p className="panel__more">
          {hidden > 0 && <>{t('incidents.more', { count: hidden })} · </>}
          <Link to="/incidenten">{t('incidents.all')}</Link>
        </p>
      )}
    </>
  );
}
