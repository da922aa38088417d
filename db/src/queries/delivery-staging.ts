/**
 * A delivery's rows as COPY text for the staging table of deliveriesBulkStore, and back. Pure (no I/O, nothing
 * imported but types), so the worker threads that parse uploads load it alone: `@cd/db/staging`.
 */
import type { NewSendWindow } from '@cd/shared';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;

/** A text field in COPY's text format: backslash, tab and line ends escaped. */
function copyField(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : s;
}

/**
 * One window as a line of COPY text for the staging table (its columns in order), for Afnemer `afnemerOin`; instants
 * as epoch milliseconds (toISOString took 0.4 s for a 100,000-row delivery). Pure: the worker threads build these.
 */
export function deliveryCopyLine(afnemerOin: string, w: NewSendWindow): string {
  return (
    `${copyField(afnemerOin)}\t${copyField(w.kenmerk)}\t${copyField(w.omschrijving)}\t${copyField(w.berichttype)}\t` +
    `${w.start.getTime()}\t${w.end.getTime()}\t${w.aantalBerichten}\t${w.status}\t` +
    `${w.vroegsteStart ? w.vroegsteStart.getTime() : '\\N'}\t${w.laatsteEind ? w.laatsteEind.getTime() : '\\N'}\n`
  );
}

const CHUNK_ROWS = 5000;

/**
 * Rows read from a file, turned into COPY text for the staging table, with what the server checks before it
 * stores them: each row's file line and the Afnemer the file names (null when none). Rows without an Afnemer of
 * their own are staged for `ownAfnemer` (the planner's), or for none ('') when that is null too.
 */
export interface DeliveryRowsStaged {
  chunks: string[];
  lines: number[];
  afnemers: (string | null)[];
}

/** The staged form of parsed rows (see DeliveryRowsStaged). */
export function deliveryRowsStage(rows: readonly { line: number; window: NewSendWindow }[], ownAfnemer: string | null): DeliveryRowsStaged {
  const chunks: string[] = [];
  const lines: number[] = new Array(rows.length);
  const afnemers: (string | null)[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    let chunk = '';
    for (let j = i; j < Math.min(rows.length, i + CHUNK_ROWS); j++) {
      const { line, window } = rows[j]!;
      lines[j] = line;
      afnemers[j] = window.afnemer;
      chunk += deliveryCopyLine(ownAfnemer ?? window.afnemer ?? '', window);
    }
    chunks.push(chunk);
  }
  return { chunks, lines, afnemers };
}

/** Rows per piece of a streamed delivery: each is merged on its own while the worker reads on (deliveriesBulkStream). */
export const STREAM_ROWS = 20_000;

/**
 * Stages rows one by one as the parser passes them on (PrognoseRowSink): every STREAM_ROWS rows, the text so far
 * goes to `emit` when one is given (and no row has failed yet), else it is kept in `chunks`. `finish` returns what
 * was not emitted, with the line and Afnemer of every row.
 */
export function deliveryRowsStager(ownAfnemer: string | null, emit?: (chunk: string) => void) {
  const out: DeliveryRowsStaged = { chunks: [], lines: [], afnemers: [] };
  let chunk = '';
  let n = 0;
  return {
    add(row: { line: number; window: NewSendWindow }, clean: boolean): void {
      // A file with an error is refused whatever follows: its rows need no staging.
      if (!clean) return;
      out.lines.push(row.line);
      out.afnemers.push(row.window.afnemer);
      chunk += deliveryCopyLine(ownAfnemer ?? row.window.afnemer ?? '', row.window);
      if (++n === STREAM_ROWS) {
        if (emit) emit(chunk);
        else out.chunks.push(chunk);
        chunk = '';
        n = 0;
      }
    },
    finish(): DeliveryRowsStaged {
      if (n > 0) out.chunks.push(chunk);
      chunk = '';
      n = 0;
      return out;
    },
  };
}

const STAGING_COLUMNS = 10;
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

/** COPY text read back into its columns (null for \\N), for a small delivery's INSERT. */
export function copyColumns(chunks: readonly string[]): (string | null)[][] {
  const columns: (string | null)[][] = Array.from({ length: STAGING_COLUMNS }, () => []);
  for (const chunk of chunks) {
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      line.split('\t').forEach((field, i) => {
        columns[i]!.push(field === '\\N' ? null : field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c) : field);
      });
    }
  }
  return columns;
}
