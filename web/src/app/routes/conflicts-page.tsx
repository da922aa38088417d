import { PageTitle, Section } from '../../components/page';
import { ExcelDownload } from '../../components/excel-download';
import { ConflictList } from '../../features/conflicts/components/conflict-list';
import { useT } from '../../lib/i18n';
import { roleIsLogius } from '@cd/shared/access';
import { useCurrentUser } from '../../lib/session';

export default function ConflictsPage() {
  const t = useT();
  const user = useCurrentUser();
  const logius = roleIsLogius(user.role);
  const title = user.role === 'planner' ? t('conflicts.titleMine') : t('conflicts.title');
  return (
    <>
      <PageTitle title={title} lead={logius ? t('conflicts.leadLogius') : t('conflicts.leadAfnemer')}>
        {title}
      </PageTitle>
      <Section title={logius ? t('conflicts.byStep') : t('conflicts.list')} id="conflicts-list-title" actions={<ExcelDownload title={title} />}>
        <ConflictList grouped={logius} />
      </Section>
    </>
  );
}
