import { type CalendarSpan, MonthCalendar } from '../../../components/month-calendar';
import { ErrorMessage, Loading } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useMaintenanceWindows } from '../api/get-maintenance-windows';
import { MaintenanceLadder } from './maintenance-ladder';
import { type MaintenanceKey, maintenanceMessages } from '../messages';

const KIND_LABEL: Record<string, MaintenanceKey> = {
  onderhoud: 'maintenance.kind.onderhoud',
  release: 'maintenance.kind.release',
  incident: 'maintenance.kind.incident',
};

/**
 * Releases and maintenance as a month calendar: every window that lowers capacity (a release has its own) on each
 * day it covers, with the share of capacity left. The list beside it stays the full record.
 */
export function MaintenanceMonth() {
  const t = useT(maintenanceMessages);
  const f = useFormat();
  const query = useMaintenanceWindows();
  if (query.isLoading) return <Loading label={t('maintenance.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const spans: CalendarSpan[] = (query.data ?? []).map((w) => ({
    id: String(w.id),
    start: w.start,
    end: w.end,
    label: `${w.reason} (${t('calendar.capacityLeft', { percent: f.percent(w.factor) })})`,
    kind: w.kind,
    kindLabel: t(KIND_LABEL[w.kind] ?? 'maintenance.kind.onderhoud'),
  }));
  return (
    <>
      <MonthCalendar spans={spans} caption={t('calendar.caption')} />
      <MaintenanceLadder />
    </>
  );
}
