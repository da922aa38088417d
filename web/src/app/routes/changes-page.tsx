import { PageTitle, Section } from '../../components/page';
import { ExcelDownload } from '../../components/excel-download';
import { ReleaseList } from '../../features/changes/components/release-list';
import { FileRfc } from '../../features/changes/components/file-rfc';
import { RfcList } from '../../features/changes/components/rfc-list';
import { MaintenanceMonth } from '../../features/maintenance/components/maintenance-month';
import { useT } from '../../lib/i18n';
import { changesMessages } from '../../features/changes/messages';

/** Requests for change and the release calendar; the API limits the RFCs to what the user may see. */
export default function ChangesPage() {
  const t = useT(changesMessages);
  return (
    <>
      <PageTitle title={t('changes.title')} lead={t('changes.lead')}>
        {t('changes.title')}
      </PageTitle>
      <Section
        title={t('changes.rfcsTitle')}
        id="rfcs-title"
        actions={
          <>
            <FileRfc />
            <ExcelDownload title={t('changes.rfcsTitle')} />
          </>
        }
      >
        <RfcList />
      </Section>
      <Section title={t('calendar.title')} id="release-calendar-title">
        <MaintenanceMonth />
      </Section>
      <Section title={t('releases.title')} id="releases-title">
        <ReleaseList />
      </Section>
    </>
  );
}
