import { roleMay } from '@cd/shared/access';
import { PageTitle, Section } from '../../components/page';
import { AnalysisList } from '../../features/analyses/components/analysis-list';
import { AnalysisRequestForm } from '../../features/analyses/components/analysis-request-form';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { analysesMessages } from '../../features/analyses/messages';

/** Disruption analyses (Bijlage 2): request one after a P1 or a calamity; Logius writes it on the template's fields. */
export default function AnalysesPage() {
  const t = useT(analysesMessages);
  const user = useCurrentUser();
  return (
    <>
      <PageTitle title={t('analyses.title')} lead={t('analyses.lead')}>
        {t('analyses.title')}
      </PageTitle>
      {roleMay(user.role, 'disruption-analysis.request') && (
        <Section title={t('analyses.newTitle')} id="analyses-new-title">
          <AnalysisRequestForm />
        </Section>
      )}
      <Section title={t('analyses.listTitle')} id="analyses-list-title">
        <AnalysisList />
      </Section>
    </>
  );
}
