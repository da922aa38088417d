/**
 * Conflict detection against its floor, in one process on the same windows (issue 16). The headline is the product's
 * path as the recompute pays it per detection on the planning cache's windows (decision 012, fifth pass): the
 * column upkeep of a new planning version in which one window changed (the cache's columns copied and patched,
 * windowsVersionPatched, as every incremental version and a recompute's own changes cost), detection on those
 * columns with the range cut from them and the result packed for the trip back (cpuTaskRun 'detect', as the worker
 * runs it), and the result unpacked (detectUnpack). Left out of it: the messages between the threads (the columns are
 * shared, the result is handed over), and what a version costs once however often it is detected on beyond that copy
 * (reading the changed windows from PostgreSQL). Beside it, as secondary CPU figures: that upkeep alone; the upkeep of
 * the whole set (a full load: every window written into new columns) alone; the path of a caller without the cache's
 * columns (the routes' previews: the window objects packed for the range on the main thread, windowColumnsPacked,
 * then the same detection and unpack); detection alone on ready columns; conflictsDetect on the objects. The floor reads the window
 * objects once into typed arrays (start, end, volume), spreads them over the buckets (partial edge buckets plus a
 * difference array for the full ones) and finds the overload runs in one pass against a capacity series computed
 * beforehand. It builds no conflicts and computes no capacity, backlog, peaks or windows per conflict: what
 * detection cannot go below. The goal: detection at most 3x the floor at 50,000 and at 500,000 windows, and linear in the
 * windows (10x the windows cost at most about 10x the time). Then the full recompute on PostgreSQL for a year of
 * 50,000 windows (goal <= 200 ms): the first, which opens every conflict, and again when nothing changed, with the
 * time of its read and of detection in the worker. Prints figures, never fails the process.
 * Run alone: `pnpm exec tsx bench/detection.ts`.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { conflictsRecompute, type RecomputePhases } from '../server/src/services/conflicts-recompute.js';
import { conflictsDetectOffThread } from '../server/src/services/cpu-pool.js';
import { cpuTaskRun, type DetectPacked, detectUnpack, windowColumnsPacked } from '../server/src/services/cpu-tasks.js';
import { planningCache, WINDOWS_NONE, type WindowsVersion, windowsVersionPatched } from '../server/src/services/planning-cache.js';
import { planningInputsInRange } from '../server/src/services/planning-inputs.js';
import {
  capacityByBucket,
  conflictsDetect,
  conflictsDetectColumns,
  type ConflictsInput,
  type DetectColumns,
  type PlanWindow,
  WINDOW_CONCEPT,
  WINDOW_DEFINITIEF,
  WINDOW_GEANNULEERD,
} from '../shared/src/planning/index.js';
import { planningBenchData } from './data.js';
import { yearDatabaseCreate } from './year-database.js';

export const DETECTION_FLOOR_RATIO_TARGET = 3;
export const RECOMPUTE_TARGET_MS = 200;
const Q = 900_000;

/** The floor: the window objects read once into typed arrays, the load per bucket from those, then the overload
 * runs against a capacity series computed beforehand. Returns the number of runs and of overloaded buckets. */
