import { BUCKET_MS } from './bucket.js';
import { capacityByBucket } from './capacity.js';
import { capacityScheduleOf, capacitySchedulePieces } from './capacity-schedule.js';
import { DEFAULT_THRESHOLD } from './levels.js';
import { DAY_MS, HOUR_MS } from '../time/units.js';
import { loadByBucket, windowCounts } from './load.js';
import { DEFAULT_SEND_HOURS, sendHoursByBucket, sendHoursRunEnd, type SendHours } from './send-hours.js';
import { loadExceeds } from './tolerance.js';
import type { CapacityInForce, MaintenanceWindow, PlanWindow } from './types.js';

export const DEFAULT_HORIZON_MS = 14 * DAY_MS;

export interface SuggestionOptions {
  /** Overload threshold as a fraction of capacity (default 1). */
  threshold?: number;
  /** How far a window may move from its current start, either way (default 14 days). */
  horizonMs?: number;
  /** Allowed local send hours (default 07:00-22:00); null allows any time. */
  sendHours?: SendHours | null;
}

export interface SuggestionsContext extends SuggestionOptions {
  windows: readonly PlanWindow[];
  /** One profile (with `threshold`), or a schedule whose periods carry their own threshold. */
  profile: CapacityInForce;
  maintenance: readonly MaintenanceWindow[];
  /** The current time: no suggestion starts before it. */
  now: number;
}

export interface SuggestionsInput extends SuggestionsContext {
  conflict: { windows: readonly { id: number }[] };
}

/** The window moved as a whole: same duration and volume, new [start, end). */
export interface MoveSuggestion {
  start: number;
  end: number;
  shiftMs: number;
}

/** One half of a split window: half the volume over the original duration. */
export interface SplitPart {
  start: number;
  end: number;
  volume: number;
  shiftMs: number;
}

export interface SplitSuggestion {
  /** Ordered by start; the parts do not overlap. */
  parts: [SplitPart, SplitPart];
}

export interface RankedSuggestion {
  kind: 'earlier' | 'later' | 'split';
  /** |shiftMs|; for a split the larger shift of its two parts. */
  distanceMs: number;
  /** What the move costs: messages × hours moved (for a split the sum over its parts). */
  cost: number;
}

export interface WindowSuggestions {
  windowId: number;
  /** Nearest valid start before the current one, or null. */
  earlier: MoveSuggestion | null;
  /** Nearest valid start after the current one, or null. */
  later: MoveSuggestion | null;
  split: SplitSuggestion | null;
  /** The suggestions present (at most three), cheapest first by messages × hours moved (ties: nearest, then earlier, later, split). */
  ranked: RankedSuggestion[];
}

interface Context {
  fromBucket: number;
  /** Total load of all counting windows; a window's own load is taken out while it is examined. */
  base: Float64Array;
  /** capacity * threshold. */
  limit: Float64Array;
  runEnd: Int32Array | null;
  now: number;
  horizonMs: number;
}

/** Per aligned candidate start: can a copy of the window scaled by `scale` go there? O(1) after an O(range) scan. */
function placementChecker(
  ctx: Context,
  shape: { full: number; fullBuckets: number; partial: number; buckets: number },
  scale: number,
  cMin: number,
  cMax: number,
): (c: number) => boolean {
  const { base, limit, fromBucket, runEnd } = ctx;
  const full = shape.full * scale;
  const partial = shape.partial * scale;
  const k = shape.fullBuckets;
  // badPrefix[j] = overloaded full buckets among [cMin, cMin + j) when the window's full-bucket load is added.
  const span = cMax - cMin + k;
  const badPrefix = new Int32Array(span + 1);
  for (let j = 0; j < span; j++) {
    const i = cMin + j - fromBucket;
    badPrefix[j + 1] = badPrefix[j]! + (loadExceeds(base[i]! + full, limit[i]!) ? 1 : 0);
  }
  return (c: number): boolean => {
    const rel = c - fromBucket;
    if (runEnd !== null && runEnd[rel]! < rel + shape.buckets) return false;
    if (badPrefix[c - cMin + k]! - badPrefix[c - cMin]! !== 0) return false;
    return partial === 0 || !loadExceeds(base[rel + k]! + partial, limit[rel + k]!);
  };
}

