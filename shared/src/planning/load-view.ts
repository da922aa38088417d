import type { LoadBucketSize, LoadResponse } from '../planning-api.js';
import { backlogByBucket } from './backlog.js';
import { BUCKET_MS, bucketsAggregate, bucketsAggregateByAmsterdamDay } from './bucket.js';
import { capacityByBucket } from './capacity.js';
import { capacityScheduleOf } from './capacity-schedule.js';
import { BUCKET_OVERLOADED, BUCKET_WARNING, bucketStatesBySchedule } from './conflicts.js';
import { loadOfPacked, type PackedWindows, windowsPack } from './load.js';
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
  if (bucket === '15m') return { starts: null, values: plainArray(values) };
  if (bucket === '1h') {
    const agg = bucketsAggregate(values, fromBucket, 4, mode);
    const starts = new Array<number>(agg.values.length);
    for (let i = 0; i < starts.length; i++) starts[i] = agg.start + i * agg.stepMs;
    return { starts, values: plainArray(agg.values) };
  }
  const days = bucketsAggregateByAmsterdamDay(values, fromBucket, mode);
  return { starts: days.map((d) => d.start), values: days.map((d) => d.value) };
}

/** A typed array as a plain one (a loop: Array.from over a typed array was a third of a year's view). */
function plainArray(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < out.length; i++) out[i] = values[i]!;
  return out;
}

/**
 * The instants as Date.prototype.toISOString writes them, the date part made once per UTC day: a year per hour is
 * 8,760 instants, and a Date with its toISOString for each was the largest single part of the year's view.
 */
