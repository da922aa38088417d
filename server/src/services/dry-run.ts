import { capacityProfileCurrent, maintenanceInRange, planWindowsByKenmerk, planWindowsInRange, type Sql } from '@cd/db';
import {
  afnemersScoped, changedBucketRanges, conflictsDiff, BUCKET_MS, type AfnemerScope, type ChangedInterval, type Conflict, type DryRunResult, type NewSendWindow, type PlanWindow,
} from '@cd/shared';
import { conflictsDetectOffThread } from './cpu-pool.js';

const DAY_MS = 86_400_000;

/** A conflict as the uploader may learn it: an Afnemer sees the others in the slot only as a count (decision 006). */
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
    const existing = new Map((await planWindowsByKenmerk(sql, afnemer, windows.map((w) => w.kenmerk))).map((w) => [w.kenmerk, w]));
    for (const w of windows) {
      const old = existing.get(w.kenmerk);
      if (old) {
        replaced.add(old.id);
        spans.push({ from: old.start, to: old.end });
      }
      spans.push({ from: w.start.getTime(), to: w.end.getTime() });
      incoming.push({
        id: old?.id ?? nextTempId--, afnemer, kenmerk: w.kenmerk, start: w.start.getTime(), end: w.end.getTime(),
        volume: w.aantalBerichten, status: w.status, earliestStart: w.vroegsteStart?.getTime() ?? null, latestEnd: w.laatsteEind?.getTime() ?? null,
      });
    }
  }
  const rowCount = incoming.length;
  const empty = { dryRun: true as const, rowCount, created: [], worsened: [], solved: [], eased: [] };
  // Around each changed window only (never the time between far-apart ones), in a worker thread.
  const ranges = changedBucketRanges(spans, { beforeMs: DAY_MS, afterMs: 14 * DAY_MS });
  if (ranges.length === 0) return empty;
  const profile = await capacityProfileCurrent(sql);
  const before: Conflict[] = [];
  const after: Conflict[] = [];
  for (const { fromBucket, toBucket } of ranges) {
    const rangeFrom = fromBucket * BUCKET_MS;
    const rangeTo = toBucket * BUCKET_MS;
    const [stored, maintenance] = await Promise.all([planWindowsInRange(sql, rangeFrom, rangeTo), maintenanceInRange(sql, rangeFrom, rangeTo)]);
    const detect = async (windows: PlanWindow[]) =>
      (await conflictsDetectOffThread({
        windows, maintenance, profile: profile.ratesPerHour, threshold: profile.threshold, warningLevel: profile.warningLevel, fromBucket, toBucket,
      })).conflicts;
    before.push(...(await detect(stored)));
    after.push(...(await detect([...stored.filter((w) => !replaced.has(w.id)), ...incoming.filter((w) => w.start < rangeTo && w.end > rangeFrom)])));
  }
  const diff = conflictsDiff(before, after);
  return {
    dryRun: true,
    rowCount,
    created: diff.created.map((c) => preview(c, scope)),
    worsened: diff.worsened.map((ch) => ({ before: preview(ch.before, scope), after: preview(ch.after, scope) })),
    solved: diff.solved.map((c) => preview(c, scope)),
    eased: diff.eased.map((ch) => ({ before: preview(ch.before, scope), after: preview(ch.after, scope) })),
  };
}