function suggestionsForOne(w: PlanWindow, ctx: Context): WindowSuggestions {
  const duration = w.end - w.start;
  const fullBuckets = Math.floor(duration / BUCKET_MS);
  const partialMs = duration - fullBuckets * BUCKET_MS;
  const shape = {
    full: (w.volume * BUCKET_MS) / duration,
    fullBuckets,
    partial: partialMs === 0 ? 0 : (w.volume * partialMs) / duration,
    buckets: fullBuckets + (partialMs === 0 ? 0 : 1),
  };
  const none: WindowSuggestions = { windowId: w.id, earlier: null, later: null, split: null, ranked: [] };

  let cMin = Math.max(Math.ceil((w.start - ctx.horizonMs) / BUCKET_MS), Math.ceil(ctx.now / BUCKET_MS));
  let cMax = Math.floor((w.start + ctx.horizonMs) / BUCKET_MS);
  if (w.earliestStart != null) cMin = Math.max(cMin, Math.ceil(w.earliestStart / BUCKET_MS));
  if (w.latestEnd != null) cMax = Math.min(cMax, Math.floor((w.latestEnd - duration) / BUCKET_MS));
  if (cMax < cMin) return none;

  // Take the window's own load out of the total while examining it; restore the saved values afterwards.
  const { base, fromBucket } = ctx;
  const ownFrom = Math.floor(w.start / BUCKET_MS);
  const own = loadByBucket([w], ownFrom, Math.ceil(w.end / BUCKET_MS));
  const saved = base.slice(ownFrom - fromBucket, ownFrom - fromBucket + own.length);
  for (let j = 0; j < own.length; j++) base[ownFrom - fromBucket + j]! -= own[j]!;
  try {
    const wholeFits = placementChecker(ctx, shape, 1, cMin, cMax);
    const move = (c: number): MoveSuggestion => ({
      start: c * BUCKET_MS,
      end: c * BUCKET_MS + duration,
      shiftMs: c * BUCKET_MS - w.start,
    });
    let earlier: MoveSuggestion | null = null;
    for (let c = Math.min(cMax, Math.ceil(w.start / BUCKET_MS) - 1); c >= cMin; c--) {
      if (wholeFits(c)) {
        earlier = move(c);
        break;
      }
    }
    let later: MoveSuggestion | null = null;
    for (let c = Math.max(cMin, Math.floor(w.start / BUCKET_MS) + 1); c <= cMax; c++) {
      if (wholeFits(c)) {
        later = move(c);
        break;
      }
    }
    const split = splitFind(w, ctx, shape, cMin, cMax);

    const ranked: RankedSuggestion[] = [];
    const cost = (shiftMs: number, volume: number) => (Math.abs(shiftMs) / HOUR_MS) * volume;
    if (earlier) ranked.push({ kind: 'earlier', distanceMs: Math.abs(earlier.shiftMs), cost: cost(earlier.shiftMs, w.volume) });
    if (later) ranked.push({ kind: 'later', distanceMs: Math.abs(later.shiftMs), cost: cost(later.shiftMs, w.volume) });
    if (split) {
      const distanceMs = Math.max(Math.abs(split.parts[0].shiftMs), Math.abs(split.parts[1].shiftMs));
      ranked.push({ kind: 'split', distanceMs, cost: split.parts.reduce((sum, p) => sum + cost(p.shiftMs, p.volume), 0) });
    }
    ranked.sort((a, b) => a.cost - b.cost || a.distanceMs - b.distanceMs);
    return { windowId: w.id, earlier, later, split, ranked };
  } finally {
    base.set(saved, ownFrom - fromBucket);
  }
}

/**
 * The two halves: of all pairs of valid half-volume starts that do not overlap in time, the pair whose farther
 * part moves least, ties broken by the nearer part (in candidate order: by distance, then the earlier start).
 * Aligned starts at least the duration apart never share a bucket, so each half can be checked on its own.
 */
function splitFind(
  w: PlanWindow,
  ctx: Context,
  shape: { full: number; fullBuckets: number; partial: number; buckets: number },
  cMin: number,
  cMax: number,
): SplitSuggestion | null {
  const duration = w.end - w.start;
  const halfFits = placementChecker(ctx, shape, 0.5, cMin, cMax);
  let down = Math.min(cMax, Math.floor(w.start / BUCKET_MS));
  let up = Math.max(cMin, down + 1);
  const nextCandidate = (): number | null => {
    const hasDown = down >= cMin;
    const hasUp = up <= cMax;
    if (!hasDown && !hasUp) return null;
    if (hasDown && (!hasUp || w.start - down * BUCKET_MS <= up * BUCKET_MS - w.start)) return down--;
    return up++;
  };
  // Valid starts seen so far, nearest first; all lie in a band around the current start and the new candidate is
  // at its edge, so the scan for a partner passes at most `shape.buckets` too-close ones before it succeeds.
  const seen: number[] = [];
  for (let c = nextCandidate(); c !== null; c = nextCandidate()) {
    if (!halfFits(c)) continue;
    const partner = seen.find((p) => Math.abs(p - c) * BUCKET_MS >= duration);
    if (partner === undefined) {
      seen.push(c);
      continue;
    }
    const [a, b] = partner < c ? [partner, c] : [c, partner];
    const part = (start: number): SplitPart => ({
      start: start * BUCKET_MS,
      end: start * BUCKET_MS + duration,
      volume: w.volume / 2,
      shiftMs: start * BUCKET_MS - w.start,
    });
    return { parts: [part(a), part(b)] };
  }
  return null;
}

/**
 * Returns per bucket the most load that is not overload: capacity × the threshold of the profile in force there
 * (a plain profile takes `threshold`). Edge: a schedule period without a threshold uses `threshold`.
 */
