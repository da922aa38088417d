import { roleMay } from '@cd/shared/access';
import { PageTitle, Section } from '../../components/page';
import { ServiceRequestForm } from '../../features/service-requests/components/service-request-form';
import { ServiceRequestList } from '../../features/service-requests/components/service-request-list';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { serviceRequestMessages } from '../../features/service-requests/messages';

/** Service requests (section 4): file one (an Afnemer's users), see each with its working-day deadline. */
export default function ServiceRequestsPage() {
  const t = useT(serviceRequestMessages);
  const user = useCurrentUser();
  return (
    <>
      <PageTitle title={t('sr.title')} lead={t('sr.lead')}>
        {t('sr.title')}
      </PageTitle>
      {roleMay(user.role, 'service-request.file') && (
        <Section title={t('sr.newTitle')} id="sr-new-title">
          <ServiceRequestForm />
        </Section>
      )}
      <Section title={t('sr.listTitle')} id="sr-list-title">
        <ServiceRequestList />
      </Section>
    </>
  );
}