export function detectionFloor(
  windows: readonly PlanWindow[],
  capacity: Float64Array,
  fromBucket: number,
  toBucket: number,
): { runs: number; overloaded: number } {
  const m = windows.length;
  const start = new Float64Array(m);
  const end = new Float64Array(m);
  const volume = new Float64Array(m);
  let count = 0;
  for (let k = 0; k < m; k++) {
    const w = windows[k]!;
    if (w.status === 'geannuleerd') continue;
    start[count] = w.start;
    end[count] = w.end;
    volume[count] = w.volume;
    count++;
  }
  const n = toBucket - fromBucket;
  const load = new Float64Array(n);
  const diff = new Float64Array(n + 1);
  const rangeStart = fromBucket * Q;
  const rangeEnd = toBucket * Q;
  for (let k = 0; k < count; k++) {
    const ws = start[k]!;
    const we = end[k]!;
    const s = Math.max(ws, rangeStart);
    const e = Math.min(we, rangeEnd);
    if (e <= s) continue;
    const perMs = volume[k]! / (we - ws);
    const first = Math.floor(s / Q) - fromBucket;
    const last = Math.ceil(e / Q) - 1 - fromBucket;
    if (first === last) {
      load[first]! += perMs * (e - s);
      continue;
    }
    load[first]! += perMs * ((first + fromBucket + 1) * Q - s);
    load[last]! += perMs * (e - (last + fromBucket) * Q);
    diff[first + 1]! += perMs * Q;
    diff[last]! -= perMs * Q;
  }
  let running = 0;
  let runs = 0;
  let overloaded = 0;
  let inRun = false;
  for (let i = 0; i < n; i++) {
    running += diff[i]!;
    const over = load[i]! + running > capacity[i]!;
    if (over) {
      overloaded++;
      if (!inRun) runs++;
    }
    inRun = over;
  }
  return { runs, overloaded };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface DetectionFigures {
  windows: number;
  /**
   * The product's path (the cache's columns copied and patched for one changed window + detection on them + the result
   * packed and unpacked), median wall clock.
   */
  detectionMs: number;
  floorMs: number;
  ratio: number;
  /** Median CPU time of the process per call (see detectionMeasure): the product's path and the floor. */
  detectionCpuMs: number;
  floorCpuMs: number;
  /** Secondary: median CPU time of the column upkeep alone, for one changed window and for the whole set (a full load). */
  upkeepOneCpuMs: number;
  upkeepAllCpuMs: number;
  /** Secondary: median CPU time of a caller without ready columns (pack on the main thread + detection + unpack). */
  packedCpuMs: number;
  /** Secondary: median CPU time of detection alone on the same windows as ready columns, alternated with the others. */
  columnsCpuMs: number;
  /** Secondary: median CPU time of conflictsDetect on the window objects (packs them itself, in one thread). */
  objectsCpuMs: number;
  conflicts: number;
  conflictWindows: number;
  floorRuns: number;
  pass: boolean;
}

/** The windows as detection's columns (as the worker has them: Afnemers as codes), made once before timing. */
function benchColumns(windows: readonly PlanWindow[]): DetectColumns {
  const codeOf = new Map<string, number>();
  const afnemers: string[] = [];
  const statusOf = { concept: WINDOW_CONCEPT, definitief: WINDOW_DEFINITIEF, geannuleerd: WINDOW_GEANNULEERD } as const;
  const afnemerCode = Int32Array.from(windows, (w) => {
    let code = codeOf.get(w.afnemer);
    if (code === undefined) {
      code = afnemers.length;
      codeOf.set(w.afnemer, code);
      afnemers.push(w.afnemer);
    }
    return code;
  });
  return {
    id: Float64Array.from(windows, (w) => w.id),
    start: Float64Array.from(windows, (w) => w.start),
    end: Float64Array.from(windows, (w) => w.end),
    volume: Float64Array.from(windows, (w) => w.volume),
    status: Uint8Array.from(windows, (w) => statusOf[w.status]),
    afnemerCode,
    afnemers,
    source: windows,
  };
}

/**
 * A caller without ready columns, as conflictsDetectOffThread runs it minus the messages between the threads: the
 * objects packed into columns (main thread), detection on them with its result packed (worker), unpacked (main thread).
 */
function packedDetect(input: ConflictsInput) {
  const { windows, ...rest } = input;
  const columns = windowColumnsPacked(windows, rest.fromBucket, rest.toBucket);
  return detectUnpack(cpuTaskRun({ task: 'detect', input: rest, windows: columns }) as DetectPacked, windows);
}

/**
 * The planning cache's next version after a change of one window (its volume written again): the list and the columns
 * copied, the one place patched (`positions` is the cache's id index; a change in place moves no window).
 */
function upkeepOne(base: WindowsVersion, positions: Map<number, number>): WindowsVersion {
  const k = base.windows.length >> 1;
  return windowsVersionPatched(base, [{ ...base.windows[k]! }], positions);
}

/**
 * The product's path on the cache's windows, as conflictsDetectOffThread runs it with ready columns minus the
 * messages: the version's upkeep for one changed window (main thread), detection on its columns with the range cut
 * from them and the result packed (worker), unpacked into the version's list (main thread).
 */
function productDetect(input: Omit<ConflictsInput, 'windows'>, base: WindowsVersion, positions: Map<number, number>) {
  const version = upkeepOne(base, positions);
  return detectUnpack(cpuTaskRun({ task: 'detect', input, windows: version.columns }) as DetectPacked, version.windows);
}

/** Detection and floor timed alternately (so machine noise hits both), median of `runs` each after warm-up. */
export function detectionMeasure(windows: number, runs: number): DetectionFigures {
  const data = planningBenchData({ windows });
  const capacity = capacityByBucket(data.profile, data.maintenance, data.fromBucket, data.toBucket);
  const floor = () => detectionFloor(data.windows, capacity, data.fromBucket, data.toBucket);
  const { windows: _objects, ...rest } = data;
  const columnsInput = { ...rest, columns: benchColumns(data.windows) };
  // The cache holds the counting windows, in the order read (a full load appends them).
  const counting = data.windows.filter((w) => w.status !== 'geannuleerd');
  const upkeepAll = () => windowsVersionPatched(WINDOWS_NONE, counting, new Map());
  const base = upkeepAll();
  const positions = new Map(base.windows.map((w, k) => [w.id, k]));
  let result = productDetect(rest, base, positions);
  let floorResult = floor();
  for (let i = 0; i < 3; i++) {
    productDetect(rest, base, positions);
    packedDetect(data);
    upkeepAll();
    conflictsDetect(data);
    floor();
    conflictsDetectColumns(columnsInput);
  }
  const upkeepOneCpu: number[] = [];
  const upkeepAllCpu: number[] = [];
  const packedCpu: number[] = [];
  const columnsCpu: number[] = [];
  const objectsCpu: number[] = [];
  const detect: number[] = [];
  const floors: number[] = [];
  const detectCpu: number[] = [];
  const floorCpu: number[] = [];
  // CPU time of the process (all its threads, the garbage collector's included) per call: less at the mercy of
  // the other engineers' load on this shared machine than the wall clock.
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  for (let i = 0; i < runs; i++) {
    let c = process.cpuUsage();
    let t = performance.now();
    result = productDetect(rest, base, positions);
    detect.push(performance.now() - t);
    detectCpu.push(cpuMs(c));
    c = process.cpuUsage();
    t = performance.now();
    floorResult = floor();
    floors.push(performance.now() - t);
    floorCpu.push(cpuMs(c));
    c = process.cpuUsage();
    upkeepOne(base, positions);
    upkeepOneCpu.push(cpuMs(c));
    c = process.cpuUsage();
    upkeepAll();
    upkeepAllCpu.push(cpuMs(c));
    c = process.cpuUsage();
    packedDetect(data);
    packedCpu.push(cpuMs(c));
    c = process.cpuUsage();
    conflictsDetectColumns(columnsInput);
    columnsCpu.push(cpuMs(c));
    c = process.cpuUsage();
    conflictsDetect(data);
    objectsCpu.push(cpuMs(c));
  }
  const detectionMs = median(detect);
  const floorMs = median(floors);
  const ratio = detectionMs / floorMs;
  return {
    windows,
    detectionMs,
    floorMs,
    ratio,
    detectionCpuMs: median(detectCpu),
    floorCpuMs: median(floorCpu),
    upkeepOneCpuMs: median(upkeepOneCpu),
    upkeepAllCpuMs: median(upkeepAllCpu),
    packedCpuMs: median(packedCpu),
    columnsCpuMs: median(columnsCpu),
    objectsCpuMs: median(objectsCpu),
    conflicts: result.conflicts.length,
    conflictWindows: result.conflicts.reduce((sum, c) => sum + c.windows.length, 0),
    floorRuns: floorResult.runs,
    pass: ratio <= DETECTION_FLOOR_RATIO_TARGET,
  };
}

export interface RecomputeFigures {
  /** The first recompute of everything: it opens every conflict (the write side's share is in here too). */
  firstMs: number;
  /** Median of recomputes of everything when nothing changed since: read, detect, compare, write nothing. */
  againMs: number;
  /** The same as the server does it after a change of the capacity profile: the windows from its planning cache. */
  cachedMs: number;
  /** Its parts, median: reading all windows in the transaction, and detection in the worker. */
  readMs: number;
  detectMs: number;
  conflicts: number;
  /** Median time per phase of the recompute read in the transaction, and of the one served from the cache. */
  phasesAgain: RecomputePhases;
  phasesCached: RecomputePhases;
}

function phasesMedian(list: RecomputePhases[]): RecomputePhases {
  const keys = Object.keys(list[0]!) as (keyof RecomputePhases)[];
  return Object.fromEntries(keys.map((k) => [k, median(list.map((p) => p[k]))])) as unknown as RecomputePhases;
}

/** A recompute's phases as one line, in ms. */
export function phasesText(p: RecomputePhases): string {
  return (Object.entries(p) as [string, number][]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
}

/** A full recompute on PostgreSQL for a year of 50,000 windows (bench/year-database.ts), first and again. */
export async function recomputeMeasure(runs = 5): Promise<RecomputeFigures> {
  const db = await yearDatabaseCreate('cd_bench_detection');
  try {
    const now = new Date('2026-12-01T00:00:00Z');
    let t = performance.now();
    const first = await db.sql.begin((tx) => conflictsRecompute(tx, 'all', now, 'bench'));
    const firstMs = performance.now() - t;
    const again: number[] = [];
    const cached: number[] = [];
    const cache = planningCache();
    await cache.get(db.sql);
    const read: number[] = [];
    const detect: number[] = [];
    const phasesAgain: RecomputePhases[] = [];
    const phasesCached: RecomputePhases[] = [];
    for (let i = 0; i < runs + 1; i++) {
      t = performance.now();
      const a = await db.sql.begin((tx) => conflictsRecompute(tx, 'all', now, 'bench'));
      if (i > 0) again.push(performance.now() - t);
      if (i > 0) phasesAgain.push(a.phases);
      t = performance.now();
      const c = await db.sql.begin((tx) => conflictsRecompute(tx, 'all', now, 'bench', {}, cache));
      if (i > 0) cached.push(performance.now() - t);
      if (i > 0) phasesCached.push(c.phases);
      await db.sql.begin(async (tx) => {
        t = performance.now();
        const from = Date.UTC(2026, 11, 1);
        const to = Date.UTC(2028, 0, 20);
        const inputs = await planningInputsInRange(tx, from, to);
        if (i > 0) read.push(performance.now() - t);
        t = performance.now();
        await conflictsDetectOffThread({ ...inputs, profile: inputs.schedule, fromBucket: from / 900_000, toBucket: to / 900_000 });
        if (i > 0) detect.push(performance.now() - t);
      });
    }
    return {
      firstMs,
      againMs: median(again),
      cachedMs: median(cached),
      readMs: median(read),
      detectMs: median(detect),
      conflicts: first.created.length,
      phasesAgain: phasesMedian(phasesAgain),
      phasesCached: phasesMedian(phasesCached),
    };
  } finally {
    await db.close();
  }
}

/** Runs the comparison at 50,000 and 500,000 windows and the recompute on PostgreSQL, and prints them (unless `print` is false). */
export async function run(
  options: { print?: boolean; runs?: number; database?: boolean } = {},
): Promise<{ small: DetectionFigures; large: DetectionFigures; scaling: number; recompute: RecomputeFigures | null }> {
  const print = options.print ?? true;
  const log = (line: string) => {
    if (print) console.log(line);
  };
  const runs = options.runs ?? 15;
  const small = detectionMeasure(50_000, runs);
  const large = detectionMeasure(500_000, Math.max(5, Math.ceil(runs / 2)));
  for (const f of [small, large]) {
    const x = (ms: number) => (ms / Math.max(f.floorCpuMs, 0.001)).toFixed(1);
    log(
      `detectie ${f.windows.toLocaleString('nl-NL')} vensters zoals het product haar betaalt op de vensters van de planningscache ` +
        `(de kolommen van een nieuwe versie met één gewijzigd venster gekopieerd en bijgewerkt, detectie op de kolommen zoals de worker, ` +
        `resultaat in- en uitgepakt; zonder de berichten tussen de threads): ` +
        `${f.detectionMs.toFixed(1)} ms, vloer (typed arrays: belasting plus runs) ` +
        `${f.floorMs.toFixed(1)} ms: ${f.ratio.toFixed(1)}x, doel <= ${DETECTION_FLOOR_RATIO_TARGET}x: ${f.pass ? 'PASS' : 'FAIL'} ` +
        `(${f.conflicts} conflicten met ${f.conflictWindows.toLocaleString('nl-NL')} vensters; vloer ${f.floorRuns} runs; ` +
        `CPU-tijd ${f.detectionCpuMs.toFixed(1)} ms tegen ${f.floorCpuMs.toFixed(1)} ms: ${x(f.detectionCpuMs)}x; ` +
        `daarnaast, CPU-tijd: het bijhouden van de kolommen alleen, één venster ${f.upkeepOneCpuMs.toFixed(1)} ms, ` +
        `de hele set (volledig laden) ${f.upkeepAllCpuMs.toFixed(1)} ms; zonder kolommen uit de cache (inpakken op de hoofdthread, ` +
        `zoals de previews) ${f.packedCpuMs.toFixed(1)} ms: ${x(f.packedCpuMs)}x; ` +
        `alleen de detectie op kant-en-klare kolommen ${f.columnsCpuMs.toFixed(1)} ms: ${x(f.columnsCpuMs)}x, ` +
        `conflictsDetect op de objecten ${f.objectsCpuMs.toFixed(1)} ms: ${x(f.objectsCpuMs)}x)`,
    );
  }
  const scaling = large.detectionMs / small.detectionMs;
  // The output is not linear in the windows: at 50,000 about 17% of them are in a conflict, at 500,000 about 95%.
  log(
    `  lineair: 10x de vensters kost ${scaling.toFixed(1)}x de tijd (vloer ${(large.floorMs / small.floorMs).toFixed(1)}x; ` +
      `vensters in conflicten ${(large.conflictWindows / small.conflictWindows).toFixed(0)}x)`,
  );
  let recompute: RecomputeFigures | null = null;
  if (options.database ?? true) {
    recompute = await recomputeMeasure();
    log(
      `volledige herberekening op PostgreSQL, 50.000 vensters, zonder wijziging: met de vensters uit de cache van de server (zo rekent ` +
        `elke route) ${recompute.cachedMs.toFixed(0)} ms, doel <= ${RECOMPUTE_TARGET_MS} ms: ${recompute.cachedMs <= RECOMPUTE_TARGET_MS ? 'PASS' : 'FAIL'} ` +
        `(${phasesText(recompute.phasesCached)}); alles gelezen in de transactie (zonder cache) ${recompute.againMs.toFixed(0)} ms ` +
        `(${phasesText(recompute.phasesAgain)}; los: lezen ${recompute.readMs.toFixed(0)} ms, detectie in de worker ` +
        `${recompute.detectMs.toFixed(0)} ms); de eerste, die ${recompute.conflicts} conflicten opent: ${recompute.firstMs.toFixed(0)} ms`,
    );
  }
  return { small, large, scaling, recompute };
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (invokedDirectly) {
  await run();
  process.exit(0);
}
