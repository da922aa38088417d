import { PageTitle, Section } from '../../components/page';
import { NotificationsList } from '../../features/notifications/components/notifications-list';
import { useT } from '../../lib/i18n';

export default function NotificationsPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('notifications.title')}>{t('notifications.title')}</PageTitle>
      <Section title={t('notifications.listTitle')} id="notifications-list-title">
        <NotificationsList />
      </Section>
    </>
  );
}
