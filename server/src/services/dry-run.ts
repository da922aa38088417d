import { maintenanceInRange, planWindowsByKenmerk, planWindowsInRange, type Queryable, type Sql } from '@cd/db';
import {
  conflictsDetect,
  conflictsDiff,
  BUCKET_MS,
  type CapacitySchedule,
  type Conflict,
  type DryRunResult,
  type MaintenanceWindow,
  type NewSendWindow,
  type PlanWindow,
  type PlanningDryRunResult,
} from '@cd/shared';
import { capacityProfilesRead } from './capacity-schedule.js';

const DAY_MS = 86_400_000;

function preview(c: Conflict) {
  return {
    start: new Date(c.start).toISOString(),
    end: new Date(c.end).toISOString(),
    afnemers: c.afnemers,
    peakUtilization: c.peakUtilization,
    excessMessages: Math.round(c.excessMessages),
    delayMinutes: c.delayMs === null ? null : Math.round(c.delayMs / 60_000),
  };
}

/**
 * What storing these deliveries would do to the conflicts, computed in memory: nothing is written.
 * Windows that replace stored ones (same Afnemer and kenmerk) keep their id, so conflicts are matched across.
 */
export async function deliveryDryRun(sql: Sql, groups: [string, NewSendWindow[]][]): Promise<DryRunResult> {
  const incoming: PlanWindow[] = [];
  const replaced = new Set<number>();
  let nextTempId = -1;
  let from = Infinity;
  let to = -Infinity;
  for (const [afnemer, windows] of groups) {
    const existing = new Map((await planWindowsByKenmerk(sql, afnemer, windows.map((w) => w.kenmerk))).map((w) => [w.kenmerk, w]));
    for (const w of windows) {
      const old = existing.get(w.kenmerk);
      if (old) {
        replaced.add(old.id);
        from = Math.min(from, old.start);
        to = Math.max(to, old.end);
      }
      from = Math.min(from, w.start.getTime());
      to = Math.max(to, w.end.getTime());
      incoming.push({
        id: old?.id ?? nextTempId--, afnemer, kenmerk: w.kenmerk, start: w.start.getTime(), end: w.end.getTime(),
        volume: w.aantalBerichten, status: w.status, earliestStart: w.vroegsteStart?.getTime() ?? null, latestEnd: w.laatsteEind?.getTime() ?? null,
      });
    }
  }
  const rowCount = incoming.length;
  if (from === Infinity) return { dryRun: true, rowCount, created: [], worsened: [], solved: [], eased: [] };
  const effect = await planningDryRun(sql, { from, to, windows: (stored) => [...stored.filter((w) => !replaced.has(w.id)), ...incoming] });
  return { ...effect, rowCount };
}

/**
 * A change of the planning inputs as the dry run takes it: the span (ms) in which it alters load or capacity, and
 * what each input it touches becomes (the stored windows and maintenance of the span, the stored schedule).
 */
export interface PlanningInputsChange {
  from: number;
  to: number;
  windows?: (stored: PlanWindow[]) => PlanWindow[];
  maintenance?: (stored: MaintenanceWindow[]) => MaintenanceWindow[];
  schedule?: (stored: CapacitySchedule) => CapacitySchedule;
}

/**
 * What a change of the planning inputs would do to the conflicts, computed in memory: nothing is written.
 * Conflicts are detected before and after over the change's span (a day before, two weeks of drain after).
 */
export async function planningDryRun(sql: Queryable, change: PlanningInputsChange): Promise<PlanningDryRunResult> {
  const rangeFrom = Math.floor((change.from - DAY_MS) / BUCKET_MS) * BUCKET_MS;
  const rangeTo = Math.ceil((change.to + 14 * DAY_MS) / BUCKET_MS) * BUCKET_MS;
  const [windows, maintenance, profiles] = await Promise.all([
    planWindowsInRange(sql, rangeFrom, rangeTo),
    maintenanceInRange(sql, rangeFrom, rangeTo),
    capacityProfilesRead(sql),
  ]);
  const detect = (w: readonly PlanWindow[], m: readonly MaintenanceWindow[], schedule: CapacitySchedule) =>
    conflictsDetect({ windows: w, maintenance: m, profile: schedule, fromBucket: rangeFrom / BUCKET_MS, toBucket: rangeTo / BUCKET_MS }).conflicts;
  const before = detect(windows, maintenance, profiles.schedule);
  const after = detect(
    change.windows?.(windows) ?? windows,
    change.maintenance?.(maintenance) ?? maintenance,
    change.schedule?.(profiles.schedule) ?? profiles.schedule,
  );
  const diff = conflictsDiff(before, after);
  return {
    dryRun: true,
    created: diff.created.map(preview),
    worsened: diff.worsened.map((ch) => ({ before: preview(ch.before), after: preview(ch.after) })),
    solved: diff.solved.map(preview),
    eased: diff.eased.map((ch) => ({ before: preview(ch.before), after: preview(ch.after) })),
  };
}
