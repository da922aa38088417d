import { PageTitle, Section } from '../../components/page';
import { RecentDeliveries } from '../../features/prognoses/components/recent-deliveries';
import { UploadPanel } from '../../features/prognoses/components/upload-panel';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';

export default function UploadPage() {
  const t = useT();
  const user = useCurrentUser();
  return (
    <>
      <PageTitle title={t('upload.title')} lead={t('upload.lead', { afnemer: user.afnemer?.name ?? 'Logius' })}>
        {t('upload.title')}
      </PageTitle>
      <Section title={t('upload.fileTitle')} id="upload-file-title">
        <UploadPanel />
      </Section>
      <Section title={t('deliveries.title')} id="deliveries-title">
        <RecentDeliveries showAfnemer={user.afnemer === null} />
      </Section>
    </>
  );
}
