/**
 * A small pool of worker threads for the CPU-heavy steps of a request (parsing an upload, detecting conflicts over
 * a range): the event loop only sends the input and takes the result back in slices, so other users are served
 * meanwhile. The tasks themselves are in cpu-tasks.ts. Levelling has a lane of its own (decision 019): its runs take
 * a second or more, and an upload's detection must not wait behind them.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConflictsInput, LevellingInput, LevellingResult, ParseResult, PrognoseParseOptions } from '@cd/shared';
import {
  detectUnpack,
  levellingWireOf,
  type LevellingRunReply,
  windowColumnsPacked,
  type CpuTask,
  type CsvStageResult,
  type DetectPacked,
  type DetectSummary,
  type JsonUploadResult,
  type WindowColumns,
} from './cpu-tasks.js';
import { levellingSearchParallel } from './levelling-search.js';

interface Job {
  id: number;
  task: CpuTask;
  transfer: ArrayBuffer[];
  items: unknown[];
  /** Takes the pieces a streamed task sends before it is done. */
  onChunk?: (chunk: string) => void;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

type Reply = { id: number } & (
  | { kind: 'slice'; items: unknown[] }
  | { kind: 'chunk'; chunk: string }
  | { kind: 'done'; value: unknown }
  | { kind: 'error'; message: string }
  | { kind: 'levelling-held'; sessions: number[]; heapUsed: number }
);

/** Workers, and the jobs waiting for one. */
interface Lane {
  size: number;
  slots: Slot[];
  queue: Job[];
}

const pool: Lane = { size: Math.max(1, Math.min(2, availableParallelism() - 1)), slots: [], queue: [] };
/**
 * The levelling lane: the runs of one levelling search in parallel, one per core (two at most); apart from the pool,
 * so an upload's parse and detection never queue behind a levelling (they share the cores, not a queue).
 */
const levellingLane: Lane = { size: Math.max(1, Math.min(2, availableParallelism())), slots: [], queue: [] };
let nextId = 1;

function workerStart(): Worker {
  // The built server (server/dist) has its own bundled worker beside it. From the sources (tests, pnpm dev) the
  // worker is TypeScript: it registers tsx first, as the server itself runs under it.
  if (!import.meta.url.endsWith('.ts')) {
    const worker = new Worker(new URL('./cpu-worker.js', import.meta.url));
    worker.unref();
    return worker;
  }
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./cpu-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true });
  worker.unref();
  return worker;
}

function slotCreate(lane: Lane): Slot {
  const slot: Slot = { worker: workerStart(), job: null };
  slot.worker.on('message', (reply: Reply) => {
    if (reply.kind === 'levelling-held') {
      heldAsked.get(reply.id)?.({ sessions: reply.sessions, heapUsed: reply.heapUsed });
      return;
    }
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (reply.kind === 'chunk') {
      job.onChunk?.(reply.chunk);
      return;
    }
    if (reply.kind === 'slice') {
      for (const item of reply.items) job.items.push(item);
      // Ask for the next slice only on a later turn, so other requests are served between slices.
      setImmediate(() => slot.worker.postMessage({ id: job.id, kind: 'next' }));
      return;
    }
    slot.job = null;
    if (reply.kind === 'error') job.reject(new Error(reply.message));
    else job.resolve(resultWithItems(reply.value, job.items));
    dispatch(lane);
  });
  const lost = (err: Error) => {
    const job = slot.job;
    slot.job = null;
    lane.slots.splice(lane.slots.indexOf(slot), 1);
    job?.reject(err);
    dispatch(lane);
  };
  slot.worker.on('error', lost);
  slot.worker.on('exit', (code) => lost(new Error(`rekenproces stopte (${code})`)));
  return slot;
}

function resultWithItems(value: unknown, items: unknown[]): unknown {
  if (typeof value === 'object' && value !== null && 'ok' in value) {
    return value.ok ? { ...value, rows: items } : { ...value, errors: items };
  }
  return value;
}

function dispatch(lane: Lane): void {
  while (lane.queue.length > 0) {
    let slot = lane.slots.find((s) => s.job === null);
    if (!slot && lane.slots.length < lane.size) {
      slot = slotCreate(lane);
      lane.slots.push(slot);
    }
    if (!slot) return;
    const job = lane.queue.shift()!;
    slot.job = job;
    slot.worker.postMessage({ id: job.id, ...job.task }, job.transfer);
  }
}

function cpuRun<T>(task: CpuTask, transfer: ArrayBuffer[] = [], onChunk?: (chunk: string) => void, lane: Lane = pool): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    lane.queue.push({ id: nextId++, task, transfer, items: [], onChunk, resolve: resolve as (v: unknown) => void, reject });
    dispatch(lane);
  });
}

/**
 * conflictsDetect in a worker thread: its conflicts, and whether the range's edges cut an overload or backlog. The
 * windows travel as columns (typed arrays handed over), not as objects. `ready`: the windows as columns already
 * (entry k is `windows[k]`, in a SharedArrayBuffer: the planning cache's, decision 012, fifth pass), which the worker
 * reads without a copy and cuts the range from; they are only read.
 */
