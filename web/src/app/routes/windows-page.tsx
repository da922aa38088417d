import { PageTitle, Section } from '../../components/page';
import { WindowsTable } from '../../features/prognoses/components/windows-table';
import { useT } from '../../lib/i18n';

export default function WindowsPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('windows.title')} lead={t('windows.lead')}>
        {t('windows.title')}
      </PageTitle>
      <Section title={t('windows.listTitle')} id="windows-list-title">
        <WindowsTable />
      </Section>
    </>
  );
}
