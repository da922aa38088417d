import { deliveryRowsStage, type DeliveryRowsStaged } from '@cd/db/staging';
import { UPLOAD_LIMITS, type ParsedRow, type ParseResult, type PlanningHorizon } from '@cd/shared';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../lib/context.js';
import { ProblemError } from '../lib/problem.js';
import { prognoseXlsxParse } from '../lib/prognose-xlsx.js';
import { horizonNow } from '../lib/horizon.js';
import { prognoseCsvParseOffThread, prognoseCsvStageOffThread, prognoseJsonUploadOffThread } from '../services/cpu-pool.js';
import type { JsonUploadResult } from '../services/cpu-tasks.js';

/** The media type of an Excel (XLSX) file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Whether an upload is a CSV or an Excel workbook, by its media type or file name; null: neither. */
export function fileKind(contentType: string, fileName: string | null): 'csv' | 'xlsx' | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const name = fileName?.toLowerCase() ?? '';
  if (type === XLSX_TYPE || name.endsWith('.xlsx')) return 'xlsx';
  if (['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'].includes(type) || name.endsWith('.csv')) return 'csv';
  return null;
}

/** The file name a raw upload gives in its Content-Disposition header, if any. */
export function fileNameFromDisposition(header: string | undefined): string | null {
  const match = header?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** What an upload was read into: validated rows (for a dry run), rows staged for COPY (to store them), or errors. */
export type DeliveryReadResult = ParseResult | { ok: true; staged: DeliveryRowsStaged };

/**
 * How to read an upload: into rows, or staged for the bulk store for the user's own Afnemer (null: Logius, who
 * names the Afnemer per row). With `onChunk`, a large CSV is streamed: its COPY text goes there piece by piece while
 * the worker reads on, and the result's `staged.chunks` holds only the rest (other kinds never call it).
 */
export type DeliveryReadMode = { staged: false } | { staged: true; ownAfnemer: string | null; onChunk?: (chunk: string) => void };

const STAGE_SLICE = 5000;

/** Rows staged in slices that yield to the event loop between them (a whole delivery at once held it for ~100 ms). */
async function rowsStaged(rows: readonly ParsedRow[], ownAfnemer: string | null): Promise<DeliveryRowsStaged> {
  const out: DeliveryRowsStaged = { chunks: [], lines: [], afnemers: [] };
  for (let i = 0; i < rows.length; i += STAGE_SLICE) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const part = deliveryRowsStage(rows.slice(i, i + STAGE_SLICE), ownAfnemer);
    out.chunks.push(...part.chunks);
    for (let j = 0; j < part.lines.length; j++) {
      out.lines.push(part.lines[j]!);
      out.afnemers.push(part.afnemers[j]!);
    }
  }
  return out;
}

/** A read result as the mode asks for it: rows staged when `mode.staged`, as they are otherwise. */
async function resultForMode(result: ParseResult, mode: DeliveryReadMode): Promise<DeliveryReadResult> {
  return result.ok && mode.staged ? { ok: true, staged: await rowsStaged(result.rows, mode.ownAfnemer) } : result;
}

async function parseFile(kind: 'csv' | 'xlsx', bytes: Uint8Array, horizon: PlanningHorizon, mode: DeliveryReadMode): Promise<DeliveryReadResult> {
  const opts = { maxRows: UPLOAD_LIMITS.maxRows, horizon };
  if (kind === 'xlsx') return resultForMode(await prognoseXlsxParse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), opts), mode);
  if (!mode.staged) return prognoseCsvParseOffThread(bytes, opts);
  const read = await prognoseCsvStageOffThread(bytes, opts, mode.ownAfnemer, mode.onChunk);
  return 'staged' in read ? { ok: true, staged: read.staged } : read;
}

