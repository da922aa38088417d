import { capacityProfileCurrent, maintenanceInRange, planWindowsByKenmerk, planWindowsInRange, type Sql } from '@cd/db';
import {
  afnemersScoped, conflictsDetect, conflictsDiff, BUCKET_MS, type AfnemerScope, type Conflict, type DryRunResult, type NewSendWindow, type PlanWindow,
} from '@cd/shared';

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
  const empty = { dryRun: true as const, rowCount, created: [], worsened: [], solved: [], eased: [] };
  if (from === Infinity) return empty;
  const rangeFrom = Math.floor((from - DAY_MS) / BUCKET_MS) * BUCKET_MS;
  const rangeTo = Math.ceil((to + 14 * DAY_MS) / BUCKET_MS) * BUCKET_MS;
  const [stored, maintenance, profile] = await Promise.all([
    planWindowsInRange(sql, rangeFrom, rangeTo),
    maintenanceInRange(sql, rangeFrom, rangeTo),
    capacityProfileCurrent(sql),
  ]);
  const detect = (windows: PlanWindow[]) =>
    conflictsDetect({
      windows, maintenance, profile: profile.ratesPerHour, threshold: profile.threshold, warningLevel: profile.warningLevel,
      fromBucket: rangeFrom / BUCKET_MS, toBucket: rangeTo / BUCKET_MS,
    }).conflicts;
  const before = detect(stored);
  const after = detect([...stored.filter((w) => !replaced.has(w.id)), ...incoming]);
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
