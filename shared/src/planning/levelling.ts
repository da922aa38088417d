import * as bucket from './bucket.js';
import { loadByBucket, windowCounts } from './load.js';
import { DEFAULT_THRESHOLD } from './levels.js';
import { DEFAULT_SEND_HOURS, sendHoursByBucket, sendHoursRunEnd, type SendHours } from './send-hours.js';
import { capacityLimitByBucket, DEFAULT_HORIZON_MS } from './suggestions.js';
import { coverLowerBound, type CoverItem } from './levelling-bound.js';
import * as tolerance from './tolerance.js';
import * as units from '../time/units.js';
import type { CapacityInForce, MaintenanceWindow, PlanWindow } from './types.js';

// Local copies of the imported constants and functions used in the inner loops: under a loader that compiles the
// modules (tsx, as the server and the bench run) every use of an imported binding is a getter call, which cost the
// solver more than half its time. The values are the imported ones (one place for each rule).
const BUCKET_MS: number = bucket.BUCKET_MS;
const bucketAt = bucket.bucketAt;
const bucketCeil = bucket.bucketCeil;
const loadExceeds = tolerance.loadExceeds;
const LOAD_TOLERANCE: number = tolerance.LOAD_TOLERANCE;
const HOUR_MS: number = units.HOUR_MS;

/**
 * Hours of shift that moving a window at all counts as in the objective of the first run (λ = 0: the objective is
 * issue 18's, Σ volume × |shift|). A positive value (e.g. 24: a message moved weighs as much as one shifted a day)
 * makes the solver move fewer messages, further.
 */
export const DEFAULT_MOVE_COST_HOURS = 0;

/**
 * Issue 18's goal for the messages moved: at most this many times the lower bound. The solver minimises Σ volume ×
 * |shift| subject to it (see `levellingPropose`); the bench holds its result against the same figure.
 */
export const LEVELLING_MAX_MOVED_OVER_BOUND = 1.5;

/**
 * The move costs λ (hours per message moved) the constrained search tries: λ = 0 first, then bisection over
 * [0, LEVELLING_LAMBDA_MAX_HOURS] with LEVELLING_LAMBDA_STEPS runs (a resolution of 48 / 2^4 = 3 hours).
 */
export const LEVELLING_LAMBDA_MAX_HOURS = 48;
export const LEVELLING_LAMBDA_STEPS = 4;

/** Which statuses a greedy may move, in the order it tries them (constant arrays: the loops run per move). */
const CONCEPT_ONLY: readonly boolean[] = [false];
const CONCEPT_THEN_DEFINITIEF: readonly boolean[] = [false, true];

/** The longest run of overloaded buckets levelled as one covering problem (a day); longer ones go a day at a time. */
const MAX_RUN_BUCKETS = 96;

/** What the levelling solver gets: the plan, the capacity, the period to level and the current time. */
export interface LevellingInput {
  windows: readonly PlanWindow[];
  /** One profile (with `threshold`), or a schedule whose periods carry their own threshold. */
  profile: CapacityInForce;
  maintenance: readonly MaintenanceWindow[];
  /** The period to level, [from, to) in ms: overloaded buckets in it are removed where possible. */
  period: { from: number; to: number };
  /** The current time: no window that has started moves, and no window moves to start before it. */
  now: number;
  /** Overload threshold as a fraction of capacity (default 1). */
  threshold?: number;
  /** How far a window may move from its current start, either way (default 14 days, as the suggestions). */
  horizonMs?: number;
  /** Allowed local send hours (default 07:00-22:00); null allows any time. */
  sendHours?: SendHours | null;
  /**
   * A fixed move cost λ: hours of shift that moving a window at all counts as. Given, the solver runs once and
   * minimises Σ volume × (|shift| + moveCostHours) over the moved windows (0: plain volume × |shift|), with no
   * constraint on the messages moved. Left out (the default), the constrained search below picks λ. The reported
   * `cost` is always volume × |shift|.
   */
  moveCostHours?: number;
  /**
   * Used when `moveCostHours` is left out: minimise Σ volume × |shift| subject to messages moved <= this × the lower
   * bound (default LEVELLING_MAX_MOVED_OVER_BOUND = 1.5), by Lagrangian relaxation over λ. null: one run at λ = 0.
   */
  maxMovedOverBound?: number | null;
  /**
   * The drop search after the greedy (default true): each moved window, largest first, put back where freeing its
   * buckets with other windows lowers the objective. false leaves it out (the quick runs of the λ search, tests).
   */
  dropSearch?: boolean;
}

/** One run of the solver with a fixed move cost λ, as the constrained search saw it. */
export interface LevellingCandidate {
  /** λ: hours per message moved added to the objective of this run. */
  moveCostHours: number;
  messagesMoved: number;
  lowerBound: number;
  /** Σ volume × |shift| in hours. */
  cost: number;
  overloadedAfter: number;
  /** messagesMoved <= maxMovedOverBound × lowerBound (true when there is no constraint). */
  meetsBound: boolean;
  /** Whether the drop search ran on this run's moves (the search runs it on the best runs only). */
  improved: boolean;
}

/** One window moved as a whole: same duration and volume, a new 15-minute-aligned start. */
export interface LevellingMove {
  windowId: number;
  afnemer: string;
  kenmerk: string;
  status: 'concept' | 'definitief';
  volume: number;
  from: { start: number; end: number };
  to: { start: number; end: number };
  shiftMs: number;
  /** volume × |shift| in hours: what the move costs. */
  cost: number;
}

/** Why overload that remains cannot be removed. */
export type LevellingReason = 'begonnen' | 'geen-ruimte';

export const LEVELLING_REASON_TEXT: Record<LevellingReason, string> = {
  begonnen: 'Alle vensters in deze overbelasting zijn al begonnen en kunnen niet meer verschuiven.',
  'geen-ruimte':
    'Geen venster past elders binnen zijn vroegste start en laatste eind, de verzendtijden en de maximale verschuiving zonder een ander kwartier te overbelasten.',
};

/** A run of consecutive buckets still overloaded after the moves. */
export interface LevellingRemaining {
  start: number;
  end: number;
  /** Sum of max(0, load - limit) over the run after the moves. */
  excessMessages: number;
  reason: LevellingReason;
  reasonText: string;
  /** Windows with load in the run (after the moves). */
  windowIds: number[];
}

