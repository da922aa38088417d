import { roleMay } from '@cd/shared/access';
import { PageTitle, Section } from '../../components/page';
import { FraudReceipts } from '../../features/fraud/components/fraud-receipts';
import { FraudReportForm } from '../../features/fraud/components/fraud-report-form';
import { FraudReports } from '../../features/fraud/components/fraud-reports';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { fraudMessages } from '../../features/fraud/messages';

/** The Fraudeteam's home with every report; for a reporter the form and the receipts of its own reports. */
export default function FraudPage() {
  const t = useT(fraudMessages);
  const user = useCurrentUser();
  if (roleMay(user.role, 'fraud.handle')) {
    return (
      <>
        <PageTitle title={t('fraud.teamTitle')} lead={t('fraud.teamLead')}>
          {t('fraud.teamTitle')}
        </PageTitle>
        <Section title={t('fraud.listTitle')} id="fraud-list-title">
          <FraudReports />
        </Section>
      </>
    );
  }
  return (
    <>
      <PageTitle title={t('fraud.title')} lead={t('fraud.lead')}>
        {t('fraud.title')}
      </PageTitle>
      {roleMay(user.role, 'fraud.report') && (
        <Section title={t('fraud.newTitle')} id="fraud-new-title">
          <FraudReportForm />
        </Section>
      )}
      <Section title={t('fraud.receiptsTitle')} id="fraud-receipts-title">
        <FraudReceipts />
      </Section>
    </>
  );
}