export async function conflictsDetectOffThread(input: ConflictsInput, ready?: WindowColumns): Promise<DetectSummary> {
  const { windows, ...rest } = input;
  if (ready !== undefined) {
    if (ready.id.length !== windows.length || !(ready.id.buffer instanceof SharedArrayBuffer)) {
      throw new RangeError('de kolommen horen niet bij de vensters (of zijn niet gedeeld)');
    }
    return detectUnpack(await cpuRun<DetectPacked>({ task: 'detect', input: rest, windows: ready }), windows);
  }
  // Packed here for the range (the worker reads them in place); the conflict windows' indices point into `windows`.
  const columns = windowColumnsPacked(windows, rest.fromBucket, rest.toBucket);
  return detectUnpack(await cpuRun<DetectPacked>({ task: 'detect', input: rest, windows: columns }, [columns.id.buffer as ArrayBuffer]), windows);
}

let nextLevellingSession = 1;

/**
 * One piece of a levelling search in the lane. When `signal` aborts: a piece still queued leaves the queue, a
 * running one is told through its cancel flag (a SharedArrayBuffer the worker reads between the run's steps) and
 * ends with LevellingStopped; either way the promise rejects, and the worker is free for the next piece.
 */
function levellingLaneRun(task: Extract<CpuTask, { task: 'levelling-run' }>, signal: AbortSignal): Promise<LevellingRunReply> {
  return new Promise<LevellingRunReply>((resolve, reject) => {
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const job: Job = { id: nextId++, task: { ...task, cancel }, transfer: [], items: [], resolve: resolve as (v: unknown) => void, reject };
    signal.addEventListener(
      'abort',
      () => {
        const queued = levellingLane.queue.indexOf(job);
        if (queued >= 0) {
          levellingLane.queue.splice(queued, 1);
          reject(new Error('nivellering: run geannuleerd'));
        } else Atomics.store(cancel, 0, 1);
      },
      { once: true },
    );
    levellingLane.queue.push(job);
    dispatch(levellingLane);
  });
}

/**
 * levellingPropose (the levelled plan for a period, issue 18) in the levelling lane: the same answer, its runs in
 * parallel on the lane's workers (levelling-search.ts). The windows travel as columns, copied once per run. When the
 * search is done, every lane worker is told to free the request's set-up (behind any piece it is still running).
 */
export async function levellingProposeOffThread(input: LevellingInput): Promise<LevellingResult> {
  const session = nextLevellingSession++;
  const wire = levellingWireOf(input);
  try {
    return await levellingSearchParallel(
      input,
      (moveCostHours, state, signal) => levellingLaneRun({ task: 'levelling-run', session, wire, moveCostHours, state }, signal),
      levellingLane.size,
    );
  } finally {
    for (const slot of levellingLane.slots) slot.worker.postMessage({ id: 0, kind: 'levelling-free', session });
  }
}

const heldAsked = new Map<number, (held: { sessions: number[]; heapUsed: number }) => void>();

/**
 * Per worker of the levelling lane, the sessions whose set-up it keeps and its heap in use, once it has taken in
 * every message sent before (for the tests, and to measure the set-ups).
 */
export function levellingLaneHeld(): Promise<{ sessions: number[]; heapUsed: number }[]> {
  return Promise.all(
    levellingLane.slots.map(
      (slot) =>
        new Promise<{ sessions: number[]; heapUsed: number }>((resolve) => {
          const id = nextId++;
          heldAsked.set(id, (held) => {
            heldAsked.delete(id);
            resolve(held);
          });
          slot.worker.postMessage({ id, kind: 'levelling-held' });
        }),
    ),
  );
}

/** prognoseCsvParse of the uploaded bytes (UTF-8 or Windows-1252) in a worker thread. The bytes are handed over. */
export function prognoseCsvParseOffThread(bytes: Uint8Array, opts: PrognoseParseOptions): Promise<ParseResult> {
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return cpuRun<ParseResult>({ task: 'csv-parse', bytes: own, opts }, [own.buffer as ArrayBuffer]);
}

/**
 * A CSV upload parsed, checked and turned into COPY text in a worker thread, for the bulk store: one string per
 * STREAM_ROWS (20,000) rows comes back instead of an object per row. With `onChunk`, those strings come one by one while the worker
 * reads on (until a row fails), and the result holds only the rest. The bytes are handed over.
 */
export function prognoseCsvStageOffThread(
  bytes: Uint8Array,
  opts: PrognoseParseOptions,
  ownAfnemer: string | null,
  onChunk?: (chunk: string) => void,
): Promise<CsvStageResult> {
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return cpuRun<CsvStageResult>({ task: 'csv-stage', bytes: own, opts, ownAfnemer, stream: onChunk !== undefined }, [own.buffer as ArrayBuffer], onChunk);
}

/** A JSON upload's raw bytes parsed, checked against its schema and turned into rows, in a worker thread. The bytes are handed over. */
export function prognoseJsonUploadOffThread(bytes: Uint8Array, opts: PrognoseParseOptions): Promise<JsonUploadResult> {
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return cpuRun<JsonUploadResult>({ task: 'json-upload', bytes: own, opts }, [own.buffer as ArrayBuffer]);
}
