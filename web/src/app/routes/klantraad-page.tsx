import { PageTitle } from '../../components/page';
import { KlantraadBoard } from '../../features/conflicts/components/escalations';
import { useT } from '../../lib/i18n';

export default function KlantraadPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('klantraad.title')} lead={t('klantraad.lead')}>
        {t('klantraad.title')}
      </PageTitle>
      <KlantraadBoard />
    </>
  );
}
