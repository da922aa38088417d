import { PageTitle, Section } from '../../components/page';
import { OpenIncidents } from '../../features/incidents/components/open-incidents';
import { ReleaseList } from '../../features/changes/components/release-list';
import { ConflictList } from '../../features/conflicts/components/conflict-list';
import { EscalationList } from '../../features/conflicts/components/escalations';
import { UpcomingDeadlines } from '../../features/conflicts/components/upcoming-deadlines';
import { useLoadRange } from '../../features/load/components/load-range';
import { UtilizationHeatMap } from '../../features/load/components/utilization-heat-map';
import { useT } from '../../lib/i18n';
import { roleIsLogius } from '@cd/shared/access';
import { useCurrentUser } from '../../lib/session';
import { amsterdamWeekStart } from '@cd/shared/time';
import { LoadPanel } from './load-panel';

/** Open incidents and load against capacity for everyone; Logius also sees the week heat map and escalations, a planner its conflicts. */
export default function OverviewPage() {
  const t = useT();
  const user = useCurrentUser();
  const logius = roleIsLogius(user.role);
  // The heat map starts at the week the chart starts in, and follows it when the chart moves to another week.
  const week = amsterdamWeekStart(useLoadRange().range.from);
  return (
    <>
      <PageTitle title={t('overview.title')} lead={user.role === 'planner' ? t('overview.leadPlanner') : t('overview.lead')}>
        {t('overview.title')}
      </PageTitle>
      <Section title={t('incidents.openTitle')} id="open-incidents-title" className="panel--incidents">
        <OpenIncidents limit={5} />
      </Section>
      <Section title={t('releases.upcomingTitle')} id="upcoming-releases-title" className="panel--releases">
        <ReleaseList limit={3} />
      </Section>
      <LoadPanel />
      {logius && <UtilizationHeatMap key={week} anchor={week} headingId="heat-title" />}
      {logius && (
        <Section title={t('upcoming.title')} id="upcoming-deadlines-title">
          <UpcomingDeadlines />
        </Section>
      )}
      {logius && (
        <Section title={t('escalations.title')} id="escalations-title">
          <EscalationList />
        </Section>
      )}
      {user.role === 'planner' && (
        <Section title={t('overview.myConflicts')} id="my-conflicts-title">
          <ConflictList grouped={false} />
        </Section>
      )}
    </>
  );
}
