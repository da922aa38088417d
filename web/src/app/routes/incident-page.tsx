import { PageTitle } from '../../components/page';
import { IncidentDetail } from '../../features/incidents/components/incident-detail';
import { useIncident } from '../../features/incidents/api/get-incident';
import { useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { incidentMessages } from '../../features/incidents/messages';

/** One incident: the SNO clock, its priority, updates and history, and the actions the user may take. */
export default function IncidentPage({ id }: { id: number }) {
  const t = useT(incidentMessages);
  const query = useIncident(id);
  const heading = query.data ? `${query.data.number}: ${query.data.title}` : t('incidentDetail.title');
  return (
    <>
      <p className="back-link">
        <Link to="/incidenten">
          <span aria-hidden="true">‹ </span>
          {t('incidentDetail.back')}
        </Link>
      </p>
      <PageTitle title={heading} lead={t('incidentDetail.lead')}>
        {heading}
      </PageTitle>
      <IncidentDetail id={id} />
    </>
  );
}