export interface LevellingResult {
  moves: LevellingMove[];
  remaining: LevellingRemaining[];
  /** Overloaded buckets in the period before and after the moves. */
  overloadedBefore: number;
  overloadedAfter: number;
  /** Sum of max(0, load - limit) over the period's buckets, before and after. */
  excessBefore: number;
  excessAfter: number;
  /** Sum of the volumes of the moved windows. */
  messagesMoved: number;
  /** Sum of volume × |shift| in hours over the moves: what the solver minimises. */
  cost: number;
  /** The excess (before) of every bucket that the moves made free of overload: the messages that must move at least. */
  excessFreed: number;
  /**
   * A lower bound on the messages moved by any set of legal whole-window moves that frees the same buckets: the
   * knapsack-cover LP of levelling-bound.ts (about `excessFreed`, and higher where a bucket's excess needs windows
   * that carry much of their load elsewhere: moving a window moves all of it). `messagesMoved >= lowerBound`.
   */
  lowerBound: number;
  /** The move cost λ (hours per message moved) of the run whose moves these are: 0 is plain Σ volume × |shift|. */
  moveCostHours: number;
  /** Whether the drop search ran on these moves. */
  improved: boolean;
  /** The constraint: messages moved at most this × the lower bound; null when none applied (a fixed λ). */
  maxMovedOverBound: number | null;
  /** Every run of the search, in the order made (one when λ was fixed or λ = 0 met the constraint). */
  candidates: LevellingCandidate[];
}

/** One run of the solver at one λ: a result without the search's figures. */
export type LevellingCandidateResult = Omit<LevellingResult, 'maxMovedOverBound' | 'candidates'>;
/** A run of the solver at one λ, with the drop search still to run on its moves. */
type LevellingRun = LevellingCandidateResult & { improve: () => LevellingCandidateResult };

/** Does a run meet the constraint (messages moved at most maxOverBound × its lower bound; always, with null)? */
export function levellingMeetsBound(r: { messagesMoved: number; lowerBound: number }, maxOverBound: number | null): boolean {
  return maxOverBound === null || r.messagesMoved <= maxOverBound * r.lowerBound * (1 + 1e-9) + 1e-6;
}

/** What the constrained search needs of a run of the solver. */
export interface LevellingRunFigures {
  moveCostHours: number;
  messagesMoved: number;
  lowerBound: number;
  cost: number;
  overloadedAfter: number;
}

/**
 * The constrained search (Lagrangian relaxation of "minimise Σ volume × |shift| subject to messages moved <=
 * maxOverBound × lower bound"), given `solve(λ)`, one quick run of the solver with move cost λ: λ = 0 first; if that
 * run meets the constraint it is the answer. Else bisection of λ over [0, LEVELLING_LAMBDA_MAX_HOURS] for the smallest
 * λ whose run meets it, LEVELLING_LAMBDA_STEPS runs more at most: 24 first; when a λ fails and no larger one has met
 * the constraint yet, the largest (48) is tried, and when that fails too the search stops (a larger move cost moves
 * fewer messages, as a rule). Then the run it would choose and, when that meets the constraint, the failing run of
 * the largest λ below it are improved (`improve`, the drop search), and those results join the runs. Of all runs,
 * those that leave the fewest overloaded buckets are eligible (removing overload comes first); among them the
 * cheapest by Σ volume × |shift| that meets the constraint (ties: smaller λ), or, when none does, the one with the
 * fewest messages moved per bound (ties: cheaper). With `maxOverBound` null: one run at λ = 0 (improved). Returns the
 * chosen run and every run in the order made.
 */
export function levellingLambdaSearch<R extends LevellingRunFigures>(
  solve: (moveCostHours: number) => R & { improve?: () => R },
  maxOverBound: number | null,
): { chosen: R; runs: R[] } {
  const runs: (R & { improve?: () => R })[] = [];
  const meetsAt = (moveCost: number): boolean => {
    const r = solve(moveCost);
    runs.push(r);
    return levellingMeetsBound(r, maxOverBound);
  };
  if (!meetsAt(DEFAULT_MOVE_COST_HOURS) && maxOverBound !== null) {
    let lo = DEFAULT_MOVE_COST_HOURS;
    let hi = LEVELLING_LAMBDA_MAX_HOURS;
    let hiMet = false;
    for (let k = 0; k < LEVELLING_LAMBDA_STEPS; k++) {
      if (!hiMet && lo > DEFAULT_MOVE_COST_HOURS) {
        if (!meetsAt(hi)) break;
        hiMet = true;
        continue;
      }
      const mid = (lo + hi) / 2;
      if (meetsAt(mid)) {
        hi = mid;
        hiMet = true;
      } else lo = mid;
    }
  }
  const pick = (): R => {
    const fewestLeft = Math.min(...runs.map((r) => r.overloadedAfter));
    const eligible = runs.filter((r) => r.overloadedAfter === fewestLeft);
    const meeting = eligible.filter((r) => levellingMeetsBound(r, maxOverBound));
    const ratio = (r: R) => (r.lowerBound > 0 ? r.messagesMoved / r.lowerBound : r.messagesMoved > 0 ? Infinity : 1);
    return meeting.length > 0
      ? meeting.reduce((a, b) => (b.cost < a.cost || (b.cost === a.cost && b.moveCostHours < a.moveCostHours) ? b : a))
      : eligible.reduce((a, b) => (ratio(b) < ratio(a) || (ratio(b) === ratio(a) && b.cost < a.cost) ? b : a));
  };
  const first: R & { improve?: () => R } = pick();
  const targets = [first];
  if (levellingMeetsBound(first, maxOverBound)) {
    let below: (R & { improve?: () => R }) | null = null;
    for (const r of runs) {
      if (!levellingMeetsBound(r, maxOverBound) && r.moveCostHours < first.moveCostHours && (below === null || r.moveCostHours > below.moveCostHours))
        below = r;
    }
    if (below !== null) targets.push(below);
  }
  for (const t of targets) if (t.improve) runs.push(t.improve());
  return { chosen: pick(), runs };
}

