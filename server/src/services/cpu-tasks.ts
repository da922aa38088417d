/**
 * The CPU-heavy steps of a request, as plain functions of plain data: the worker threads run them (cpu-worker.ts),
 * so a large file or a wide range never holds up other users' requests on the event loop.
 */
import {
  BUCKET_OVERLOADED,
  conflictsDetect,
  levellingPropose,
  prognoseCsvParse,
  PrognoseJsonUpload,
  prognoseJsonToRows,
  type Conflict,
  type ConflictsInput,
  type PlanWindow,
  type LevellingInput,
  type LevellingResult,
  type ParseResult,
  type PrognoseParseOptions,
  type RowError,
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
  const result = conflictsDetect(input);
  const n = result.load.length;
  return {
    conflicts: result.conflicts,
    cutAtStart: n > 0 && (result.states[0] === BUCKET_OVERLOADED || result.backlog[0]! > 0),
    cutAtEnd: n > 0 && (result.states[n - 1] === BUCKET_OVERLOADED || result.backlog[n - 1]! > 0),
  };
}

/**
 * The windows of a detection as columns: the typed arrays are handed to the worker without a copy and the strings
 * are two flat lists, where cloning 50,000 window objects took the main thread some 100 ms (issue 16).
 */
export interface WindowColumns {
  id: Float64Array;
  start: Float64Array;
  end: Float64Array;
  volume: Float64Array;
  /** 1 for 'definitief', 0 for 'concept'. */
  definitief: Uint8Array;
  afnemer: string[];
  kenmerk: string[];
}

/** The windows as columns, cancelled ones left out (they carry no load). */
export function windowColumnsOf(windows: readonly PlanWindow[]): WindowColumns {
  const m = windows.length;
  const c: WindowColumns = {
    id: new Float64Array(m),
    start: new Float64Array(m),
    end: new Float64Array(m),
    volume: new Float64Array(m),
    definitief: new Uint8Array(m),
    afnemer: new Array<string>(m),
    kenmerk: new Array<string>(m),
  };
  let k = 0;
  for (const w of windows) {
    if (w.status === 'geannuleerd') continue;
    c.id[k] = w.id;
    c.start[k] = w.start;
    c.end[k] = w.end;
    c.volume[k] = w.volume;
    c.definitief[k] = w.status === 'definitief' ? 1 : 0;
    c.afnemer[k] = w.afnemer;
    c.kenmerk[k] = w.kenmerk;
    k++;
  }
  return {
    id: c.id.slice(0, k),
    start: c.start.slice(0, k),
    end: c.end.slice(0, k),
    volume: c.volume.slice(0, k),
    definitief: c.definitief.slice(0, k),
    afnemer: c.afnemer.slice(0, k),
    kenmerk: c.kenmerk.slice(0, k),
  };
}

/** The windows back from their columns (as detection takes them; the earliest start and latest end are not carried). */
export function windowsOfColumns(c: WindowColumns): PlanWindow[] {
  const out: PlanWindow[] = new Array(c.id.length);
  for (let k = 0; k < c.id.length; k++) {
    out[k] = {
      id: c.id[k]!,
      afnemer: c.afnemer[k]!,
      kenmerk: c.kenmerk[k]!,
      start: c.start[k]!,
      end: c.end[k]!,
      volume: c.volume[k]!,
      status: c.definitief[k] === 1 ? 'definitief' : 'concept',
    };
  }
  return out;
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

export type CpuTask =
  | { task: 'csv-parse'; bytes: Uint8Array; opts: PrognoseParseOptions }
  | { task: 'csv-stage'; bytes: Uint8Array; opts: PrognoseParseOptions; ownAfnemer: string | null; stream?: boolean }
  | { task: 'json-upload'; bytes: Uint8Array; opts: PrognoseParseOptions }
  | { task: 'detect'; input: Omit<ConflictsInput, 'windows'>; windows: WindowColumns }
  | { task: 'levelling'; input: LevellingInput };

/**
 * Runs one task where it is called (in a worker, or inline as a fallback); `emit` takes the pieces of a streamed
 * task (csv-stage with `stream`) as they are ready.
 */
export function cpuTaskRun(t: CpuTask, emit?: (chunk: string) => void): DetectSummary | ParseResult | JsonUploadResult | CsvStageResult | LevellingResult {
  switch (t.task) {
    case 'csv-parse':
      return prognoseCsvParse(csvBytesDecode(t.bytes), t.opts);
    case 'csv-stage':
      return csvStage(t.bytes, t.opts, t.ownAfnemer, t.stream ? emit : undefined);
    case 'json-upload':
      return jsonUploadRead(t.bytes, t.opts);
    case 'detect':
      return detectSummary({ ...t.input, windows: windowsOfColumns(t.windows) });
    case 'levelling':
      return levellingPropose(t.input);
    default: {
      const never: never = t;
      throw new Error(`onbekende taak ${JSON.stringify(never)}`);
    }
  }
}
