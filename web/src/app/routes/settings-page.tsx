import { roleMay } from '@cd/shared/access';
import { ErrorMessage, Loading, Notice } from '../../components/feedback';
import { PageTitle, Section } from '../../components/page';
import { useSettings } from '../../features/settings/api/get-settings';
import { CalamityThresholdForm, ServiceRequestTypesForm, StandardChangesForm, UsageThresholdsForm } from '../../features/settings/components/settings-forms';
import { SettingsHistory } from '../../features/settings/components/settings-history';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { settingsMessages } from '../../features/settings/messages';

export default function SettingsPage() {
  const t = useT(settingsMessages);
  const user = useCurrentUser();
  const query = useSettings();
  const title = (
    <PageTitle title={t('settings.title')} lead={t('settings.lead')}>
      {t('settings.title')}
    </PageTitle>
  );
  if (!roleMay(user.role, 'settings.manage')) {
    return (
      <>
        {title}
        <Notice kind="warning">{t('settings.forbidden')}</Notice>
      </>
    );
  }
  if (query.isLoading) return <Loading />;
  if (query.isError || !query.data) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const { values, defaults } = query.data;
  return (
    <>
      {title}
      <Section title={t('settings.calamity')} id="settings-calamity">
        <CalamityThresholdForm values={values} defaults={defaults} />
      </Section>
      <Section title={t('settings.usage')} id="settings-usage">
        <UsageThresholdsForm values={values} defaults={defaults} />
      </Section>
      <Section title={t('settings.standardChanges')} id="settings-standard-changes">
        <StandardChangesForm values={values} />
      </Section>
      <Section title={t('settings.serviceRequests')} id="settings-service-requests">
        <ServiceRequestTypesForm values={values} />
      </Section>
      <Section title={t('settings.history')} id="settings-history">
        <SettingsHistory />
      </Section>
    </>
  );
}