/** Reads the delivery from multipart, a raw CSV/XLSX body or JSON, into validated rows. */
export async function deliveryRead(
  c: Context<AppEnv>,
  mode: DeliveryReadMode,
): Promise<{ result: DeliveryReadResult; fileName: string | null; contentType: string }> {
  const contentType = c.req.header('content-type') ?? '';
  const horizon = horizonNow(c.get('deps'));
  if (/^application\/json/i.test(contentType)) {
    return { result: await resultForMode(jsonUploads.get(c.req.raw) as ParseResult, mode), fileName: null, contentType: 'application/json' };
  }
  if (/^multipart\/form-data/i.test(contentType)) {
    const form = await c.req.formData().catch(() => {
      throw new ProblemError(400, 'Het formulier (multipart/form-data) in de aanvraag is ongeldig.');
    });
    const file = form.get('file');
    if (!file || typeof file === 'string') {
      throw new ProblemError(400, 'Voeg het bestand toe in het formulierveld "file".', [{ field: 'file', message: 'Bestand ontbreekt.' }]);
    }
    const kind = fileKind(file.type, file.name);
    if (!kind) throw new ProblemError(415, `Het bestand "${file.name}" is geen CSV- of XLSX-bestand.`);
    return {
      result: await parseFile(kind, new Uint8Array(await file.arrayBuffer()), horizon, mode),
      fileName: file.name,
      contentType: kind === 'xlsx' ? XLSX_TYPE : 'text/csv',
    };
  }
  const fileName = fileNameFromDisposition(c.req.header('content-disposition'));
  const kind = fileKind(contentType, fileName);
  if (!kind) {
    throw new ProblemError(415, 'Stuur een CSV-bestand (text/csv), een Excel-bestand (.xlsx), JSON of een multipart-formulier.');
  }
  return {
    result: await parseFile(kind, new Uint8Array(await c.req.arrayBuffer()), horizon, mode),
    fileName,
    contentType: kind === 'xlsx' ? XLSX_TYPE : 'text/csv',
  };
}

export const uploadLimit = bodyLimit({
  maxSize: UPLOAD_LIMITS.maxBytes,
  onError: () => {
    throw new ProblemError(413, 'Het bestand is groter dan 20 MB. Splits de aanlevering in kleinere bestanden.');
  },
});

// The tests @hono/zod-openapi's media-type gate applies to the declared types (kept, so every answer stays as it was).
const JSON_TYPE = /^application\/([a-z-.]+\+)?json/i;
const JSON_REQUEST = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
const FORM_REQUEST = /^(multipart\/form-data(;\s?boundary=[a-zA-Z0-9'"()+_,\-./:=?]+)?|application\/x-www-form-urlencoded(;\s*[a-zA-Z0-9-]+=([^;]+))*)$/i;

function uploadTypeDeclared(contentType: string): boolean {
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return JSON_REQUEST.test(contentType) || FORM_REQUEST.test(contentType) || essence === 'text/csv' || essence === XLSX_TYPE;
}

/** A JSON upload as the worker read it, from the middleware to the handler. */
const jsonUploads = new WeakMap<Request, JsonUploadResult>();

/**
 * The JSON body of an upload read, parsed and checked against PrognoseJsonUpload in a worker thread rather than by
 * the openapi validator on the event loop (100,000 windows take about 200 ms). Same place in the chain, same answers:
 * 415 for an undeclared media type, 400 "geen geldige JSON", 400 with one entry per schema issue.
 */
export const jsonUploadOffThread = createMiddleware<AppEnv>(async (c, next) => {
  const contentType = c.req.header('content-type');
  if (contentType ? !uploadTypeDeclared(contentType) : (await c.req.arrayBuffer()).byteLength > 0) {
    throw new HTTPException(415, { message: 'Unsupported Media Type' });
  }
  if (contentType && JSON_TYPE.test(contentType)) {
    const result = await prognoseJsonUploadOffThread(new Uint8Array(await c.req.arrayBuffer()), { horizon: horizonNow(c.get('deps')) });
    if (!result.ok && 'invalid' in result) {
      if (result.invalid === 'json') throw new ProblemError(400, 'De aanvraag bevat geen geldige JSON.');
      throw new ProblemError(400, 'De invoer voldoet niet aan de eisen.', result.errors);
    }
    jsonUploads.set(c.req.raw, result);
  }
  await next();
});

/**
 * The pieces of a streamed upload between the worker and the transaction that stores them: `push` them as they
 * come, iterate them in order; `started` resolves at the first piece (`pushed` counts them); the iteration ends after
 * `end`, or throws the error given to `fail`.
 */
export function chunkQueue() {
  const items: string[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  let failure: { error: unknown } | null = null;
  let start!: (v: true) => void;
  const started = new Promise<true>((resolve) => {
    start = resolve;
  });
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  let pushed = 0;
  return {
    started,
    /** How many pieces came in all. */
    get pushed(): number {
      return pushed;
    },
    push(chunk: string): void {
      pushed++;
      items.push(chunk);
      start(true);
      poke();
    },
    end(): void {
      ended = true;
      poke();
    },
    fail(error: unknown): void {
      failure = { error };
      poke();
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<string> {
      for (;;) {
        if (failure) throw failure.error;
        if (items.length > 0) {
          yield items.shift()!;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}
