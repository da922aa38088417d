import { PageTitle, Section } from '../../components/page';
import { ExcelDownload } from '../../components/excel-download';
import { NotificationsList } from '../../features/notifications/components/notifications-list';
import { useT } from '../../lib/i18n';

export default function NotificationsPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('notifications.title')}>{t('notifications.title')}</PageTitle>
      <Section
        title={t('notifications.listTitle')}
        id="notifications-list-title"
        actions={
          <ExcelDownload title={t('notifications.listTitle')} columns={[t('export.notification'), t('export.notificationBody'), t('export.notificationAt')]} />
        }
      >
        <NotificationsList />
      </Section>
    </>
  );
}
