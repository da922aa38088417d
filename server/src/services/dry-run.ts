import { planWindowsByKenmerk, type Queryable, type Sql } from '@cd/db';
import {
  afnemersScoped,
  changedBucketRanges,
  conflictsDiff,
  BUCKET_MS,
  type AfnemerScope,
  type CapacitySchedule,
  type ChangedInterval,
  type Conflict,
  type DryRunResult,
  type MaintenanceWindow,
  type NewSendWindow,
  type PlanWindow,
  type PlanningDryRunResult,
} from '@cd/shared';
import { conflictsDetectOffThread } from './cpu-pool.js';
import { DAY_MS } from '@cd/shared/time';
import { planningInputsInRange } from './planning-inputs.js';

/** A conflict as the caller may learn it: an Afnemer sees the others in the slot only as a count (decision 006). */
function preview(c: Conflict, scope: AfnemerScope) {
  return {
    start: new Date(c.start).toISOString(),
    end: new Date(c.end).toISOString(),
    ...afnemersScoped(c.afnemers, scope),
    peakUtilization: c.peakUtilization,
    excessMessages: Math.round(c.excessMessages),
    delayMinutes: c.delayMs === null ? null : Math.round(c.delayMs / 60_000),
  };
}

/**
 * What storing these deliveries would do to the conflicts, computed in memory: nothing is written.
 * Windows that replace stored ones (same Afnemer and kenmerk) keep their id, so conflicts are matched across.
 * `scope` is the uploader's: an Afnemer learns no other Afnemer by name from it.
 */
export async function deliveryDryRun(sql: Sql, groups: [string, NewSendWindow[]][], scope: AfnemerScope): Promise<DryRunResult> {
  const incoming: PlanWindow[] = [];
  const replaced = new Set<number>();
  let nextTempId = -1;
  const spans: ChangedInterval[] = [];
  for (const [afnemer, windows] of groups) {
    const existing = new Map(
      (
        await planWindowsByKenmerk(
          sql,
          afnemer,
          windows.map((w) => w.kenmerk),
        )
      ).map((w) => [w.kenmerk, w]),
    );
    for (const w of windows) {
      const old = existing.get(w.kenmerk);
      if (old) {
        replaced.add(old.id);
        spans.push({ from: old.start, to: old.end });
      }
      spans.push({ from: w.start.getTime(), to: w.end.getTime() });
      incoming.push({
        id: old?.id ?? nextTempId--,
        afnemer,
        kenmerk: w.kenmerk,
        start: w.start.getTime(),
        end: w.end.getTime(),
        volume: w.aantalBerichten,
        status: w.status,
        earliestStart: w.vroegsteStart?.getTime() ?? null,
        latestEnd: w.laatsteEind?.getTime() ?? null,
      });
    }
  }
  const effect = await planningDryRun(sql, { spans, windows: (stored) => [...stored.filter((w) => !replaced.has(w.id)), ...incoming] }, scope);
  return { ...effect, rowCount: incoming.length };
}

/**
 * A change of the planning inputs as the dry run takes it: the spans (ms) in which it alters load or capacity, and
 * what each input it touches becomes (the stored windows and maintenance of a span, the stored schedule).
 */
export interface PlanningInputsChange {
  spans: readonly ChangedInterval[];
  windows?: (stored: PlanWindow[]) => PlanWindow[];
  maintenance?: (stored: MaintenanceWindow[]) => MaintenanceWindow[];
  schedule?: (stored: CapacitySchedule) => CapacitySchedule;
}

const overlaps = (from: number, to: number) => (x: { start: number; end: number }) => x.start < to && x.end > from;

/**
 * What a change of the planning inputs would do to the conflicts, computed in memory: nothing is written.
 * Conflicts are detected before and after around each changed span only (a day before, two weeks of drain after;
 * never the time between far-apart spans), in a worker thread. `scope` is the caller's (null: Logius sees all).
 */
export async function planningDryRun(sql: Queryable, change: PlanningInputsChange, scope: AfnemerScope = null): Promise<PlanningDryRunResult> {
  const ranges = changedBucketRanges(change.spans, { beforeMs: DAY_MS, afterMs: 14 * DAY_MS });
  if (ranges.length === 0) return { dryRun: true, created: [], worsened: [], solved: [], eased: [] };
  const before: Conflict[] = [];
  const after: Conflict[] = [];
  for (const { fromBucket, toBucket } of ranges) {
    const rangeFrom = fromBucket * BUCKET_MS;
    const rangeTo = toBucket * BUCKET_MS;
    const { windows, maintenance, schedule } = await planningInputsInRange(sql, rangeFrom, rangeTo);
    const inRange = overlaps(rangeFrom, rangeTo);
    const detect = async (w: readonly PlanWindow[], m: readonly MaintenanceWindow[], schedule: CapacitySchedule) =>
      (await conflictsDetectOffThread({ windows: [...w], maintenance: [...m], profile: schedule, fromBucket, toBucket })).conflicts;
    before.push(...(await detect(windows, maintenance, schedule)));
    after.push(
      ...(await detect(
        (change.windows?.(windows) ?? windows).filter(inRange),
        (change.maintenance?.(maintenance) ?? maintenance).filter(inRange),
        change.schedule?.(schedule) ?? schedule,
      )),
    );
  }
  const diff = conflictsDiff(before, after);
  return {
    dryRun: true,
    created: diff.created.map((c) => preview(c, scope)),
    worsened: diff.worsened.map((ch) => ({ before: preview(ch.before, scope), after: preview(ch.after, scope) })),
    solved: diff.solved.map((c) => preview(c, scope)),
    eased: diff.eased.map((ch) => ({ before: preview(ch.before, scope), after: preview(ch.after, scope) })),
  };
}
