import { PageTitle } from '../../components/page';
import { SecurityIncidentDetail } from '../../features/security-incidents/components/security-incident-detail';
import { useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { securityIncidentMessages } from '../../features/security-incidents/messages';

/** One security incident: the printable ad-hoc report with its escalation and trail. */
export default function SecurityIncidentPage({ id }: { id: number }) {
  const t = useT(securityIncidentMessages);
  return (
    <>
      <p className="no-print">
        <Link to="/beveiligingsincidenten">{t('sec.back')}</Link>
      </p>
      <PageTitle title={t('sec.detailTitle')}>{t('sec.detailTitle')}</PageTitle>
      <SecurityIncidentDetail id={id} />
    </>
  );
}
