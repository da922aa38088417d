import { PageTitle, Section } from '../../components/page';
import { EscalationList } from '../../features/conflicts/components/escalations';
import { useT } from '../../lib/i18n';

export default function EscalationsPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('escalations.title')} lead={t('escalations.lead')}>
        {t('escalations.title')}
      </PageTitle>
      <Section title={t('escalations.listTitle')} id="escalations-list-title">
        <EscalationList />
      </Section>
    </>
  );
}
