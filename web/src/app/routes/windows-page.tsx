import { PageTitle, Section } from '../../components/page';
import { ExcelDownload } from '../../components/excel-download';
import { WindowsTable } from '../../features/prognoses/components/windows-table';
import { useT } from '../../lib/i18n';

export default function WindowsPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('windows.title')} lead={t('windows.lead')}>
        {t('windows.title')}
      </PageTitle>
      <Section title={t('windows.listTitle')} id="windows-list-title" actions={<ExcelDownload title={t('windows.listTitle')} />}>
        <WindowsTable />
      </Section>
    </>
  );
}