/**
 * How the search of one input goes: a fixed λ (one run, no constraint) or the constrained search with its constraint
 * (null when there was no overload: one run at λ = 0), and whether the drop search runs.
 */
export interface LevellingSearchPlan {
  fixedMoveCost: number | undefined;
  constraint: number | null;
  drop: boolean;
}

/** The plan of the search for an input whose period has `overloadedBefore` overloaded buckets (input checked before). */
export function levellingSearchPlan(
  input: Pick<LevellingInput, 'moveCostHours' | 'maxMovedOverBound' | 'dropSearch'>,
  overloadedBefore: number,
): LevellingSearchPlan {
  const maxOverBound = input.maxMovedOverBound === undefined ? LEVELLING_MAX_MOVED_OVER_BOUND : input.maxMovedOverBound;
  const fixedMoveCost = input.moveCostHours;
  return {
    fixedMoveCost,
    constraint: fixedMoveCost === undefined && overloadedBefore > 0 ? maxOverBound : null,
    drop: input.dropSearch ?? true,
  };
}

/** The runs the search makes and the one it chooses, with `solve(λ)` one quick run (its `improve`, the drop search). */
function levellingSearchRun<R extends LevellingRunFigures & { improved: boolean }>(
  solve: (moveCost: number) => R & { improve: () => R },
  plan: LevellingSearchPlan,
): { chosen: R; runs: R[] } {
  const quick = (moveCost: number): R & { improve?: () => R } => {
    const r = solve(moveCost);
    if (plan.drop) return r;
    const { improve: _improve, ...plain } = r;
    return plain as unknown as R;
  };
  if (plan.fixedMoveCost === undefined) return levellingLambdaSearch(quick, plan.constraint);
  const r = quick(plan.fixedMoveCost);
  const chosen = r.improve ? r.improve() : r;
  return { chosen, runs: [chosen] };
}

/** One run the search needs: the quick run at a λ, or that run improved by the drop search. */
export interface LevellingNeed {
  moveCostHours: number;
  improved: boolean;
}

/** Thrown by a `solve` that does not know a run yet: the search stops there and names it. */
class LevellingMissing {
  constructor(readonly need: LevellingNeed) {}
}

/**
 * The search of `levellingPropose` played from the runs known so far, for running them elsewhere (in parallel): the
 * first run it needs that `known` does not give, or, when it has every run it needs, the chosen run and every run in
 * the order the search made them, exactly as `levellingPropose` chooses. `known` may also give assumed figures (to
 * look ahead); the search only reads the figures of `LevellingRunFigures` and `improved` to decide.
 */
export function levellingSearchStep<R extends LevellingRunFigures & { improved: boolean }>(
  plan: LevellingSearchPlan,
  known: (need: LevellingNeed) => R | undefined,
): { need: LevellingNeed } | { chosen: R; runs: R[] } {
  const get = (need: LevellingNeed): R => {
    const r = known(need);
    if (r === undefined) throw new LevellingMissing(need);
    return r;
  };
  try {
    return levellingSearchRun((moveCostHours) => ({ ...get({ moveCostHours, improved: false }), improve: () => get({ moveCostHours, improved: true }) }), plan);
  } catch (err) {
    if (err instanceof LevellingMissing) return { need: err.need };
    throw err;
  }
}

/** The result of the search: the chosen run with the constraint and every run's figures. */
export function levellingResultOf(chosen: LevellingCandidateResult, runs: readonly LevellingCandidateResult[], constraint: number | null): LevellingResult {
  // A run made here may carry its drop search and its state as functions: they are no part of the result.
  const { improve: _improve, stateOf: _stateOf, ...result } = chosen as LevellingRun & { stateOf?: unknown };
  return {
    ...result,
    maxMovedOverBound: constraint,
    candidates: runs.map((r) => ({
      moveCostHours: r.moveCostHours,
      messagesMoved: r.messagesMoved,
      lowerBound: r.lowerBound,
      cost: r.cost,
      overloadedAfter: r.overloadedAfter,
      meetsBound: levellingMeetsBound(r, constraint),
      improved: r.improved,
    })),
  };
}

/** The solver's view of the range: loads and limits per bucket from `fromBucket`, send-hour runs, now and horizon. */
export interface LevellingFitState {
  fromBucket: number;
  load: Float64Array;
  limit: Float64Array;
  runEnd: Int32Array | null;
  now: number;
  horizonMs: number;
}
type State = LevellingFitState;

interface Shape {
  full: number;
  fullBuckets: number;
  partial: number;
  buckets: number;
}

function shapeOf(w: PlanWindow): Shape {
  const duration = w.end - w.start;
  const fullBuckets = Math.floor(duration / BUCKET_MS);
  const partialMs = duration - fullBuckets * BUCKET_MS;
  return {
    full: (w.volume * BUCKET_MS) / duration,
    fullBuckets,
    partial: partialMs === 0 ? 0 : (w.volume * partialMs) / duration,
    buckets: fullBuckets + (partialMs === 0 ? 0 : 1),
  };
}

/** Adds `sign` × the window's load at its current [start, end) to the load series, bucket by bucket in place. */
function addLoad(state: State, w: { start: number; end: number; volume: number }, sign: 1 | -1): void {
  const duration = w.end - w.start;
  const first = bucketAt(w.start);
  const last = bucketCeil(w.end);
  const { load } = state;
  for (let b = first; b < last; b++) {
    const s = Math.max(w.start, b * BUCKET_MS);
    const e = Math.min(w.end, (b + 1) * BUCKET_MS);
    load[b - state.fromBucket]! += (sign * (w.volume * (e - s))) / duration;
  }
}

/** The candidate start buckets of a window: aligned, within the shift, after now and within its own bounds. */
function candidateRange(w: PlanWindow, original: PlanWindow, state: State): [number, number] {
  const duration = w.end - w.start;
  let cMin = Math.max(Math.ceil((original.start - state.horizonMs) / BUCKET_MS), Math.ceil(state.now / BUCKET_MS));
  let cMax = Math.floor((original.start + state.horizonMs) / BUCKET_MS);
  if (w.earliestStart != null) cMin = Math.max(cMin, Math.ceil(w.earliestStart / BUCKET_MS));
  if (w.latestEnd != null) cMax = Math.min(cMax, Math.floor((w.latestEnd - duration) / BUCKET_MS));
  cMin = Math.max(cMin, state.fromBucket);
  cMax = Math.min(cMax, state.fromBucket + state.load.length - 1 - Math.ceil(duration / BUCKET_MS));
  return [cMin, cMax];
}

