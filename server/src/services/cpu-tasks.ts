/**
 * The CPU-heavy steps of a request, as plain functions of plain data: the worker threads run them (cpu-worker.ts),
 * so a large file or a wide range never holds up other users' requests on the event loop.
 */
import {
  afnemerCoder,
  BUCKET_OVERLOADED,
  ConflictWindows,
  conflictsDetect,
  conflictsDetectColumns,
  type ConflictWindowSource,
  type ConflictsResult,
  levellingSolverOf,
  prognoseCsvParse,
  PrognoseJsonUpload,
  prognoseJsonToRows,
  resultColumnsOf,
  windowsPackCoded,
  type Conflict,
  type ConflictsInput,
  type PlanWindow,
  type LevellingCandidateResult,
  type LevellingInput,
  type LevellingRunState,
  type LevellingSearchPlan,
  type LevellingSolver,
  type ParseResult,
  type PrognoseParseOptions,
  type RowError,
  WINDOW_CONCEPT,
  WINDOW_DEFINITIEF,
  WINDOW_GEANNULEERD,
} from '@cd/shared';
import { deliveryRowsStager, type DeliveryRowsStaged } from '@cd/db/staging';
import { zodIssuesToErrors } from '../lib/problem.js';

export interface DetectSummary {
  conflicts: Conflict[];
  /** An overload run or a backlog touches the first or last bucket: the range cuts through something. */
  cutAtStart: boolean;
  cutAtEnd: boolean;
}

/** Conflicts of the range and whether its edges cut an overload or backlog; not the per-bucket series. */
export function detectSummary(input: ConflictsInput): DetectSummary {
  return summaryOf(conflictsDetect(input));
}

/**
 * detectSummary of windows as columns (what the worker receives), detected on the columns themselves: no window
 * object is rebuilt (rebuilding them was ~10 ms of the worker's 23 ms at 50,000 windows, decision 012).
 */
export function detectSummaryOfColumns(input: Omit<ConflictsInput, 'windows'>, c: WindowColumns, transient = false): DetectSummary {
  const columns = {
    id: c.id,
    start: c.start,
    end: c.end,
    volume: c.volume,
    status: c.status,
    afnemerCode: c.afnemerCode,
    afnemers: c.afnemers,
    source: columnsSource(c),
  };
  return summaryOf(conflictsDetectColumns({ ...input, columns, transient, ...(c.index === undefined ? {} : { packedIndex: c.index }) }));
}

/**
 * Afnemer and kenmerk of entry k of the columns, made only when read (detectPack reads none: the main thread takes
 * them from its own windows); the kenmerken are split on the first read.
 */
