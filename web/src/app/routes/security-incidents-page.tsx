import { roleMay } from '@cd/shared/access';
import { PageTitle, Section } from '../../components/page';
import { SecurityIncidentForm, SecurityIncidentList } from '../../features/security-incidents/components/security-incident-list';
import { SecurityPeriodicReportPanel } from '../../features/security-incidents/components/security-report';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { securityIncidentMessages } from '../../features/security-incidents/messages';

/** Security incidents (DAP 6.2): report one, the list the user may see, and for Logius the periodic report. */
export default function SecurityIncidentsPage() {
  const t = useT(securityIncidentMessages);
  const user = useCurrentUser();
  return (
    <>
      <PageTitle title={t('sec.pageTitle')} lead={t('sec.lead')}>
        {t('sec.pageTitle')}
      </PageTitle>
      {roleMay(user.role, 'security-incident.report') && (
        <Section title={t('sec.formTitle')} id="security-form-title">
          <SecurityIncidentForm />
        </Section>
      )}
      <Section title={t('sec.listTitle')} id="security-list-title">
        <SecurityIncidentList />
      </Section>
      {roleMay(user.role, 'security-incident.periodic-report') && (
        <Section title={t('sec.reportTitle')} id="security-report-title-section">
          <SecurityPeriodicReportPanel today={new Date()} />
        </Section>
      )}
    </>
  );
}
