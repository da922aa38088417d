import { roleMay } from '@cd/shared/access';
import { PageTitle, Section } from '../../components/page';
import { ProfileEditor } from '../../features/capacity/components/profile-editor';
import { ProfileHistory } from '../../features/capacity/components/profile-history';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { capacityProfileMessages } from '../../features/capacity/messages';

export default function CapacityProfilePage() {
  const t = useT(capacityProfileMessages);
  const user = useCurrentUser();
  return (
    <>
      <PageTitle title={t('profile.title')} lead={t('profile.lead')}>
        {t('profile.title')}
      </PageTitle>
      <Section title={t('profile.editorTitle')} id="profile-editor-title">
        <ProfileEditor canEdit={roleMay(user.role, 'capacity.manage')} />
      </Section>
      <Section title={t('profile.historyTitle')} id="profile-history-title">
        <ProfileHistory canEdit={roleMay(user.role, 'capacity.manage')} />
      </Section>
    </>
  );
}