function columnsSource(c: WindowColumns): readonly ConflictWindowSource[] {
  let kenmerken: string[] | undefined;
  return new Proxy([] as ConflictWindowSource[], {
    get(target, key, receiver) {
      if (key === 'length') return c.id.length;
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        const k = Number(key);
        if (k >= c.id.length) return undefined;
        if (c.kenmerken === undefined || c.index !== undefined) throw new Error('de kenmerken zijn niet meegestuurd (windowColumnsOf zonder kenmerken)');
        kenmerken ??= c.id.length === 0 ? [] : c.kenmerken.split(KENMERK_SEPARATOR);
        return { afnemer: c.afnemers[c.afnemerCode[k]!]!, kenmerk: kenmerken[k]! };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

function summaryOf(result: ConflictsResult): DetectSummary {
  const n = result.load.length;
  return {
    conflicts: result.conflicts,
    cutAtStart: n > 0 && (result.states[0] === BUCKET_OVERLOADED || result.backlog[0]! > 0),
    cutAtEnd: n > 0 && (result.states[n - 1] === BUCKET_OVERLOADED || result.backlog[n - 1]! > 0),
  };
}

/**
 * The windows of a detection as columns: the typed arrays are handed to the worker without a copy, the Afnemers
 * travel as codes into a list of the distinct ones. Cloning 50,000 window objects took the main thread some 100 ms,
 * and cloning 100,000 strings still 10-30 ms (issue 16). Entry k is window k of the list they were made of, cancelled
 * ones included (status WINDOW_GEANNULEERD: detection skips them), so no filtered copy of the list is made.
 */
export interface WindowColumns {
  id: Float64Array;
  start: Float64Array;
  end: Float64Array;
  volume: Float64Array;
  /** WINDOW_CONCEPT, WINDOW_DEFINITIEF or WINDOW_GEANNULEERD. */
  status: Uint8Array;
  /** Each window's Afnemer as an index into `afnemers`. */
  afnemerCode: Int32Array;
  afnemers: string[];
  /**
   * The kenmerken joined by NUL, which no PostgreSQL text holds; only when asked for (`windowColumnsOf(w, true)`):
   * detection in the worker reads none, and joining them was half of the main thread's pack (decision 012, fourth pass).
   */
  kenmerken?: string;
  /**
   * Set by windowColumnsPacked: the columns hold only the windows that count in the detection's range, entry k being
   * the window at position `index[k]` of the list they were made of (what the conflict windows' indices then point at).
   */
  index?: Int32Array;
}

export const KENMERK_SEPARATOR = '\u0000';

/** The counting (not cancelled) windows, in input order. */
export function windowsCounting(windows: readonly PlanWindow[]): readonly PlanWindow[] {
  for (const w of windows) if (w.status === 'geannuleerd') return windows.filter((x) => x.status !== 'geannuleerd');
  return windows;
}

/** Bytes per window of the columns: 8 each for id, start, end and volume, 4 for the Afnemer code, 1 for the status. */
export const WINDOW_COLUMN_BYTES = 37;

/**
 * The number columns of `m` windows as views of one buffer (an ArrayBuffer, or a SharedArrayBuffer the planning
 * cache keeps), in that order: the one layout of window columns.
 */
export function windowColumnsIn(buffer: ArrayBuffer | SharedArrayBuffer, m: number): Omit<WindowColumns, 'afnemers' | 'kenmerken' | 'index'> {
  return {
    id: new Float64Array(buffer, 0, m),
    start: new Float64Array(buffer, m * 8, m),
    end: new Float64Array(buffer, m * 16, m),
    volume: new Float64Array(buffer, m * 24, m),
    afnemerCode: new Int32Array(buffer, m * 32, m),
    status: new Uint8Array(buffer, m * 36, m),
  };
}

/**
 * The windows as columns, entry k = windows[k], in one pass that reads each object once; the Afnemer codes come
 * from afnemerCoder (a repeat costs no Map lookup). With `withKenmerken`, the kenmerken are joined into one text too.
 */
export function windowColumnsOf(windows: readonly PlanWindow[], withKenmerken = false): WindowColumns {
  const m = windows.length;
  const { id, start, end, volume, afnemerCode, status } = windowColumnsIn(new ArrayBuffer(m * WINDOW_COLUMN_BYTES), m);
  const coder = afnemerCoder();
  for (let k = 0; k < m; k++) {
    const w = windows[k]!;
    id[k] = w.id;
    start[k] = w.start;
    end[k] = w.end;
    volume[k] = w.volume;
    const s = w.status;
    status[k] = s === 'definitief' ? WINDOW_DEFINITIEF : s === 'concept' ? WINDOW_CONCEPT : WINDOW_GEANNULEERD;
    afnemerCode[k] = coder.code(w.afnemer);
  }
  const c: WindowColumns = { id, start, end, volume, status, afnemerCode, afnemers: coder.afnemers };
  if (withKenmerken) c.kenmerken = windows.map((w) => w.kenmerk).join(KENMERK_SEPARATOR);
  return c;
}

/**
 * The windows packed for a detection of [fromBucket, toBucket) as the worker reads them in place (decision 012, fourth
 * pass): only those that count and overlap the range, packed by the planning core's windowsPackCoded in one pass over
 * the objects, the columns views of one buffer (handed to the worker without a copy). The worker then packs nothing.
 */
export function windowColumnsPacked(windows: readonly PlanWindow[], fromBucket: number, toBucket: number): WindowColumns {
  const m = windows.length;
  // 8 bytes each for id, start, end and volume, 4 each for the Afnemer code and the position, 1 for the status.
  const buffer = new ArrayBuffer(m * 41);
  const out = {
    id: new Float64Array(buffer, 0, m),
    start: new Float64Array(buffer, m * 8, m),
    end: new Float64Array(buffer, m * 16, m),
    volume: new Float64Array(buffer, m * 24, m),
    code: new Int32Array(buffer, m * 32, m),
    index: new Int32Array(buffer, m * 36, m),
    status: new Uint8Array(buffer, m * 40, m),
  };
  const coder = afnemerCoder();
  const count = windowsPackCoded(windows, fromBucket, toBucket, out, coder);
  return {
    id: out.id.subarray(0, count),
    start: out.start.subarray(0, count),
    end: out.end.subarray(0, count),
    volume: out.volume.subarray(0, count),
    status: out.status.subarray(0, count),
    afnemerCode: out.code.subarray(0, count),
    afnemers: coder.afnemers,
    index: out.index.subarray(0, count),
  };
}

/**
 * A DetectSummary as the worker sends it back: the conflicts without their windows, and the windows of all conflicts
 * in order as three columns (`windowCount` per conflict): the window's position in the list the columns were made of
 * (the column's own index, or its `index` entry for windowColumnsPacked), its id and
 * its load. The main thread takes Afnemer and kenmerk from its own windows (detectUnpack), nothing is made per window.
 * The conflicts' Afnemers travel as codes too (`afnemerCount` per conflict, `afnemerAt` into `afnemerNames`): at
 * 500,000 windows the 371 conflicts name 112,667 OINs, whose clone cost 64-85 ms (decision 012, fifth pass).
 */
export interface DetectPacked {
  conflicts: Omit<Conflict, 'windows' | 'afnemers'>[];
  afnemerNames: string[];
  afnemerCount: Int32Array;
  afnemerAt: Int32Array;
  windowCount: Int32Array;
  windowAt: Int32Array;
  windowId: Float64Array;
  windowLoad: Float64Array;
  cutAtStart: boolean;
  cutAtEnd: boolean;
}

/**
 * A detection's summary with each conflict window as its position in the windows the columns were made of, as three
 * compact columns for the trip between threads: detection's own result columns as they are, other conflicts' copied.
 * Each conflict's Afnemers become codes into `afnemers` (the columns' list; one not in it is added to the copy sent).
 */
export function detectPack(summary: DetectSummary, afnemers: readonly string[] = []): DetectPacked {
  const n = summary.conflicts.length;
  let names = 0;
  for (const c of summary.conflicts) names += c.afnemers.length;
  // One buffer for the counts of windows and of Afnemers per conflict and the Afnemer codes.
  const ints = new ArrayBuffer((2 * n + names) * 4);
  const windowCount = new Int32Array(ints, 0, n);
  const afnemerCount = new Int32Array(ints, n * 4, n);
  const afnemerAt = new Int32Array(ints, n * 8, names);
  // Seeded with the columns' list: each of its Afnemers keeps its index as code; one not in it is appended.
  const coder = afnemerCoder(afnemers);
  let at = 0;
  const conflicts = summary.conflicts.map(({ windows, afnemers: own, ...rest }, i) => {
    windowCount[i] = windows.length;
    afnemerCount[i] = own.length;
    for (const a of own) afnemerAt[at++] = coder.code(a);
    return rest;
  });
  const afnemerNames = coder.afnemers;
  const packedAfnemers = { conflicts, afnemerNames, afnemerCount, afnemerAt, windowCount };
  const whole = resultColumnsOf(summary.conflicts);
  if (whole !== undefined) {
    // Detection's own result: its one buffer already holds the three columns in this order, nothing is copied.
    return {
      ...packedAfnemers,
      windowAt: whole.index,
      windowId: whole.id,
      windowLoad: whole.load,
      cutAtStart: summary.cutAtStart,
      cutAtEnd: summary.cutAtEnd,
    };
  }
  let total = 0;
  for (const c of summary.conflicts) total += c.windows.length;
  const windowAt = new Int32Array(total);
  const windowId = new Float64Array(total);
  const windowLoad = new Float64Array(total);
  let from = 0;
  for (const { windows } of summary.conflicts) {
    windowAt.set(windows.index, from);
    windowId.set(windows.id, from);
    windowLoad.set(windows.load, from);
    from += windows.length;
  }
  return { ...packedAfnemers, windowAt, windowId, windowLoad, cutAtStart: summary.cutAtStart, cutAtEnd: summary.cutAtEnd };
}

/**
 * The buffers of a DetectPacked for the transfer list of the worker's answer, each once (detection's own result holds
 * its three columns in one buffer): handed over, they are not copied between the threads and unusable in the worker
 * afterwards. Shared buffers are left out (they are shared, not copied).
 */
export function detectTransfer(packed: DetectPacked): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of [packed.windowCount, packed.afnemerCount, packed.afnemerAt, packed.windowAt, packed.windowId, packed.windowLoad]) {
    if (column.buffer instanceof ArrayBuffer) buffers.add(column.buffer);
  }
  return [...buffers];
}

/** The DetectSummary of `packed`, whose window indices point into `counting` (the list the columns were made of). */
export function detectUnpack(packed: DetectPacked, counting: readonly PlanWindow[]): DetectSummary {
  let at = 0;
  let named = 0;
  const { afnemerNames, afnemerAt } = packed;
  const conflicts = packed.conflicts.map((c, i): Conflict => {
    const n = packed.windowCount[i]!;
    const windows = new ConflictWindows(
      packed.windowId.subarray(at, at + n),
      packed.windowLoad.subarray(at, at + n),
      packed.windowAt.subarray(at, at + n),
      counting,
    );
    at += n;
    const afnemers = new Array<string>(packed.afnemerCount[i]!);
    for (let j = 0; j < afnemers.length; j++) afnemers[j] = afnemerNames[afnemerAt[named++]!]!;
    return { ...c, afnemers, windows };
  });
  return { conflicts, cutAtStart: packed.cutAtStart, cutAtEnd: packed.cutAtEnd };
}

/** The text of an uploaded CSV: UTF-8, or Windows-1252 as Excel's plain "CSV (gescheiden door lijstscheidingsteken)" saves. */
export function csvBytesDecode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * A JSON upload read: its rows, or row errors (as ParseResult); or a body that is no JSON, or JSON that does not fit
 * the PrognoseJsonUpload schema (`errors` as the API's validation problem lists them).
 */
export type JsonUploadResult = ParseResult | { ok: false; invalid: 'json' | 'schema'; errors: RowError[] };

/**
 * The raw bytes of a JSON upload as the openapi validator read them (UTF-8, BOM dropped, JSON.parse, then the
 * PrognoseJsonUpload schema), then its rows: the whole CPU work of a JSON upload, so it runs in a worker.
 */
export function jsonUploadRead(bytes: Uint8Array, opts: PrognoseParseOptions): JsonUploadResult {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, invalid: 'json', errors: [] };
  }
  const checked = PrognoseJsonUpload.safeParse(body);
  if (!checked.success) return { ok: false, invalid: 'schema', errors: zodIssuesToErrors(checked.error) };
  return prognoseJsonToRows(checked.data, opts);
}

/** A CSV upload read and staged for COPY (see DeliveryRowsStaged), or its row errors. */
export type CsvStageResult = { staged: DeliveryRowsStaged } | Extract<ParseResult, { ok: false }>;

/**
 * The rows of a CSV upload as COPY text for the bulk store: parsed, checked and encoded in one pass of the worker,
 * each row turned into text as it is read (no row objects kept). With `emit`, every STREAM_ROWS rows go there while
 * the rest is still being read (as long as no row failed); `staged.chunks` holds what was not emitted.
 */
export function csvStage(bytes: Uint8Array, opts: PrognoseParseOptions, ownAfnemer: string | null, emit?: (chunk: string) => void): CsvStageResult {
  const stager = deliveryRowsStager(ownAfnemer, emit);
  const result = prognoseCsvParse(csvBytesDecode(bytes), opts, stager.add);
  return result.ok ? { staged: stager.finish() } : result;
}

/**
 * A levelling input for the lane's workers: the windows as columns (`WindowColumns`, cancelled ones left out: they
 * never count) with each window's bounds (NaN: none), the rest as it is. Copying typed arrays to a worker is a
 * memcpy; cloning 50,000 window objects held the event loop some 100-200 ms.
 */
export interface LevellingWire {
  input: Omit<LevellingInput, 'windows'>;
  windows: WindowColumns;
  earliestStart: Float64Array;
  latestEnd: Float64Array;
}

export function levellingWireOf(input: LevellingInput): LevellingWire {
  const { windows, ...rest } = input;
  const counting = windowsCounting(windows);
  const earliestStart = new Float64Array(counting.length);
  const latestEnd = new Float64Array(counting.length);
  counting.forEach((w, k) => {
    earliestStart[k] = w.earliestStart ?? Number.NaN;
    latestEnd[k] = w.latestEnd ?? Number.NaN;
  });
  return { input: rest, windows: windowColumnsOf(counting, true), earliestStart, latestEnd };
}

/** The LevellingInput of a wire: the same windows (as far as levelling reads them), in the same order. */
export function levellingInputOf(wire: LevellingWire): LevellingInput {
  const c = wire.windows;
  const kenmerken = c.id.length === 0 ? [] : (c.kenmerken ?? '').split(KENMERK_SEPARATOR);
  const windows: PlanWindow[] = new Array(c.id.length);
  for (let k = 0; k < c.id.length; k++) {
    const earliest = wire.earliestStart[k]!;
    const latest = wire.latestEnd[k]!;
    windows[k] = {
      id: c.id[k]!,
      afnemer: c.afnemers[c.afnemerCode[k]!]!,
      kenmerk: kenmerken[k]!,
      start: c.start[k]!,
      end: c.end[k]!,
      volume: c.volume[k]!,
      status: c.status[k] === WINDOW_DEFINITIEF ? 'definitief' : 'concept',
      earliestStart: Number.isNaN(earliest) ? null : earliest,
      latestEnd: Number.isNaN(latest) ? null : latest,
    };
  }
  return { ...wire.input, windows };
}

/** What one run of the levelling lane gives back: the search's plan, the run, and (quick runs) where it left the plan. */
export interface LevellingRunReply {
  plan: LevellingSearchPlan;
  result: LevellingCandidateResult;
  state: LevellingRunState | null;
}

/**
 * The set-up of the levelling requests this worker ran a piece for (loads, limits, candidate lists and the lower
 * bounds found), by session: the next run of the same request starts from it. Freed when the request is done
 * (levellingSessionFree); at most two kept all the same (two requests at once), should a free be lost.
 */
const levellingSolvers = new Map<number, LevellingSolver>();
const LEVELLING_SOLVERS_KEPT = 2;

/**
 * One run of a levelling search: the quick run at a λ or, given the state a quick run left, its drop search. With
 * `stop`, asked between the run's steps: true ends it with LevellingStopped (the session's set-up stays as it was).
 */
export function levellingRunPiece(
  session: number,
  wire: LevellingWire,
  moveCostHours: number,
  state: LevellingRunState | null,
  stop?: () => boolean,
): LevellingRunReply {
  let solver = levellingSolvers.get(session);
  if (solver === undefined) {
    solver = levellingSolverOf(levellingInputOf(wire));
    levellingSolvers.set(session, solver);
    for (const old of levellingSolvers.keys()) if (levellingSolvers.size > LEVELLING_SOLVERS_KEPT) levellingSolvers.delete(old);
  }
  if (state !== null) return { plan: solver.plan, result: solver.improve(moveCostHours, state, stop), state: null };
  const run = solver.run(moveCostHours, stop);
  return { plan: solver.plan, result: run.result, state: solver.plan.drop ? run.state : null };
}

/** Forgets a levelling request's set-up (its search is done); a session this worker never set up is no error. */
export function levellingSessionFree(session: number): void {
  levellingSolvers.delete(session);
}

/** The sessions whose set-up this worker keeps, oldest first (for the tests of the lane). */
export function levellingSessionsHeld(): number[] {
  return [...levellingSolvers.keys()];
}

const levellingCancelled = (flag: Int32Array) => (): boolean => Atomics.load(flag, 0) !== 0;

export type CpuTask =
  | { task: 'csv-parse'; bytes: Uint8Array; opts: PrognoseParseOptions }
  | { task: 'csv-stage'; bytes: Uint8Array; opts: PrognoseParseOptions; ownAfnemer: string | null; stream?: boolean }
  | { task: 'json-upload'; bytes: Uint8Array; opts: PrognoseParseOptions }
  | { task: 'detect'; input: Omit<ConflictsInput, 'windows'>; windows: WindowColumns }
  | {
      task: 'levelling-run';
      session: number;
      wire: LevellingWire;
      moveCostHours: number;
      state: LevellingRunState | null;
      /** On a SharedArrayBuffer: set to non-zero (Atomics.store) by the main thread when the run is no longer wanted. */
      cancel?: Int32Array;
    };

/**
 * Runs one task where it is called (in a worker, or inline as a fallback); `emit` takes the pieces of a streamed
 * task (csv-stage with `stream`) as they are ready.
 */
export function cpuTaskRun(t: CpuTask, emit?: (chunk: string) => void): DetectPacked | ParseResult | JsonUploadResult | CsvStageResult | LevellingRunReply {
  switch (t.task) {
    case 'csv-parse':
      return prognoseCsvParse(csvBytesDecode(t.bytes), t.opts);
    case 'csv-stage':
      return csvStage(t.bytes, t.opts, t.ownAfnemer, t.stream ? emit : undefined);
    case 'json-upload':
      return jsonUploadRead(t.bytes, t.opts);
    case 'detect':
      // Detection's result columns are one new buffer, which detectPack passes on as it is (no copy).
      return detectPack(detectSummaryOfColumns(t.input, t.windows), t.windows.afnemers);
    case 'levelling-run':
      return levellingRunPiece(t.session, t.wire, t.moveCostHours, t.state, t.cancel && levellingCancelled(t.cancel));
    default: {
      const never: never = t;
      throw new Error(`onbekende taak ${JSON.stringify(never)}`);
    }
  }
}