function isoStrings(instants: readonly number[]): string[] {
  const out = new Array<string>(instants.length);
  let day = Number.NaN;
  let datePart = '';
  for (let i = 0; i < instants.length; i++) {
    const ms = instants[i]!;
    const d = Math.floor(ms / DAY_MS);
    if (d !== day) {
      day = d;
      datePart = new Date(d * DAY_MS).toISOString().slice(0, -13);
    }
    let rest = ms - d * DAY_MS;
    const millis = rest % 1000;
    rest = (rest - millis) / 1000;
    const seconds = rest % 60;
    rest = (rest - seconds) / 60;
    const minutes = rest % 60;
    const hours = (rest - minutes) / 60;
    out[i] =
      `${datePart}${hours < 10 ? '0' : ''}${hours}:${minutes < 10 ? '0' : ''}${minutes}:${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
  }
  return out;
}

function round2(xs: readonly number[]): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(xs[i]! * 100) / 100;
  return out;
}

/** Counting windows packed (windowsPack) with their Afnemers as codes, so that the passes after it read no objects. */
export interface LoadWindowsCoded {
  /** The windows the packed ones index into. */
  windows: readonly PlanWindow[];
  packed: PackedWindows;
  /** Per packed window the code of its Afnemer: its index in `afnemers`. */
  afnemerCode: Int32Array;
  /** The Afnemers of the packed windows, in order of first appearance, and their codes. */
  afnemers: readonly string[];
  codeOf: ReadonlyMap<string, number>;
  /** Per packed window: 1 for a 'concept' one. */
  concept: Uint8Array;
}

/**
 * Returns the counting windows that overlap [fromBucket, toBucket), packed, with an Afnemer code each.
 * Edge: a window that only touches the range is left out (as windowsPack); no windows give no Afnemers.
 */
export function loadWindowsCoded(windows: readonly PlanWindow[], fromBucket: number, toBucket: number): LoadWindowsCoded {
  const packed = windowsPack(windows, fromBucket, toBucket);
  const afnemerCode = new Int32Array(packed.count);
  const afnemers: string[] = [];
  const codeOf = new Map<string, number>();
  const concept = new Uint8Array(packed.count);
  let runAfnemer: string | null = null;
  let runCode = -1;
  for (let k = 0; k < packed.count; k++) {
    const w = windows[packed.index[k]!]!;
    // Windows of one Afnemer mostly follow each other (one delivery): one Map lookup per run of them.
    if (w.afnemer !== runAfnemer) {
      runAfnemer = w.afnemer;
      let code = codeOf.get(w.afnemer);
      if (code === undefined) {
        code = afnemers.length;
        afnemers.push(w.afnemer);
        codeOf.set(w.afnemer, code);
      }
      runCode = code;
    }
    afnemerCode[k] = runCode;
    if (w.status === 'concept') concept[k] = 1;
  }
  return { windows, packed, afnemerCode, afnemers, codeOf, concept };
}

/** What every view of [from, to) shares, per 15 minutes: the same for all roles and bucket sizes. */
export interface LoadBase extends LoadWindowsCoded {
  fromBucket: number;
  toBucket: number;
  /** Per Afnemer code, its messages in [from, to) (without the warm-up): what the ten largest are chosen by. */
  totals: Float64Array;
  load: Float64Array;
  capacity: Float64Array;
  backlog: Float64Array;
  states: Uint8Array;
  conceptLoad: Float64Array;
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
  const rangeEnd = toBucket * BUCKET_MS;
  // One pass over the window objects: every series after it reads typed arrays (and codes, not Afnemer strings).
  const coded = loadWindowsCoded(input.windows, warmFrom, toBucket);
  const { packed, afnemerCode, afnemers, concept } = coded;
  const totals = new Float64Array(afnemers.length);
  const viewStart = fromBucket * BUCKET_MS;
  for (let k = 0; k < packed.count; k++) {
    const s = packed.start[k]!;
    const e = packed.end[k]!;
    const overlap = Math.min(e, rangeEnd) - Math.max(s, viewStart);
    if (overlap > 0) totals[afnemerCode[k]!]! += (packed.volume[k]! * overlap) / (e - s);
  }

  const skip = fromBucket - warmFrom;
  const warmLoad = loadOfPacked(packed, warmFrom, toBucket);
  const { profile } = input;
  const schedule = input.schedule ?? capacityScheduleOf(profile.ratesPerHour, { threshold: profile.threshold, warningLevel: profile.warningLevel });
  const warmCapacity = capacityByBucket(schedule, input.maintenance, warmFrom, toBucket);
  const backlog = backlogByBucket(warmLoad, warmCapacity).subarray(skip);
  const load = warmLoad.subarray(skip);
  const capacity = warmCapacity.subarray(skip);
  const states = bucketStatesBySchedule(load, capacity, fromBucket, schedule);
  const conceptLoad = loadOfPacked(packedGroups(packed, 1, (k) => (concept[k] === 1 ? 0 : -1))[0]!, fromBucket, toBucket);
  const definitief = load.map((l, i) => Math.max(0, l - conceptLoad[i]!));
  return { ...coded, fromBucket, toBucket, totals, load, capacity, backlog, states, conceptLoad, definitief };
}

/**
 * The packed windows split into `count` groups in one pass: window k goes to group `groupOf(k)` (-1: none), in their
 * order (new arrays; `index` still points into the same list).
 */
function packedGroups(packed: PackedWindows, count: number, groupOf: (k: number) => number): PackedWindows[] {
  const group = new Int32Array(packed.count);
  const sizes = new Int32Array(count);
  for (let k = 0; k < packed.count; k++) {
    const g = groupOf(k);
    group[k] = g;
    if (g >= 0) sizes[g]!++;
  }
  const out = Array.from(sizes, (m) => ({
    count: 0,
    index: new Int32Array(m),
    id: new Float64Array(m),
    start: new Float64Array(m),
    end: new Float64Array(m),
    volume: new Float64Array(m),
  }));
  for (let k = 0; k < packed.count; k++) {
    const g = group[k]!;
    if (g < 0) continue;
    const o = out[g]!;
    const j = o.count++;
    o.index[j] = packed.index[k]!;
    o.id[j] = packed.id[k]!;
    o.start[j] = packed.start[k]!;
    o.end[j] = packed.end[k]!;
    o.volume[j] = packed.volume[k]!;
  }
  return out;
}

/**
 * Load against capacity for [from, to) in columns, per the requested bucket size. `base` (from loadBase on the
 * same inputs) may be shared by many views: a planner's own-against-the-rest view then costs only its own windows.
 */
export function loadView(input: LoadViewInput, base: LoadBase = loadBase(input)): LoadResponse {
  const { fromBucket, toBucket, packed, afnemerCode, codeOf, totals, load, capacity, backlog, states, conceptLoad, definitief } = base;
  // The load of each of these Afnemers (codes), their windows picked out in one pass.
  const ofCodes = (codes: readonly number[]) => {
    const slot = new Int32Array(base.afnemers.length).fill(-1);
    codes.forEach((code, i) => {
      slot[code] = i;
    });
    return packedGroups(packed, codes.length, (k) => slot[afnemerCode[k]!]!).map((p) => loadOfPacked(p, fromBucket, toBucket));
  };

  const series: { key: string; name: string; values: ArrayLike<number> }[] = [];
  if (input.ownAfnemer) {
    const code = codeOf.get(input.ownAfnemer);
    const own = code === undefined ? new Float64Array(toBucket - fromBucket) : ofCodes([code])[0]!;
    // The rest is the total less one's own (equal to summing the others, up to rounding).
    const rest = load.map((l, i) => Math.max(0, l - own[i]!));
    series.push({ key: input.ownAfnemer, name: input.names.get(input.ownAfnemer) ?? input.ownAfnemer, values: own });
    series.push({ key: 'rest', name: 'Overige Afnemers', values: rest });
  } else {
    // Afnemers with messages in the range, largest first (a stable sort: equal ones in order of first appearance).
    const present: number[] = [];
    for (let code = 0; code < totals.length; code++) if (totals[code]! > 0) present.push(code);
    const top = present.sort((x, y) => totals[y]! - totals[x]!).slice(0, TOP_AFNEMERS);
    const others = Float64Array.from(load);
    const loads = ofCodes(top);
    for (const [i, code] of top.entries()) {
      const values = loads[i]!;
      for (let i = 0; i < others.length; i++) others[i]! -= values[i]!;
      const oin = base.afnemers[code]!;
      series.push({ key: oin, name: input.names.get(oin) ?? oin, values });
    }
    if (present.length > top.length) {
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
    starts: isoStrings(starts),
    capacity: round2(cap.values),
    load: round2(total.values),
    loadConcept: round2(combine(conceptLoad, fromBucket, input.bucket).values),
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
