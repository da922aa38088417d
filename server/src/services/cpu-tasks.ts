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
  type LevellingInput,
  type LevellingResult,
  type ParseResult,
  type PrognoseParseOptions,
  type RowError,
} from '@cd/shared';
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

export type CpuTask =
  | { task: 'csv-parse'; bytes: Uint8Array; opts: PrognoseParseOptions }
  | { task: 'json-upload'; bytes: Uint8Array; opts: PrognoseParseOptions }
  | { task: 'detect'; input: ConflictsInput }
  | { task: 'levelling'; input: LevellingInput };

/** Runs one task where it is called (in a worker, or inline as a fallback). */
export function cpuTaskRun(t: CpuTask): DetectSummary | ParseResult | JsonUploadResult | LevellingResult {
  switch (t.task) {
    case 'csv-parse':
      return prognoseCsvParse(csvBytesDecode(t.bytes), t.opts);
    case 'json-upload':
      return jsonUploadRead(t.bytes, t.opts);
    case 'detect':
      return detectSummary(t.input);
    case 'levelling':
      return levellingPropose(t.input);
    default: {
      const never: never = t;
      throw new Error(`onbekende taak ${JSON.stringify(never)}`);
    }
  }
}
