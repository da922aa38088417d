import { PageTitle, Section } from '../../components/page';
import { ExcelDownload } from '../../components/excel-download';
import { ReleaseList } from '../../features/changes/components/release-list';
import { RfcList } from '../../features/changes/components/rfc-list';
import { useT } from '../../lib/i18n';

/** Requests for change and the release calendar; the API limits the RFCs to what the user may see. */
export default function ChangesPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('changes.title')} lead={t('changes.lead')}>
        {t('changes.title')}
      </PageTitle>
      <Section title={t('changes.rfcsTitle')} id="rfcs-title" actions={<ExcelDownload title={t('changes.rfcsTitle')} />}>
        <RfcList />
      </Section>
      <Section title={t('releases.title')} id="releases-title">
        <ReleaseList />
      </Section>
    </>
  );
}
