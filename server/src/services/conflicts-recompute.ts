import {
  conflictsInsertMany,
  conflictsOpenInRange,
  conflictsResolve,
  conflictsUnchanged,
  conflictsUpdateMany,
  planningState,
  type OpenConflictSpan,
  type Sql,
  type Tx,
} from '@cd/db';
import type { PlanningCache } from './planning-cache.js';
import { planningInputsInRange, type PlanningInputsInRange } from './planning-inputs.js';
import { casesInvolvedUpdate, casesOpen, casesResolve, type ProcedureSettings } from './procedure.js';
import { BUCKET_MS, BUCKET_OVERLOADED, changedBucketRanges, conflictsReconcile, type ChangedInterval, type Conflict } from '@cd/shared';
import { conflictsDetectOffThread } from './cpu-pool.js';
import { DAY_MS } from '@cd/shared/time';
import { recomputeTimed } from '../lib/metrics.js';

/**
 * Where something changed (ms): one span, several (each recomputed around itself, never the time between them),
 * or 'all' after a change of the capacity profile (then every stretch with windows or open conflicts).
 */
export type ChangedSpan = ChangedInterval | readonly ChangedInterval[] | 'all';

export interface RecomputeResult {
  created: number[];
  kept: number[];
  resolved: number[];
  /** The hull of `ranges`, or null when nothing was computed. */
  range: { from: number; to: number } | null;
  /** The disjoint ranges that were detected, in time order. */
  ranges: { from: number; to: number }[];
  /** Buckets detected in all attempts together: the work this recompute did. */
  buckets: number;
}

const MARGIN_MS = DAY_MS;
const DRAIN_SLACK_MS = 14 * DAY_MS;
const MAX_WIDENINGS = 24;
// All of time the API accepts (years 1 to 9999), for the recompute of everything.
const EVER = { from: Date.parse('0001-01-01T00:00:00Z'), to: Date.parse('9999-12-31T23:59:59.999Z') + 1 };

/** The server's planning cache and the pool it reads with: committed inputs the recompute need not read again. */
export interface PlanningSource {
  cache: PlanningCache;
  sql: Sql;
}

/**
 * All inputs as this transaction sees them: the cache's committed windows (version V) patched with the windows
 * changed since V as read in the transaction (its own changes and any committed after V; a reader at V has seen
 * every window numbered <= V, decision 002), or everything read anew after a delete.
 */
async function inputsEverything(tx: Tx, source: PlanningSource | undefined): Promise<PlanningInputsInRange> {
  if (!source) return planningInputsInRange(tx, EVER.from, EVER.to);
  const cached = await source.cache.get(source.sql);
  const state = await planningState(tx);
  if (BigInt(state.resetVersion) > BigInt(cached.version)) return planningInputsInRange(tx, EVER.from, EVER.to);
  const delta = await planningInputsInRange(tx, EVER.from, EVER.to, { windowsChangedSince: cached.version });
  const changed = new Set(delta.windows.map((w) => w.id));
  const windows = cached.windows.filter((w) => !changed.has(w.id));
  for (const w of delta.windows) if (w.status !== 'geannuleerd') windows.push(w);
  return { ...delta, windows };
}

/** The inputs of [from, to) as detection takes them. */
type InputsOf = (from: number, to: number) => Promise<Pick<PlanningInputsInRange, 'windows' | 'maintenance' | 'schedule'>>;

/** Each range read in the transaction: the recompute around a change touches only a few weeks of windows. */
const inputsRead =
  (tx: Tx): InputsOf =>
  (from, to) =>
    planningInputsInRange(tx, from, to);

/**
 * Everything read once and every range cut from it in memory: a recompute of everything (after a change of the
 * capacity profile) otherwise read all windows twice, once for the islands and again for the ranges (issue 16).
 */
function inputsCut(all: PlanningInputsInRange): InputsOf {
  return async (from, to) => ({
    windows: all.windows.filter((w) => w.start < to && w.end > from),
    maintenance: all.maintenance.filter((m) => m.start < to && m.end > from),
    schedule: all.schedule,
  });
}

interface Settled {
  from: number;
  to: number;
  open: OpenConflictSpan[];
  conflicts: Conflict[];
}

/**
 * Detects conflicts in [from, to), growing the range until no open conflict, overload run or undrained backlog
 * is cut by its edges (at most MAX_WIDENINGS times).
 */
async function rangeSettle(tx: Tx, inputsOf: InputsOf, from: number, to: number, work: { buckets: number }): Promise<Settled> {
  for (let attempt = 0; ; attempt++) {
    const open = await conflictsOpenInRange(tx, from, to);
    const wantFrom = Math.min(from, ...open.map((c) => Math.floor(c.start / BUCKET_MS) * BUCKET_MS - MARGIN_MS));
    const wantTo = Math.max(to, ...open.map((c) => Math.ceil(c.until / BUCKET_MS) * BUCKET_MS + MARGIN_MS));
    const { windows, maintenance, schedule } = await inputsOf(wantFrom, wantTo);
    const result = await conflictsDetectOffThread({
      windows,
      maintenance,
      profile: schedule,
      fromBucket: wantFrom / BUCKET_MS,
      toBucket: wantTo / BUCKET_MS,
    });
    work.buckets += (wantTo - wantFrom) / BUCKET_MS;
    const stable = wantFrom === from && wantTo === to && !result.cutAtStart && !result.cutAtEnd;
    if (stable || attempt >= MAX_WIDENINGS) return { from: wantFrom, to: wantTo, open, conflicts: result.conflicts };
    from = result.cutAtStart ? wantFrom - 7 * DAY_MS : wantFrom;
    to = result.cutAtEnd ? wantTo + 7 * DAY_MS : wantTo;
  }
}