/**
 * Can the window (its own load already taken out of `state.load`) start at bucket c? FITS when it can; else the
 * bucket where a whole bucket's share of it does not fit (every start whose whole buckets include that one fails
 * too, as long as the loads stay as they are), or NO_FIT for another reason (send hours, the partial last bucket).
 */
const FITS = -1;
const NO_FIT = -2;
function fitsAt(state: State, shape: Shape, c: number): number {
  const rel = c - state.fromBucket;
  if (state.runEnd !== null && state.runEnd[rel]! < rel + shape.buckets) return NO_FIT;
  const { load, limit } = state;
  for (let j = 0; j < shape.fullBuckets; j++) if (loadExceeds(load[rel + j]! + shape.full, limit[rel + j]!)) return c + j;
  return shape.partial === 0 || !loadExceeds(load[rel + shape.fullBuckets]! + shape.partial, limit[rel + shape.fullBuckets]!) ? FITS : NO_FIT;
}

/** Can the window (not started) go to any legal start other than its own, load aside? */
function canMove(w: PlanWindow, state: State): boolean {
  if (w.start < state.now) return false;
  const [cMin, cMax] = candidateRange(w, w, state);
  const n = Math.ceil((w.end - w.start) / BUCKET_MS);
  for (let c = cMin; c <= cMax; c++) {
    if (c * BUCKET_MS === w.start) continue;
    if (state.runEnd === null || state.runEnd[c - state.fromBucket]! >= c - state.fromBucket + n) return true;
  }
  return false;
}

/** Does the window fit at its own [start, end) (any alignment), its load already taken out of `state.load`? */
function placeFits(state: State, w: PlanWindow): boolean {
  const from = bucketAt(w.start);
  const own = loadByBucket([w], from, bucketCeil(w.end));
  for (let j = 0; j < own.length; j++) {
    const i = from - state.fromBucket + j;
    if (loadExceeds(state.load[i]! + own[j]!, state.limit[i]!)) return false;
  }
  return true;
}

/**
 * The nearest start (by |shift| from the original start, ties earlier) where the window fits, other than the
 * buckets in `avoid` (its current place), no farther than `maxShiftMs`; null when there is none.
 */
function nearestFit(w: PlanWindow, original: PlanWindow, state: State, maxShiftMs: number, avoid: number | null): { start: number; shiftMs: number } | null {
  const [cMin, cMax] = candidateRange(w, original, state);
  if (cMax < cMin) return null;
  const shape = shapeOf(w);
  const centre = original.start / BUCKET_MS;
  let down = Math.min(cMax, Math.floor(centre));
  let up = Math.max(cMin, down + 1);
  for (;;) {
    const hasDown = down >= cMin && (centre - down) * BUCKET_MS <= maxShiftMs;
    const hasUp = up <= cMax && (up - centre) * BUCKET_MS <= maxShiftMs;
    if (!hasDown && !hasUp) return null;
    let c: number;
    if (hasDown && (!hasUp || centre - down <= up - centre)) c = down--;
    else c = up++;
    if (c === avoid) continue;
    const at = fitsAt(state, shape, c);
    if (at === FITS) return { start: c * BUCKET_MS, shiftMs: c * BUCKET_MS - original.start };
    // A whole bucket `at` that cannot take the window's share: no start in [at - fullBuckets + 1, at] fits either
    // (the loads do not change during the search), so those are not tried. Skipping only starts that would fail
    // leaves the first one that fits, in the order of the search, the same.
    if (at >= 0) {
      if (up >= at - shape.fullBuckets + 1 && up <= at) up = at + 1;
      if (down <= at && down >= at - shape.fullBuckets + 1) down = at - shape.fullBuckets;
    }
  }
}

/** nearestFit for its property test (against a brute force over every start). */
export const levellingNearestFit = nearestFit;

function costOf(volume: number, shiftMs: number): number {
  return (volume * Math.abs(shiftMs)) / HOUR_MS;
}

/**
 * Returns a set of moves that removes the overload in `period` where it can, minimising Σ volume × (|shift| +
 * moveCostHours) (hours) greedily: per run of overloaded buckets, in time order, the better of a set-cover greedy over
 * the run and a per-bucket greedy (each moves the window whose nearest fitting start costs least per message of
 * excess removed), first among `concept` windows only and then, for what remains, also `definitief` ones; then a
 * local search pulls every moved window back as near to its old start as now fits (definitief first, which may undo
 * their move). A moved window only goes where every bucket it touches stays within capacity ×
 * threshold, so no bucket becomes overloaded and no overloaded bucket gets more load.
 * Edge: a window that has started (start < now) never moves; nothing moves when the period has no overload.
 */
export function levellingPropose(input: LevellingInput): LevellingResult {
  const { plan, solve } = levellingPrepare(input);
  const { chosen, runs } = levellingSearchRun((moveCost) => solve(moveCost), plan);
  return levellingResultOf(chosen, runs, plan.constraint);
}

/**
 * Where a quick run left the plan, for its drop search elsewhere (another thread): the loads as the run left them
 * (bit for bit: the drop search continues from exactly these numbers) and the moved windows' starts.
 */
export interface LevellingRunState {
  load: Float64Array;
  movedIds: Float64Array;
  movedStarts: Float64Array;
}

/**
 * `levellingPropose` in pieces, for running the runs of the search in parallel (the search itself is
 * `levellingSearchStep`): the plan of the search, one quick run at a λ with where it left the plan, and the drop
 * search on such a state. Every piece gives exactly what the same run inside `levellingPropose` gives.
 */
export interface LevellingSolver {
  plan: LevellingSearchPlan;
  overloadedBefore: number;
  /** With `stop`: asked between steps of the run; when it says true the run ends by throwing LevellingStopped. */
  run(moveCostHours: number, stop?: () => boolean): { result: LevellingCandidateResult; state: LevellingRunState };
  improve(moveCostHours: number, state: LevellingRunState, stop?: () => boolean): LevellingCandidateResult;
}