export function capacityLimitByBucket(
  profile: CapacityInForce,
  maintenance: readonly MaintenanceWindow[],
  fromBucket: number,
  toBucket: number,
  threshold: number = DEFAULT_THRESHOLD,
): Float64Array {
  const schedule = capacityScheduleOf(profile, { threshold });
  const capacity = capacityByBucket(schedule, maintenance, fromBucket, toBucket);
  const limit = new Float64Array(capacity.length);
  for (const piece of capacitySchedulePieces(schedule, fromBucket, toBucket)) {
    const t = piece.period.threshold ?? threshold;
    for (let i = piece.from; i < piece.to; i++) limit[i] = capacity[i]! * t;
  }
  return limit;
}

function suggestionsForWindows(windowIds: readonly number[], input: SuggestionsContext): WindowSuggestions[] {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const horizonMs = input.horizonMs ?? DEFAULT_HORIZON_MS;
  if (!Number.isFinite(threshold) || threshold < 0) throw new RangeError(`threshold must be >= 0, got ${threshold}`);
  if (!Number.isFinite(horizonMs) || horizonMs < 0) throw new RangeError(`horizonMs must be >= 0, got ${horizonMs}`);
  const sendHours = input.sendHours === undefined ? DEFAULT_SEND_HOURS : input.sendHours;

  const byId = new Map<number, PlanWindow>();
  for (const w of input.windows) if (windowCounts(w)) byId.set(w.id, w);
  const targets: PlanWindow[] = [];
  for (const id of windowIds) {
    const w = byId.get(id);
    if (w) targets.push(w);
  }
  if (targets.length === 0) return [];

  let first = Infinity;
  let last = -Infinity;
  for (const w of targets) {
    first = Math.min(first, w.start);
    last = Math.max(last, w.end);
  }
  const fromBucket = Math.floor((first - horizonMs) / BUCKET_MS) - 1;
  const toBucket = Math.ceil((last + horizonMs) / BUCKET_MS) + 1;
  const limit = capacityLimitByBucket(input.profile, input.maintenance, fromBucket, toBucket, threshold);
  const ctx: Context = {
    fromBucket,
    base: loadByBucket(input.windows, fromBucket, toBucket),
    limit,
    runEnd: sendHours === null ? null : sendHoursRunEnd(sendHoursByBucket(sendHours, fromBucket, toBucket)),
    now: input.now,
    horizonMs,
  };
  return targets.map((w) => suggestionsForOne(w, ctx));
}

/**
 * Returns, for each window of the conflict (in the conflict's order), the nearest 15-minute-aligned start
 * before and after the current one where moving only that window leaves every bucket it then touches within
 * capacity * threshold, plus a split into two half-volume parts; constrained by the horizon, `now`, the send
 * hours and the window's earliestStart/latestEnd.
 * Edge: a window longer than the daily send hours (over 15 h with the default) gets all nulls; ids that are
 * unknown or cancelled are left out; a start at exactly earliestStart or an end at exactly latestEnd is allowed.
 */
export function suggestionsForConflict(input: SuggestionsInput): WindowSuggestions[] {
  return suggestionsForWindows(
    input.conflict.windows.map((w) => w.id),
    input,
  );
}

/**
 * Returns the suggestions (as suggestionsForConflict) for one window, or null when no counting window has that id.
 * Edge: a window that fits nowhere within the constraints gives an object with earlier, later and split null.
 */
export function suggestionsForWindow(windowId: number, input: SuggestionsContext): WindowSuggestions | null {
  return suggestionsForWindows([windowId], input)[0] ?? null;
}

/**
 * Returns the one suggestion to offer first across all windows of a conflict: the least messages × hours moved
 * (`cost`), or null when no window has a suggestion.
 * Edge: on equal cost the nearer move wins, then the window that comes first, then earlier, later, split.
 */
export function suggestionsBest(windows: readonly WindowSuggestions[]): { windowId: number; kind: RankedSuggestion['kind'] } | null {
  let best: { windowId: number; ranked: RankedSuggestion } | null = null;
  for (const w of windows) {
    // Each window's list is sorted with the same order, so its head is its best.
    const head = w.ranked[0];
    if (head && (!best || head.cost < best.ranked.cost || (head.cost === best.ranked.cost && head.distanceMs < best.ranked.distanceMs))) {
      best = { windowId: w.windowId, ranked: head };
    }
  }
  return best && { windowId: best.windowId, kind: best.ranked.kind };
}

/**
 * Returns the windows ordered by what their best suggestion costs (messages × hours moved), cheapest first; windows
 * without a suggestion last. Edge: equal costs keep the given (conflict) order.
 */
export function suggestionsOrder(windows: readonly WindowSuggestions[]): WindowSuggestions[] {
  const costOf = (w: WindowSuggestions) => w.ranked[0]?.cost ?? Infinity;
  return windows
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (costOf(a.w) === costOf(b.w) ? a.i - b.i : costOf(a.w) - costOf(b.w)))
    .map((x) => x.w);
}
