import { PageTitle, Section } from '../../components/page';
import { useAfnemers } from '../../features/afnemers/api/get-afnemers';
import { CalendarFeedPanel } from '../../features/reports/components/calendar-feed-panel';
import { ServiceReportView } from '../../features/reports/components/service-report-view';
import { UsageLinks } from '../../features/reports/components/usage-links';
import { useT } from '../../lib/i18n';

/** Section 8.3's service report for the Operationeel Overleg, the quarterly usage template, and one's calendar feed. */
export default function ServiceReportPage() {
  const t = useT();
  const afnemers = useAfnemers();
  return (
    <>
      <PageTitle title={t('report.title')} lead={t('report.lead')}>
        {t('report.title')}
      </PageTitle>
      <Section title={t('report.sectionTitle')} id="report-title" className="print-main">
        <ServiceReportView />
      </Section>
      <Section title={t('usage.title')} id="usage-title" className="no-print">
        <UsageLinks afnemers={(afnemers.data ?? []).map((a) => a.oin)} />
      </Section>
      <Section title={t('feed.title')} id="feed-title" className="no-print">
        <CalendarFeedPanel />
      </Section>
    </>
  );
}