/**
 * Thrown by a run of a LevellingSolver whose `stop` said true (its caller no longer wants it, e.g. a guess of the
 * parallel search that proved wrong). The solver is as before the run: its later runs give what they would have given.
 */
export class LevellingStopped extends Error {
  constructor() {
    super('nivellering: run gestopt');
    this.name = 'LevellingStopped';
  }
}

export function levellingSolverOf(input: LevellingInput): LevellingSolver {
  const { plan, solve, overloadedBefore } = levellingPrepare(input);
  return {
    plan,
    overloadedBefore,
    run(moveCostHours, stop) {
      const { improve: _improve, stateOf, ...result } = solve(moveCostHours, undefined, stop);
      return { result, state: stateOf() };
    },
    improve(moveCostHours, state, stop) {
      return solve(moveCostHours, state, stop).improve();
    },
  };
}

/** The set-up of an input (checked) and its solver: a quick run at a λ, or a run resumed from a state. */
function levellingPrepare(input: LevellingInput): {
  plan: LevellingSearchPlan;
  overloadedBefore: number;
  solve: (moveCost: number, from?: LevellingRunState, stop?: () => boolean) => LevellingRun & { stateOf: () => LevellingRunState };
} {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const horizonMs = input.horizonMs ?? DEFAULT_HORIZON_MS;
  if (!Number.isFinite(threshold) || threshold < 0) throw new RangeError(`threshold must be >= 0, got ${threshold}`);
  if (!Number.isFinite(horizonMs) || horizonMs < 0) throw new RangeError(`horizonMs must be >= 0, got ${horizonMs}`);
  if (!(input.period.to > input.period.from)) throw new RangeError('period.to must be after period.from');
  const sendHours = input.sendHours === undefined ? DEFAULT_SEND_HOURS : input.sendHours;
  const fixedMoveCost = input.moveCostHours;
  if (fixedMoveCost !== undefined && (!Number.isFinite(fixedMoveCost) || fixedMoveCost < 0)) {
    throw new RangeError(`moveCostHours must be >= 0, got ${fixedMoveCost}`);
  }
  const maxOverBound = input.maxMovedOverBound === undefined ? LEVELLING_MAX_MOVED_OVER_BOUND : input.maxMovedOverBound;
  if (maxOverBound !== null && (!Number.isFinite(maxOverBound) || maxOverBound < 1)) {
    throw new RangeError(`maxMovedOverBound must be >= 1 or null, got ${maxOverBound}`);
  }

  const periodFrom = bucketAt(input.period.from);
  const periodTo = bucketCeil(input.period.to);
  const windows = input.windows.filter(windowCounts);
  // The range holds the period, every window touching it, and room to move them by the horizon either way.
  let first = periodFrom * BUCKET_MS;
  let last = periodTo * BUCKET_MS;
  for (const w of windows) {
    if (w.end > input.period.from && w.start < input.period.to) {
      first = Math.min(first, w.start);
      last = Math.max(last, w.end);
    }
  }
  const fromBucket = Math.floor((first - horizonMs) / BUCKET_MS) - 1;
  const toBucket = Math.ceil((last + horizonMs) / BUCKET_MS) + 1;
  const base: State = {
    fromBucket,
    load: loadByBucket(windows, fromBucket, toBucket),
    limit: capacityLimitByBucket(input.profile, input.maintenance, fromBucket, toBucket, threshold),
    runEnd: sendHours === null ? null : sendHoursRunEnd(sendHoursByBucket(sendHours, fromBucket, toBucket)),
    now: input.now,
    horizonMs,
  };
  const pFrom = periodFrom - fromBucket;
  const pTo = periodTo - fromBucket;
  const excessBeforeByBucket = new Float64Array(pTo - pFrom);
  const tolBeforeByBucket = new Float64Array(pTo - pFrom);
  let overloadedBefore = 0;
  for (let i = pFrom; i < pTo; i++) {
    excessBeforeByBucket[i - pFrom] = loadExceeds(base.load[i]!, base.limit[i]!) ? base.load[i]! - base.limit[i]! : 0;
    tolBeforeByBucket[i - pFrom] = LOAD_TOLERANCE * Math.max(1, Math.abs(base.load[i]!), Math.abs(base.limit[i]!));
    if (excessBeforeByBucket[i - pFrom]! > 0) overloadedBefore++;
  }

  // Windows by overloaded bucket they touch, for the candidates of that bucket (movable ones only: not started,
  // wholly inside the computed range).
  const byBucket = new Map<number, PlanWindow[]>();
  if (overloadedBefore > 0) {
    for (const w of windows) {
      if (w.start < input.now || w.end <= input.period.from || w.start >= input.period.to) continue;
      if (w.status === 'geannuleerd') continue;
      const last = Math.min(bucketCeil(w.end), periodTo);
      for (let b = Math.max(bucketAt(w.start), periodFrom); b < last; b++) {
        // Only buckets overloaded before are ever levelled (a move never overloads another bucket).
        if (excessBeforeByBucket[b - periodFrom] === 0) continue;
        let list = byBucket.get(b);
        if (!list) byBucket.set(b, (list = []));
        list.push(w);
      }
    }
  }
  const originalOf = new Map<number, PlanWindow>();
  for (const w of windows) originalOf.set(w.id, w);
  /** The lower bound depends only on the freed buckets: runs that free the same ones share it. */
  const boundByFreed = new Map<string, number>();

  /**
   * One run of the solver with a fixed move cost (hours per message moved): a plan on a fresh copy of the loads; or,
   * given `from`, the plan a quick run left (its drop search still to run). `stop` is asked between steps (a run of
   * buckets, a window): true ends the run with LevellingStopped (nothing shared with other runs was changed by then).
   */
  const solve = (moveCost: number, from?: LevellingRunState, stop?: () => boolean): LevellingRun & { stateOf: () => LevellingRunState } => {
    const stopCheck = (): void => {
      if (stop?.()) throw new LevellingStopped();
    };
    const state: State = { ...base, load: from ? from.load.slice() : base.load.slice() };
    const excessAt = (i: number) => {
      const e = state.load[i]! - state.limit[i]!;
      return loadExceeds(state.load[i]!, state.limit[i]!) ? e : 0;
    };
    const current = new Map<number, PlanWindow>();
    const placed = (w: PlanWindow) => current.get(w.id) ?? w;

    /** Load of a window (as placed now) in bucket b. */
    const loadIn = (w: PlanWindow, b: number): number => {
      const s = Math.max(w.start, b * BUCKET_MS);
      const e = Math.min(w.end, (b + 1) * BUCKET_MS);
      return e > s ? (w.volume * (e - s)) / (w.end - w.start) : 0;
    };

    /** Every change of place, in order, so that a strategy's moves can be taken back to a mark. */
    const journal: { w: PlanWindow; previous: PlanWindow | undefined }[] = [];
    const rollback = (mark: number): void => {
      while (journal.length > mark) {
        const { w, previous } = journal.pop()!;
        moveBack(w, previous);
      }
    };
    /** What the solver minimises for one window where it is placed: volume × (|shift| in hours + move cost if moved). */
    const objectiveOf = (w0: PlanWindow, w: PlanWindow | undefined): number =>
      w === undefined ? 0 : costOf(w0.volume, w.start - w0.start) + w0.volume * moveCost;
    /** The change in the objective since a journal mark. */
    const objectiveSince = (mark: number): number => {
      const then = new Map<number, { w0: PlanWindow; was: PlanWindow | undefined }>();
      for (let k = mark; k < journal.length; k++) {
        const { w, previous } = journal[k]!;
        if (!then.has(w.id)) then.set(w.id, { w0: w, was: previous });
      }
      let delta = 0;
      for (const { w0, was } of then.values()) delta += objectiveOf(w0, current.get(w0.id)) - objectiveOf(w0, was);
      return delta;
    };

    /** Moves a window (as placed now) to start at `start`, keeping the load series up to date. */
    const moveTo = (w0: PlanWindow, start: number): void => {
      version++;
      const w = placed(w0);
      journal.push({ w: w0, previous: current.get(w0.id) });
      addLoad(state, w, -1);
      const moved = { ...w, start, end: start + (w.end - w.start) };
      addLoad(state, moved, 1);
      current.set(w0.id, moved);
    };
    /** Puts a window at `next` (undefined: its original place), journalled. */
    const setPlace = (w0: PlanWindow, next: PlanWindow | undefined): void => {
      version++;
      journal.push({ w: w0, previous: current.get(w0.id) });
      addLoad(state, placed(w0), -1);
      addLoad(state, next ?? w0, 1);
      if (next === undefined) current.delete(w0.id);
      else current.set(w0.id, next);
    };
    /** Puts a window back where it was before (`previous`, or its original place). */
    const moveBack = (w0: PlanWindow, previous: PlanWindow | undefined): void => {
      version++;
      addLoad(state, placed(w0), -1);
      const back = previous ?? w0;
      addLoad(state, back, 1);
      if (previous === undefined) current.delete(w0.id);
      else current.set(w0.id, previous);
    };

    /**
     * The nearest fitting start of a window other than where it is now, within `maxShiftMs`. A window found to fit
     * nowhere stays so until some window changes place (`version`), so that search is not repeated.
     */
    let version = 0;
    const noFitAt = new Map<number, number>();
    const fitOf = (w0: PlanWindow, maxShiftMs: number): { start: number; shiftMs: number } | null => {
      if (noFitAt.get(w0.id) === version) return null;
      const w = placed(w0);
      addLoad(state, w, -1);
      const fit = nearestFit(w, w0, state, maxShiftMs, bucketAt(w.start));
      addLoad(state, w, 1);
      if (fit === null && maxShiftMs === Infinity) noFitAt.set(w0.id, version);
      return fit;
    };

    /** A window levelBucket leaves where it is (the one the second local search tries to do without). */
    let excludedId = -1;
    /**
     * Moves windows out of bucket b until it is free of overload; when that cannot be done, moves nothing. No single
     * move may add more than `cap` to the objective (the search for a start stops there).
     */
    const levelBucket = (b: number, allowDefinitief: boolean, cap = Infinity): void => {
      const i = b - fromBucket;
      const mark = journal.length;
      for (let guard = 0; guard < 1000 && excessAt(i) > 0; guard++) {
        const excess = excessAt(i);
        let best: { w: PlanWindow; start: number; score: number; definitief: boolean } | null = null;
        // Concept windows first: a definitief one is taken only when no concept window can go anywhere.
        for (const definitief of allowDefinitief ? CONCEPT_THEN_DEFINITIEF : CONCEPT_ONLY) {
          if (best !== null) break;
          for (const w0 of byBucket.get(b) ?? []) {
            if ((w0.status === 'definitief') !== definitief || w0.id === excludedId) continue;
            const w = placed(w0);
            const share = loadIn(w, b);
            if (share <= 0) continue;
            // Excess it takes away: in this bucket and in the other overloaded buckets it leaves.
            let removed = Math.min(share, excess);
            for (let o = bucketAt(w.start), oEnd = bucketCeil(w.end); o < oEnd; o++) {
              if (o === b) continue;
              const e = excessAt(o - fromBucket);
              if (e > 0) removed += Math.min(loadIn(w, o), e);
            }
            // Only starts that cost less than the best so far are worth examining.
            const maxShiftMs = Math.min(
              best === null ? Infinity : ((best.score * removed) / w.volume - moveCost) * HOUR_MS,
              (cap / w.volume - moveCost) * HOUR_MS,
            );
            if (maxShiftMs < 0) continue;
            const fit = fitOf(w0, maxShiftMs);
            if (fit === null) continue;
            const score = (costOf(w.volume, fit.shiftMs) + w.volume * moveCost) / removed;
            if (best === null || score < best.score) best = { w: w0, start: fit.start, score, definitief };
          }
        }
        if (best === null) break;
        moveTo(best.w, best.start);
      }
      // Not solvable this way: take back this bucket's moves, last first.
      if (excessAt(i) > 0) rollback(mark);
    };

    /**
     * Frees a run of consecutive overloaded buckets [b0, b1) as a covering problem: repeatedly moves the window that
     * takes the most excess out of the run per message moved (greedy set cover, the messages-moved objective), each
     * to its nearest fitting start. When the run cannot be freed completely this way, its moves are taken back.
     */
    const runShiftFloorHours = BUCKET_MS / HOUR_MS;
    const levelRun = (b0: number, b1: number, allowDefinitief: boolean): void => {
      const candidates = new Set<PlanWindow>();
      for (let b = b0; b < b1; b++) for (const w of byBucket.get(b) ?? []) candidates.add(w);
      const mark = journal.length;
      const tried = new Set<number>();
      const runExcess = () => {
        let e = 0;
        for (let b = b0; b < b1; b++) e += excessAt(b - fromBucket);
        return e;
      };
      for (let guard = 0; guard < 10_000 && runExcess() > 0; guard++) {
        const ranked: { w0: PlanWindow; removed: number; lower: number }[] = [];
        for (const definitief of allowDefinitief ? CONCEPT_THEN_DEFINITIEF : CONCEPT_ONLY) {
          if (ranked.length > 0) break;
          for (const w0 of candidates) {
            if ((w0.status === 'definitief') !== definitief || tried.has(w0.id)) continue;
            const w = placed(w0);
            let removed = 0;
            for (let o = Math.max(b0, bucketAt(w.start)), oEnd = Math.min(b1, bucketCeil(w.end)); o < oEnd; o++) {
              const e = excessAt(o - fromBucket);
              if (e > 0) removed += Math.min(loadIn(w, o), e);
            }
            if (removed <= 0) continue;
            // The least a move can cost per message of excess removed: the move cost plus one bucket of shift.
            ranked.push({ w0, removed, lower: (w.volume * (moveCost + runShiftFloorHours)) / removed });
          }
        }
        ranked.sort((a, b) => a.lower - b.lower || a.w0.id - b.w0.id);
        // Branch and bound: the score of a candidate is (volume × (|shift| + move cost)) / removed, at its nearest fit.
        let best: { w0: PlanWindow; start: number; score: number } | null = null;
        for (const { w0, removed, lower } of ranked) {
          if (best !== null && lower >= best.score) break;
          const w = placed(w0);
          const maxShiftMs = best === null ? Infinity : ((best.score * removed) / w.volume - moveCost) * HOUR_MS;
          const fit = fitOf(w0, maxShiftMs);
          if (fit === null) {
            if (best === null) tried.add(w0.id);
            continue;
          }
          const score = (costOf(w.volume, fit.shiftMs) + w.volume * moveCost) / removed;
          if (best === null || score < best.score) best = { w0, start: fit.start, score };
        }
        let movedOne = false;
        if (best !== null) {
          moveTo(best.w0, best.start);
          tried.add(best.w0.id);
          movedOne = true;
        }
        if (!movedOne) break;
      }
      if (runExcess() > 0) rollback(mark);
    };

    /**
     * Local search 2 (the drop search): put a moved window back (largest volume first) and free what that overloads
     * again with other windows only (concept ones, also definitief ones when the window is definitief), no move
     * adding more than the objective still to gain; kept when the objective falls and no bucket the window touches
     * is worse off than before the trial, else taken back.
     */
    const dropSearch = (): void => {
      version++;
      const byVolume = [...current.values()].sort((a, b) => b.volume - a.volume || a.id - b.id);
      const excessThen: number[] = [];
      for (const w of byVolume) {
        stopCheck();
        const w0 = originalOf.get(w.id)!;
        const from = bucketAt(w0.start);
        const to = bucketCeil(w0.end);
        excessThen.length = 0;
        for (let o = from; o < to; o++) excessThen.push(excessAt(o - fromBucket));
        const mark = journal.length;
        setPlace(w0, undefined);
        excludedId = w0.id;
        for (let o = Math.max(from, periodFrom); o < Math.min(to, periodTo); o++) {
          // What the moves that free the buckets again may still add to the objective and gain.
          const budget = -objectiveSince(mark);
          if (budget <= 0) break;
          if (excessAt(o - fromBucket) > 0) levelBucket(o, w0.status === 'definitief', budget);
          if (excessAt(o - fromBucket) > excessThen[o - from]!) break;
        }
        excludedId = -1;
        let ok = objectiveSince(mark) < -1e-9;
        for (let o = from; ok && o < to; o++) if (excessAt(o - fromBucket) > excessThen[o - from]!) ok = false;
        if (!ok) rollback(mark);
      }
    };

    if (from) {
      for (let k = 0; k < from.movedIds.length; k++) {
        const w0 = originalOf.get(from.movedIds[k]!)!;
        const start = from.movedStarts[k]!;
        current.set(w0.id, { ...w0, start, end: start + (w0.end - w0.start) });
      }
    } else if (overloadedBefore > 0) {
      for (const allowDefinitief of [false, true]) {
        for (let b = periodFrom; b < periodTo; ) {
          if (excessAt(b - fromBucket) <= 0) {
            b++;
            continue;
          }
          stopCheck();
          // A run longer than a day is taken a day at a time, so the cover's work per move stays bounded.
          let e = b + 1;
          while (e < periodTo && e - b < MAX_RUN_BUCKETS && excessAt(e - fromBucket) > 0) e++;
          // Two strategies for the run, the better kept: fewer overloaded buckets left, then the lower objective.
          const mark = journal.length;
          const overloadedIn = () => {
            let n = 0;
            for (let o = b; o < e; o++) if (excessAt(o - fromBucket) > 0) n++;
            return n;
          };
          levelRun(b, e, allowDefinitief);
          const runLeft = overloadedIn();
          const runObjective = objectiveSince(mark);
          // Where the cover put each window it moved, to put them there again without searching.
          const coverPlaces = new Map<number, { w0: PlanWindow; at: PlanWindow | undefined }>();
          for (let k = mark; k < journal.length; k++) {
            const w0 = journal[k]!.w;
            coverPlaces.set(w0.id, { w0, at: current.get(w0.id) });
          }
          rollback(mark);
          for (let o = b; o < e; o++) if (excessAt(o - fromBucket) > 0) levelBucket(o, allowDefinitief);
          const bucketLeft = overloadedIn();
          if (runLeft < bucketLeft || (runLeft === bucketLeft && runObjective < objectiveSince(mark))) {
            rollback(mark);
            for (const { w0, at } of coverPlaces.values()) setPlace(w0, at);
          }
          b = e;
        }
      }
      for (const allowDefinitief of [false, true]) {
        for (let b = periodFrom; b < periodTo; b++) if (excessAt(b - fromBucket) > 0) levelBucket(b, allowDefinitief);
      }
      // Local search: pull each moved window back towards its old start (definitief first, then the dearest).
      const order = [...current.values()].sort(
        (a, b) =>
          (a.status === 'definitief' ? 0 : 1) - (b.status === 'definitief' ? 0 : 1) ||
          costOf(b.volume, b.start - originalOf.get(b.id)!.start) - costOf(a.volume, a.start - originalOf.get(a.id)!.start),
      );
      for (const w of order) {
        stopCheck();
        const original = originalOf.get(w.id)!;
        const shift = Math.abs(w.start - original.start);
        addLoad(state, w, -1);
        const fit = nearestFit(w, original, state, shift - 1, null);
        // The old place itself (possibly unaligned, possibly outside the send hours: it is where the window was).
        const backFits = placeFits(state, original);
        if (backFits || (fit !== null && fit.shiftMs === 0)) {
          addLoad(state, original, 1);
          current.delete(w.id);
        } else if (fit !== null && Math.abs(fit.shiftMs) < shift) {
          const moved = { ...w, start: fit.start, end: fit.start + (w.end - w.start) };
          addLoad(state, moved, 1);
          current.set(w.id, moved);
        } else addLoad(state, w, 1);
      }
    }

    const build = (): LevellingCandidateResult => {
      stopCheck();
      const moves: LevellingMove[] = [];
      for (const [id, w] of current) {
        const original = originalOf.get(id)!;
        const shiftMs = w.start - original.start;
        moves.push({
          windowId: id,
          afnemer: w.afnemer,
          kenmerk: w.kenmerk,
          status: w.status as 'concept' | 'definitief',
          volume: w.volume,
          from: { start: original.start, end: original.end },
          to: { start: w.start, end: w.end },
          shiftMs,
          cost: costOf(w.volume, shiftMs),
        });
      }
      moves.sort((a, b) => a.from.start - b.from.start || a.windowId - b.windowId);

      let overloadedAfter = 0;
      let excessBefore = 0;
      let excessAfter = 0;
      let excessFreed = 0;
      const freed: number[] = [];
      const remaining: LevellingRemaining[] = [];
      let run: { from: number; to: number; excess: number } | null = null;
      const closeRun = () => {
        if (run === null) return;
        const ids = new Set<number>();
        let anyMovable = false;
        for (const w0 of windows) {
          const w = placed(w0);
          if (w.end > run.from * BUCKET_MS && w.start < run.to * BUCKET_MS) {
            ids.add(w.id);
            if (w0.start >= input.now) anyMovable = true;
          }
        }
        const reason: LevellingReason = anyMovable ? 'geen-ruimte' : 'begonnen';
        remaining.push({
          start: run.from * BUCKET_MS,
          end: run.to * BUCKET_MS,
          excessMessages: run.excess,
          reason,
          reasonText: LEVELLING_REASON_TEXT[reason],
          windowIds: [...ids].sort((a, b) => a - b),
        });
        run = null;
      };
      for (let i = pFrom; i < pTo; i++) {
        const before = excessBeforeByBucket[i - pFrom]!;
        const after = excessAt(i);
        excessBefore += before;
        excessAfter += after;
        if (after > 0) {
          overloadedAfter++;
          const b = i + fromBucket;
          if (run !== null && run.to === b) {
            run.to = b + 1;
            run.excess += after;
          } else {
            closeRun();
            run = { from: b, to: b + 1, excess: after };
          }
        } else if (before > 0) {
          excessFreed += before;
          freed.push(i + fromBucket);
        }
      }
      closeRun();
      // The covering bound over the freed buckets: each must lose its excess (less the tolerance within which it counts
      // as free), and only windows that can legally go somewhere else can take load out of it.
      const freedKey = freed.join(',');
      const boundOf = (): number => {
        const known = boundByFreed.get(freedKey);
        if (known !== undefined) return known;
        const rowOf = new Map<number, number>();
        const rowExcess: number[] = [];
        for (const b of freed) {
          rowOf.set(b, rowExcess.length);
          rowExcess.push(Math.max(0, excessBeforeByBucket[b - periodFrom]! - tolBeforeByBucket[b - periodFrom]!));
        }
        const items: CoverItem[] = [];
        const seen = new Set<number>();
        for (const b of freed) {
          for (const w of byBucket.get(b) ?? []) {
            if (seen.has(w.id)) continue;
            seen.add(w.id);
            if (!canMove(w, state)) continue;
            const rows: number[] = [];
            const loads: number[] = [];
            for (let o = bucketAt(w.start); o < bucketCeil(w.end); o++) {
              const r = rowOf.get(o);
              if (r === undefined) continue;
              rows.push(r);
              loads.push(loadIn(w, o));
            }
            items.push({ volume: w.volume, rows, loads });
          }
        }
        const lowerBound = coverLowerBound(rowExcess, items);
        boundByFreed.set(freedKey, lowerBound);
        return lowerBound;
      };
      return {
        moves,
        remaining,
        overloadedBefore,
        overloadedAfter,
        excessBefore,
        excessAfter,
        messagesMoved: moves.reduce((s, m) => s + m.volume, 0),
        cost: moves.reduce((s, m) => s + m.cost, 0),
        excessFreed,
        lowerBound: boundOf(),
        moveCostHours: moveCost,
        improved,
      };
    };
    let improved = false;
    const plain = build();
    return {
      ...plain,
      stateOf: () => {
        const movedIds = new Float64Array(current.size);
        const movedStarts = new Float64Array(current.size);
        let k = 0;
        for (const [id, w] of current) {
          movedIds[k] = id;
          movedStarts[k++] = w.start;
        }
        return { load: state.load.slice(), movedIds, movedStarts };
      },
      improve: () => {
        if (overloadedBefore > 0) dropSearch();
        improved = true;
        return build();
      },
    };
  };

  return { plan: levellingSearchPlan(input, overloadedBefore), overloadedBefore, solve };
}
