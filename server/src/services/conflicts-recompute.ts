import {
  conflictsInsertMany,
  conflictsOpenInRange,
  conflictsResolve,
  conflictsUnchanged,
  conflictsUpdateMany,
  planningState,
  type OpenConflictSpan,
  type Tx,
} from '@cd/db';
import type { PlanningCache } from './planning-cache.js';
import type { WindowColumns } from './cpu-tasks.js';
import { planningInputsInRange, type PlanningInputsInRange } from './planning-inputs.js';
import { casesInvolvedUpdate, casesOpen, casesResolve, type ProcedureSettings } from './procedure.js';
import { BUCKET_MS, BUCKET_OVERLOADED, changedBucketRanges, conflictsReconcile, type ChangedInterval, type Conflict, type PlanWindow } from '@cd/shared';
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
  /** Milliseconds spent per phase (the bench prints them; decision 012). */
  phases: RecomputePhases;
}

/** Where a recompute's time goes, in ms: its inputs, the open conflicts, detection, the comparison, the writes. */
export interface RecomputePhases {
  lock: number;
  inputs: number;
  open: number;
  /** The ranges to detect (of everything: from every window's span). */
  ranges: number;
  detect: number;
  reconcile: number;
  compare: number;
  write: number;
}

const phasesNew = (): RecomputePhases => ({ lock: 0, inputs: 0, open: 0, ranges: 0, detect: 0, reconcile: 0, compare: 0, write: 0 });

/** Runs `work`, adding its time to `phases[name]`. */
async function timed<T>(phases: RecomputePhases, name: keyof RecomputePhases, work: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  try {
    return await work();
  } finally {
    phases[name] += performance.now() - t;
  }
}

const MARGIN_MS = DAY_MS;
const DRAIN_SLACK_MS = 14 * DAY_MS;
const MAX_WIDENINGS = 24;
// All of time the API accepts (years 1 to 9999), for the recompute of everything.
const EVER = { from: Date.parse('0001-01-01T00:00:00Z'), to: Date.parse('9999-12-31T23:59:59.999Z') + 1 };

/**
 * All counting windows, maintenance and the capacity schedule as this transaction sees them, from the server's
 * planning cache: its committed windows (version V) patched with the windows changed since V as read in the
 * transaction (its own changes and any committed after V; a reader at V has seen every window numbered <= V,
 * decision 002), in one round trip with the maintenance, the profiles and the version. The cache is only peeked at:
 * no version check of its own and no second connection while this transaction holds one (a pool full of
 * transactions waiting for the recompute lock would otherwise wait for ever). Null when the cache was never read,
 * when windows were deleted since V (a full read is due), or when the cache is newer than this transaction's
 * snapshot (a repeatable-read transaction that began before the cache's read).
 */
async function inputsCached(tx: Tx, cache: PlanningCache | undefined): Promise<InputsAll | null> {
  const cached = cache?.peek();
  if (!cached) return null;
  const [state, delta] = await Promise.all([planningState(tx), planningInputsInRange(tx, EVER.from, EVER.to, { windowsChangedSince: cached.version })]);
  if (BigInt(state.resetVersion) > BigInt(cached.version) || BigInt(state.version) < BigInt(cached.version)) return null;
  if (delta.windows.length === 0) return { ...delta, windows: cached.windows, columns: cached.columns };
  // Committed changes since the cache's version (or this transaction's own): bring it up to date for the next.
  cache!.refresh();
  // The list and its columns patched for this transaction as the cache patches a version (a copy of each).
  const { windows, columns } = cache!.patched(cached, delta.windows);
  return { ...delta, windows, columns };
}

/**
 * All inputs of a recompute, read once; with the planning cache, the windows' columns beside them (entry k is
 * `windows[k]`): detection then packs no window object, the worker cuts each range from the columns.
 */
type InputsAll = Omit<PlanningInputsInRange, 'windows'> & { windows: readonly PlanWindow[]; columns?: WindowColumns };

/**
 * The windows' spans as changedBucketRanges unites them, with `beforeMs` of padding before each: the windows that
 * start in the same stretch of `beforeMs` (counted from the epoch) as one span from the first start to the last end.
 * Their padded spans all reach the one that starts first, so their union is that one span padded: the same ranges
 * from a few hundred spans instead of one per window (50,000 for a year).
 */
export function windowSpansGrouped(windows: readonly { start: number; end: number }[], beforeMs: number): ChangedInterval[] {
  const byStretch = new Map<number, ChangedInterval>();
  for (const w of windows) {
    const key = Math.floor(w.start / beforeMs);
    const span = byStretch.get(key);
    if (!span) byStretch.set(key, { from: w.start, to: w.end });
    else {
      if (w.start < span.from) span.from = w.start;
      if (w.end > span.to) span.to = w.end;
    }
  }
  return [...byStretch.values()];
}

/**
 * The inputs of [from, to) as detection takes them: the windows overlapping it, or all windows with their columns
 * (detection keeps those that overlap).
 */
type InputsOf = (from: number, to: number) => Promise<Pick<InputsAll, 'windows' | 'columns' | 'maintenance' | 'schedule'>>;

/** Each range read in the transaction: without a cache, the recompute around a change reads only a few weeks of windows. */
const inputsRead =
  (tx: Tx): InputsOf =>
  (from, to) =>
    planningInputsInRange(tx, from, to);

/**
 * Everything read once and every range cut from it in memory: a recompute of everything otherwise read all windows
 * twice, once for the islands and again for the ranges (issue 16); with the cache, also a recompute around a change.
 */
