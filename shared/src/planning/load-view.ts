import type { LoadBucketSize, LoadResponse } from '../planning-api.js';
import { backlogByBucket } from './backlog.js';
import { BUCKET_MS, bucketsAggregate, bucketsAggregateByAmsterdamDay } from './bucket.js';
import { capacityByBucket } from './capacity.js';
import { capacityScheduleOf } from './capacity-schedule.js';
import { BUCKET_OVERLOADED, BUCKET_WARNING, bucketStatesBySchedule } from './conflicts.js';
import { loadByAfnemer, loadByBucket } from './load.js';
import { DAY_MS } from '../time/units.js';
import { LOAD_STATES } from './levels.js';
import type { CapacitySchedule, MaintenanceWindow, PlanWindow } from './types.js';

const TOP_AFNEMERS = 10;
/** Backlog is carried in from before `from`: this much history is computed and then cut off. */
export const LOAD_WARMUP_MS = 7 * DAY_MS;

export interface LoadBaseInput {
  from: number;
  to: number;
  windows: readonly PlanWindow[];
  maintenance: readonly MaintenanceWindow[];
  profile: { ratesPerHour: readonly number[]; threshold: number; warningLevel: number };
  /** Which profile is in force when; without it `profile` holds always. */
  schedule?: CapacitySchedule;
}

export interface LoadViewInput extends LoadBaseInput {
  bucket: LoadBucketSize;
  names: Map<string, string>;
  /** Show this Afnemer against "the rest" (planners); null shows the largest Afnemers (Logius). */
  ownAfnemer: string | null;
}

/** Combines 15-minute values into the requested bucket size: sums, or maxima with `mode` 'max'. */
function combine(values: ArrayLike<number>, fromBucket: number, bucket: LoadBucketSize, mode: 'sum' | 'max' = 'sum') {
  if (bucket === '15m') return { starts: null, values: Array.from(values) };
  if (bucket === '1h') {
    const agg = bucketsAggregate(values, fromBucket, 4, mode);
    return { starts: Array.from(agg.values, (_, i) => agg.start + i * agg.stepMs), values: Array.from(agg.values) };
  }
  const days = bucketsAggregateByAmsterdamDay(values, fromBucket, mode);
  return { starts: days.map((d) => d.start), values: days.map((d) => d.value) };
}

const round2 = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100);

/** What every view of [from, to) shares, per 15 minutes: the same for all roles and bucket sizes. */
export interface LoadBase {
  fromBucket: number;
  toBucket: number;
  /** The windows overlapping the range (with the warm-up before it). */
  windows: readonly PlanWindow[];
  load: Float64Array;
  capacity: Float64Array;
  backlog: Float64Array;
  states: Uint8Array;
  concept: Float64Array;
  definitief: Float64Array;
}

/**
 * Load against capacity for [from, to) per 15 minutes; views of any role and bucket size are cut from it.
 * The backlog carried in from the week before `from` counts (LOAD_WARMUP_MS); an empty range (to <= from) gives empty series.
 */
export function loadBase(input: LoadBaseInput): LoadBase {
  const fromBucket = Math.floor(input.from / BUCKET_MS);
  const toBucket = Math.max(fromBucket, Math.ceil(input.to / BUCKET_MS));
  const warmFrom = fromBucket - LOAD_WARMUP_MS / BUCKET_MS;
  const rangeStart = warmFrom * BUCKET_MS;
  const rangeEnd = toBucket * BUCKET_MS;
  const windows = input.windows.filter((w) => w.start < rangeEnd && w.end > rangeStart);

  const skip = fromBucket - warmFrom;
  const warmLoad = loadByBucket(windows, warmFrom, toBucket);
  const { profile } = input;
  const schedule = input.schedule ?? capacityScheduleOf(profile.ratesPerHour, { threshold: profile.threshold, warningLevel: profile.warningLevel });
  const warmCapacity = capacityByBucket(schedule, input.maintenance, warmFrom, toBucket);
  const backlog = backlogByBucket(warmLoad, warmCapacity).subarray(skip);
  const load = warmLoad.subarray(skip);
  const capacity = warmCapacity.subarray(skip);
  const states = bucketStatesBySchedule(load, capacity, fromBucket, schedule);
  const concept = loadByBucket(windows, fromBucket, toBucket, (w) => w.status === 'concept');
  const definitief = load.map((l, i) => Math.max(0, l - concept[i]!));
  return { fromBucket, toBucket, windows, load, capacity, backlog, states, concept, definitief };
}

