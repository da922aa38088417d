import {
  conflictInsert,
  conflictsOpenInRange,
  conflictsResolve,
  conflictUpdate,
  maintenanceInRange,
  planWindowsExtent,
  planWindowsInRange,
  type Tx,
} from '@cd/db';
import { capacityProfilesRead } from './capacity-schedule.js';
import { casesInvolvedUpdate, casesOpen, casesResolve, type ProcedureSettings } from './procedure.js';
import { BUCKET_MS, BUCKET_OVERLOADED, conflictsDetect, conflictsReconcile } from '@cd/shared';

/** A span of time (ms) in which something changed; 'all' after a change of the capacity profile. */
export type ChangedSpan = { from: number; to: number } | 'all';

export interface RecomputeResult {
  created: number[];
  kept: number[];
  resolved: number[];
  range: { from: number; to: number } | null;
}

const DAY_MS = 86_400_000;
const MARGIN_MS = DAY_MS;
const DRAIN_SLACK_MS = 14 * DAY_MS;
const MAX_WIDENINGS = 24;

/**
 * Re-detects conflicts where a change may have altered them and stores the outcome in the same transaction:
 * persisting conflicts keep their id, new ones are inserted, vanished ones are resolved with `reason`.
 * The range grows until no open conflict, overload run or undrained backlog is cut by its edges.
 */
export async function conflictsRecompute(
  tx: Tx,
  changed: ChangedSpan,
  now: Date,
  reason: string,
  settings: ProcedureSettings = {},
): Promise<RecomputeResult> {
  // One recompute at a time, across server instances: two would otherwise both insert the same new conflict.
  await tx`select pg_advisory_xact_lock(hashtext('conflicts-recompute'))`;
  let span = changed;
  if (span === 'all') {
    const extent = await planWindowsExtent(tx);
    const open = await conflictsOpenInRange(tx, 0, Date.UTC(9999, 0, 1));
    let from = extent?.from ?? Infinity;
    let to = extent?.to ?? -Infinity;
    for (const c of open) {
      from = Math.min(from, c.start);
      to = Math.max(to, c.until);
    }
    if (from === Infinity) return { created: [], kept: [], resolved: [], range: null };
    span = { from, to };
  }
  let from = Math.floor((span.from - MARGIN_MS) / BUCKET_MS) * BUCKET_MS;
  let to = Math.ceil((span.to + DRAIN_SLACK_MS) / BUCKET_MS) * BUCKET_MS;

  const { schedule } = await capacityProfilesRead(tx);
  for (let attempt = 0; ; attempt++) {
    const open = await conflictsOpenInRange(tx, from, to);
    const wantFrom = Math.min(from, ...open.map((c) => Math.floor(c.start / BUCKET_MS) * BUCKET_MS - MARGIN_MS));
    const wantTo = Math.max(to, ...open.map((c) => Math.ceil(c.until / BUCKET_MS) * BUCKET_MS + MARGIN_MS));
    const [windows, maintenance] = await Promise.all([planWindowsInRange(tx, wantFrom, wantTo), maintenanceInRange(tx, wantFrom, wantTo)]);
    const result = conflictsDetect({
      windows,
      maintenance,
      profile: schedule,
      fromBucket: wantFrom / BUCKET_MS,
      toBucket: wantTo / BUCKET_MS,
    });
    const n = result.load.length;
    const cutAtStart = n > 0 && (result.states[0] === BUCKET_OVERLOADED || result.backlog[0]! > 0);
    const cutAtEnd = n > 0 && (result.states[n - 1] === BUCKET_OVERLOADED || result.backlog[n - 1]! > 0);
    const stable = wantFrom === from && wantTo === to && !cutAtStart && !cutAtEnd;
    if (!stable && attempt < MAX_WIDENINGS) {
      from = cutAtStart ? wantFrom - 7 * DAY_MS : wantFrom;
      to = cutAtEnd ? wantTo + 7 * DAY_MS : wantTo;
      continue;
    }
    const { kept, created, resolved } = conflictsReconcile(open, result.conflicts);
    for (const k of kept) await conflictUpdate(tx, k.id, k.conflict, now);
    await casesInvolvedUpdate(tx, kept.map((k) => ({ id: k.id, afnemers: k.conflict.afnemers, windowIds: k.conflict.windows.map((w) => w.id) })), now);
    const createdIds: number[] = [];
    for (const c of created) createdIds.push(await conflictInsert(tx, c, now));
    await casesOpen(tx, created.map((c, i) => ({ id: createdIds[i]!, start: c.start, afnemers: c.afnemers })), now, settings);
    await conflictsResolve(tx, resolved, now, reason);
    await casesResolve(tx, resolved, reason, now);
    return { created: createdIds, kept: kept.map((k) => k.id), resolved, range: { from: wantFrom, to: wantTo } };
  }
}