function inputsCut(all: InputsAll): InputsOf {
  return async (from, to) => ({
    ...(all.columns === undefined ? { windows: all.windows.filter((w) => w.start < to && w.end > from) } : { windows: all.windows, columns: all.columns }),
    maintenance: all.maintenance.filter((m) => m.start < to && m.end > from),
    schedule: all.schedule,
  });
}

/** The open conflicts reaching into [from, to) (their backlog included), as conflictsOpenInRange selects them. */
type OpenOf = (from: number, to: number) => Promise<OpenConflictSpan[]>;

const openRead =
  (tx: Tx): OpenOf =>
  (from, to) =>
    conflictsOpenInRange(tx, from, to);

/** The open conflicts of a recompute of everything read once, each range's cut from them. */
const openCut =
  (all: readonly OpenConflictSpan[]): OpenOf =>
  async (from, to) =>
    all.filter((c) => c.start < to && c.until > from);

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
async function rangeSettle(openOf: OpenOf, inputsOf: InputsOf, from: number, to: number, work: { buckets: number; phases: RecomputePhases }): Promise<Settled> {
  for (let attempt = 0; ; attempt++) {
    const open = await timed(work.phases, 'open', () => openOf(from, to));
    const wantFrom = Math.min(from, ...open.map((c) => Math.floor(c.start / BUCKET_MS) * BUCKET_MS - MARGIN_MS));
    const wantTo = Math.max(to, ...open.map((c) => Math.ceil(c.until / BUCKET_MS) * BUCKET_MS + MARGIN_MS));
    const { windows, columns, maintenance, schedule } = await timed(work.phases, 'inputs', () => inputsOf(wantFrom, wantTo));
    const result = await timed(work.phases, 'detect', () =>
      conflictsDetectOffThread(
        {
          windows,
          maintenance,
          profile: schedule,
          fromBucket: wantFrom / BUCKET_MS,
          toBucket: wantTo / BUCKET_MS,
        },
        columns,
      ),
    );
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
  planning?: PlanningCache,
): Promise<RecomputeResult> {
  return recomputeTimed(() => recomputeRun(tx, changed, now, reason, settings, planning));
}

async function recomputeRun(
  tx: Tx,
  changed: ChangedSpan,
  now: Date,
  reason: string,
  settings: ProcedureSettings,
  planning?: PlanningCache,
): Promise<RecomputeResult> {
  // One recompute at a time, across server instances: two would otherwise both insert the same new conflict.
  const phases = phasesNew();
  await timed(phases, 'lock', () => tx`select pg_advisory_xact_lock(hashtext('conflicts-recompute'))`);
  let spans: readonly ChangedInterval[];
  let inputsOf = inputsRead(tx);
  let openOf = openRead(tx);
  // With the server's planning cache every recompute cuts its ranges from all windows in memory (one delta read);
  // without it, only a recompute of everything reads all windows (in the transaction).
  const cached = await timed(phases, 'inputs', () => inputsCached(tx, planning));
  if (cached) inputsOf = inputsCut(cached);
  if (changed === 'all') {
    // Every stretch with counting windows or open conflicts (their backlog included); the padding below joins
    // what lies less than MARGIN_MS + DRAIN_SLACK_MS apart.
    const all = cached ?? (await timed(phases, 'inputs', () => planningInputsInRange(tx, EVER.from, EVER.to)));
    const open = await timed(phases, 'open', () => conflictsOpenInRange(tx, EVER.from, EVER.to));
    const t = performance.now();
    spans = [...windowSpansGrouped(all.windows, MARGIN_MS), ...open.map((c) => ({ from: c.start, to: c.until }))];
    phases.ranges += performance.now() - t;
    inputsOf = inputsCut(all);
    openOf = openCut(open);
  } else spans = 'from' in changed ? [changed] : changed;
  let pending = await timed(phases, 'ranges', () =>
    changedBucketRanges(spans, { beforeMs: MARGIN_MS, afterMs: DRAIN_SLACK_MS }).map((r) => ({
      from: r.fromBucket * BUCKET_MS,
      to: r.toBucket * BUCKET_MS,
    })),
  );
  if (pending.length === 0) return { created: [], kept: [], resolved: [], range: null, ranges: [], buckets: 0, phases };

  const work = { buckets: 0, phases };
  let settled: Settled[] = [];
  while (pending.length > 0) {
    for (const r of pending) settled.push(await rangeSettle(openOf, inputsOf, r.from, r.to, work));
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
  const { kept, created, resolved } = await timed(phases, 'reconcile', () =>
    conflictsReconcile(
      [...openById.values()],
      settled.flatMap((s) => s.conflicts),
    ),
  );
  // A conflict found again exactly as stored is not written: no new row version, no change event, and the conflict
  // list's cached pages stay valid (issue 16: 57 unchanged updates took 190-400 ms of a recompute of everything).
  const unchanged = await timed(phases, 'compare', () => conflictsUnchanged(tx, kept));
  const writeStart = performance.now();
  const changedKept = kept.filter((k) => !unchanged.has(k.id));
  await conflictsUpdateMany(tx, changedKept, now);
  await casesInvolvedUpdate(
    tx,
    changedKept.map((k) => ({ id: k.id, afnemers: k.conflict.afnemers, windowIds: k.conflict.windows.ids() })),
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
  phases.write += performance.now() - writeStart;
  const ranges = settled.map((s) => ({ from: s.from, to: s.to }));
  return {
    created: createdIds,
    kept: kept.map((k) => k.id),
    resolved,
    range: { from: ranges[0]!.from, to: ranges[ranges.length - 1]!.to },
    ranges,
    buckets: work.buckets,
    phases,
  };
}