/**
 * Load against capacity for [from, to) in columns, per the requested bucket size. `base` (from loadBase on the
 * same inputs) may be shared by many views: a planner's own-against-the-rest view then costs only its own windows.
 */
export function loadView(input: LoadViewInput, base: LoadBase = loadBase(input)): LoadResponse {
  const { fromBucket, toBucket, windows, load, capacity, backlog, states, concept, definitief } = base;
  const rangeEnd = toBucket * BUCKET_MS;

  const series: { key: string; name: string; values: ArrayLike<number> }[] = [];
  if (input.ownAfnemer) {
    const own = loadByBucket(windows, fromBucket, toBucket, (w) => w.afnemer === input.ownAfnemer);
    // The rest is the total less one's own (equal to summing the others, up to rounding).
    const rest = load.map((l, i) => Math.max(0, l - own[i]!));
    series.push({ key: input.ownAfnemer, name: input.names.get(input.ownAfnemer) ?? input.ownAfnemer, values: own });
    series.push({ key: 'rest', name: 'Overige Afnemers', values: rest });
  } else {
    const totals = new Map<string, number>();
    const [a, b] = [fromBucket * BUCKET_MS, rangeEnd];
    for (const w of windows) {
      const overlap = Math.min(w.end, b) - Math.max(w.start, a);
      if (overlap > 0) totals.set(w.afnemer, (totals.get(w.afnemer) ?? 0) + (w.volume * overlap) / (w.end - w.start));
    }
    const top = [...totals.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, TOP_AFNEMERS)
      .map(([oin]) => oin);
    const perAfnemer = loadByAfnemer(windows, fromBucket, toBucket, top);
    const others = Float64Array.from(load);
    for (const oin of top) {
      const values = perAfnemer.get(oin)!;
      for (let i = 0; i < others.length; i++) others[i]! -= values[i]!;
      series.push({ key: oin, name: input.names.get(oin) ?? oin, values });
    }
    if (totals.size > top.length) {
      for (let i = 0; i < others.length; i++) others[i] = Math.max(0, others[i]!);
      series.push({ key: 'overig', name: 'Overige Afnemers', values: others });
    }
  }

  const cap = combine(capacity, fromBucket, input.bucket);
  const total = combine(load, fromBucket, input.bucket);
  const starts = cap.starts ?? Array.from({ length: toBucket - fromBucket }, (_, i) => (fromBucket + i) * BUCKET_MS);
  const worst = combine(states, fromBucket, input.bucket, 'max').values;
  return {
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    bucket: input.bucket,
    starts: starts.map((ms) => new Date(ms).toISOString()),
    capacity: round2(cap.values),
    load: round2(total.values),
    loadConcept: round2(combine(concept, fromBucket, input.bucket).values),
    loadDefinitief: round2(combine(definitief, fromBucket, input.bucket).values),
    utilization: total.values.map((l, i) => {
      const c = cap.values[i]!;
      return c > 0 ? Math.round((l / c) * 10_000) / 10_000 : null;
    }),
    backlog: round2(combine(backlog, fromBucket, input.bucket, 'max').values),
    state: worst.map((s) => LOAD_STATES[s === BUCKET_OVERLOADED ? 2 : s === BUCKET_WARNING ? 1 : 0]),
    afnemers: series.map((s) => ({ key: s.key, name: s.name, load: round2(combine(s.values, fromBucket, input.bucket).values) })),
  };
}

/** The bucket combination of the view, for series computed beside it (actual messages, shared/accuracy/load-actuals). */
export { combine as loadCombine };
