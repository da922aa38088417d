import { useMemo } from 'react';
import { useConflicts } from '../../features/conflicts/api/get-conflicts';
import type { ChartPeriod } from '../../features/load/components/chart-model';
import { LoadExplorer } from '../../features/load/components/load-explorer';
import { type LoadRange, bucketForRange, useLoadRange } from '../../features/load/components/load-range';
import { useMaintenanceWindows } from '../../features/maintenance/api/get-maintenance-windows';
import { useFormat } from '../../lib/format';
import { useT } from '../../lib/i18n';

/**
 * The load chart composed with what the load feature does not know itself: maintenance windows to shade and
 * conflicts to mark in the shown range. With `range`, the range is held by the caller instead of the URL.
 */
export function LoadPanel({ range: fixed, onRangeChange, title }: { range?: LoadRange; onRangeChange?: (r: LoadRange) => void; title?: string }) {
  const t = useT();
  const f = useFormat();
  const fromUrl = useLoadRange();
  const range = fixed ?? fromUrl.range;
  const setRange = onRangeChange ?? fromUrl.setRange;
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  const maintenance = useMaintenanceWindows({ from, to });
  const conflicts = useConflicts({ status: 'open', from, to, pageSize: 500 });

  const maintenancePeriods = useMemo<ChartPeriod[]>(
    () => (maintenance.data ?? []).map((m) => ({ start: m.start, end: m.end, label: m.reason, id: m.id })),
    [maintenance.data],
  );
  const conflictPeriods = useMemo<ChartPeriod[]>(
    () =>
      (conflicts.data?.items ?? [])
        .filter((c) => Date.parse(c.end) > range.from && Date.parse(c.start) < range.to)
        .map((c) => ({ start: c.start, end: c.end, label: `${t('conflicts.number', { id: c.id })}: ${f.period(c.start, c.end)}`, id: c.id })),
    [conflicts.data, range.from, range.to, t, f],
  );

  return (
    <LoadExplorer
      range={range}
      bucket={bucketForRange(range)}
      onRangeChange={setRange}
      maintenance={maintenancePeriods}
      conflicts={conflictPeriods}
      headingId="load-title"
      title={title ?? t('overview.loadTitle')}
    />
  );
}