/**
 * Re-detects conflicts where a change may have altered them and stores the outcome in the same transaction:
 * persisting conflicts keep their id, new ones are inserted, vanished ones are resolved with `reason`.
 * Each changed span is padded (a day before, two weeks after for the backlog to drain) and settled on its own;
 * ranges that grow into each other are joined, so the result equals detecting over everything at once.
 */
export function conflictsRecompute(
  tx: Tx,
  changed: ChangedSpan,
  now: Date,
  reason: string,
  settings: ProcedureSettings = {},
  planning?: PlanningSource,
): Promise<RecomputeResult> {
  return recomputeTimed(() => recomputeRun(tx, changed, now, reason, settings, planning));
}

async function recomputeRun(
  tx: Tx,
  changed: ChangedSpan,
  now: Date,
  reason: string,
  settings: ProcedureSettings,
  planning?: PlanningSource,
): Promise<RecomputeResult> {
  // One recompute at a time, across server instances: two would otherwise both insert the same new conflict.
  await tx`select pg_advisory_xact_lock(hashtext('conflicts-recompute'))`;
  let spans: readonly ChangedInterval[];
  let inputsOf = inputsRead(tx);
  if (changed === 'all') {
    // Every stretch with counting windows or open conflicts (their backlog included); the padding below joins
    // what lies less than MARGIN_MS + DRAIN_SLACK_MS apart.
    const all = await inputsEverything(tx, planning);
    const open = await conflictsOpenInRange(tx, EVER.from, EVER.to);
    spans = [...all.windows.map((w) => ({ from: w.start, to: w.end })), ...open.map((c) => ({ from: c.start, to: c.until }))];
    inputsOf = inputsCut(all);
  } else spans = 'from' in changed ? [changed] : changed;
  let pending = changedBucketRanges(spans, { beforeMs: MARGIN_MS, afterMs: DRAIN_SLACK_MS }).map((r) => ({
    from: r.fromBucket * BUCKET_MS,
    to: r.toBucket * BUCKET_MS,
  }));
  if (pending.length === 0) return { created: [], kept: [], resolved: [], range: null, ranges: [], buckets: 0 };

  const work = { buckets: 0 };
  let settled: Settled[] = [];
  while (pending.length > 0) {
    for (const r of pending) settled.push(await rangeSettle(tx, inputsOf, r.from, r.to, work));
    // Ranges that grew into each other are joined and settled again as one; the others are final.
    settled.sort((a, b) => a.from - b.from);
    const groups: Settled[][] = [];
    for (const s of settled) {
      const last = groups[groups.length - 1];
      if (last && s.from < Math.max(...last.map((x) => x.to))) last.push(s);
      else groups.push([s]);
    }
    settled = groups.filter((g) => g.length === 1).map((g) => g[0]!);
    pending = groups.filter((g) => g.length > 1).map((g) => ({ from: g[0]!.from, to: Math.max(...g.map((x) => x.to)) }));
  }

  const openById = new Map(settled.flatMap((s) => s.open).map((c) => [c.id, c]));
  const { kept, created, resolved } = conflictsReconcile(
    [...openById.values()],
    settled.flatMap((s) => s.conflicts),
  );
  // A conflict found again exactly as stored is not written: no new row version, no change event, and the conflict
  // list's cached pages stay valid (issue 16: 57 unchanged updates took 190-400 ms of a recompute of everything).
  const unchanged = await conflictsUnchanged(tx, kept);
  const changedKept = kept.filter((k) => !unchanged.has(k.id));
  await conflictsUpdateMany(tx, changedKept, now);
  await casesInvolvedUpdate(
    tx,
    changedKept.map((k) => ({ id: k.id, afnemers: k.conflict.afnemers, windowIds: k.conflict.windows.map((w) => w.id) })),
    now,
  );
  const createdIds = await conflictsInsertMany(tx, created, now);
  await casesOpen(
    tx,
    created.map((c, i) => ({ id: createdIds[i]!, start: c.start, afnemers: c.afnemers })),
    now,
    settings,
  );
  await conflictsResolve(tx, resolved, now, reason);
  await casesResolve(tx, resolved, reason, now);
  const ranges = settled.map((s) => ({ from: s.from, to: s.to }));
  return {
    created: createdIds,
    kept: kept.map((k) => k.id),
    resolved,
    range: { from: ranges[0]!.from, to: ranges[ranges.length - 1]!.to },
    ranges,
    buckets: work.buckets,
  };
}
