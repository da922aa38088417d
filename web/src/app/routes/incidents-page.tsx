import { PageTitle, Section } from '../../components/page';
import { ExcelDownload } from '../../components/excel-download';
import { Calamities } from '../../features/incidents/components/calamities';
import { IncidentEscalations } from '../../features/incidents/components/escalations';
import { OpenIncidents } from '../../features/incidents/components/open-incidents';
import { ReportIncident } from '../../features/incidents/components/report-incident';
import { useT } from '../../lib/i18n';
import { incidentMessages } from '../../features/incidents/messages';

/** Open incidents with their time left, calamities and escalations; the API limits each list to what the user may see. */
export default function IncidentsPage() {
  const t = useT(incidentMessages);
  return (
    <>
      <PageTitle title={t('incidents.title')} lead={t('incidents.lead')}>
        {t('incidents.title')}
      </PageTitle>
      <Section
        title={t('incidents.openTitle')}
        id="open-incidents-title"
        actions={
          <>
            <ReportIncident />
            <ExcelDownload title={t('incidents.openTitle')} />
          </>
        }
      >
        <OpenIncidents />
      </Section>
      <Section title={t('calamities.title')} id="calamities-title">
        <Calamities />
      </Section>
      <Section title={t('incidentEscalations.title')} id="incident-escalations-title">
        <IncidentEscalations />
      </Section>
    </>
  );
}
