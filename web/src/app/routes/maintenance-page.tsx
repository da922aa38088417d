import { roleMay } from '@cd/shared/access';
import { PageTitle, Section } from '../../components/page';
import { MaintenanceCalendar } from '../../features/maintenance/components/maintenance-calendar';
import { MaintenanceMonth } from '../../features/maintenance/components/maintenance-month';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { maintenanceMessages } from '../../features/maintenance/messages';

export default function MaintenancePage() {
  const t = useT(maintenanceMessages);
  const user = useCurrentUser();
  return (
    <>
      <PageTitle title={t('maintenance.title')} lead={t('maintenance.lead')}>
        {t('maintenance.title')}
      </PageTitle>
      <Section title={t('calendar.title')} id="maintenance-month-title">
        <MaintenanceMonth />
      </Section>
      <Section title={t('maintenance.listTitle')} id="maintenance-list-title">
        <MaintenanceCalendar canEdit={roleMay(user.role, 'maintenance.manage')} />
      </Section>
    </>
  );
}
