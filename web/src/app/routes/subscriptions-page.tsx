import { roleMay } from '@cd/shared/access';
import { PageTitle, Section } from '../../components/page';
import { NoticesPanel } from '../../features/subscriptions/components/notices-panel';
import { SubscriptionsPanel } from '../../features/subscriptions/components/subscriptions-panel';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { subscriptionsMessages } from '../../features/subscriptions/messages';

export default function SubscriptionsPage() {
  const t = useT(subscriptionsMessages);
  const user = useCurrentUser();
  return (
    <>
      <PageTitle title={t('subs.title')} lead={t('subs.lead')}>
        {t('subs.title')}
      </PageTitle>
      <Section title={t('subs.listTitle')} id="subscriptions-title">
        <SubscriptionsPanel />
      </Section>
      {roleMay(user.role, 'notice.manage') && (
        <Section title={t('notices.title')} id="notices-title">
          <p>{t('notices.lead')}</p>
          <NoticesPanel />
        </Section>
      )}
    </>
  );
}
