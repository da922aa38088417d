import { afnemersList, deliveriesBulkStore, deliveriesBulkStream, type DeliveryRow, type Tx, type UserRow } from '@cd/db';
import { DryRunResult, dutchCount, PrognoseJsonUpload, prognoseTemplateCsv, UploadResult, type NewSendWindow, type ParsedRow, type RowError } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, type AppEnv, userMay } from '../lib/context.js';
import { apiRoute, apiRouter, tooLarge, unsupportedType } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { conflictsRecompute } from '../services/conflicts-recompute.js';
import { deliveryDryRun } from '../services/dry-run.js';
import { deliveryJson } from '../views/prognoses.js';
import { chunkQueue, deliveryRead, type DeliveryReadResult, jsonUploadOffThread, uploadLimit, XLSX_TYPE } from '../lib/prognose-upload.js';

/**
 * The Afnemer of every row (by index) after checking who may deliver for whom, and the rows per Afnemer, sorted by
 * OIN (so two uploads spanning the same Afnemers take their locks in one order); throws 403 or 400 problems.
 */
async function rowAfnemers(
  c: Context<AppEnv>,
  user: UserRow,
  lines: readonly number[],
  named: readonly (string | null)[],
): Promise<{ oins: string[]; counts: [string, number][] }> {
  const errors: RowError[] = [];
  const own = accessScope(user, 'prognose.deliver');
  if (own !== null) {
    const foreign: RowError[] = [];
    named.forEach((oin, i) => {
      if (oin !== null && oin !== own) foreign.push({ row: lines[i]!, field: 'afnemer', message: `OIN ${oin} is niet uw Afnemer.` });
    });
    if (foreign.length > 0) throw new ProblemError(403, 'U mag alleen prognoses aanleveren voor uw eigen Afnemer. Er is niets opgeslagen.', foreign);
  }
  const known = new Set((await afnemersList(c.get('deps').sql)).map((a) => a.oin));
  const oins: string[] = new Array(named.length);
  const counts = new Map<string, number>();
  named.forEach((given, i) => {
    const oin = own ?? given;
    if (!oin) {
      errors.push({ row: lines[i]!, field: 'afnemer', message: 'Vul de OIN van de Afnemer in: Logius levert aan namens een Afnemer.' });
    } else if (!known.has(oin)) {
      errors.push({ row: lines[i]!, field: 'afnemer', message: `Onbekende Afnemer met OIN ${oin}.` });
    } else {
      oins[i] = oin;
      counts.set(oin, (counts.get(oin) ?? 0) + 1);
    }
  });
  if (errors.length > 0) throw new ProblemError(400, `${dutchCount(errors.length, 'regel', 'regels')} met fouten; er is niets opgeslagen.`, errors);
  return { oins, counts: [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)) };
}

/** Rows grouped by Afnemer, as the dry run takes them. */
async function rowsByAfnemer(c: Context<AppEnv>, user: UserRow, rows: readonly ParsedRow[]): Promise<[string, NewSendWindow[]][]> {
  const { oins, counts } = await rowAfnemers(
    c,
    user,
    rows.map((r) => r.line),
    rows.map((r) => r.window.afnemer),
  );
  const groups = new Map<string, NewSendWindow[]>(counts.map(([oin]) => [oin, []]));
  rows.forEach((r, i) => groups.get(oins[i]!)!.push(r.window));
  return [...groups.entries()];
}

const uploadBody = (json: typeof PrognoseJsonUpload | { $ref: string }) => ({
  description: 'Het bestand als ruwe body (CSV of XLSX), als multipart-veld "file", of JSON.',
  content: {
    'application/json': {
      schema: json,
      example: {
        windows: [
          {
            kenmerk: 'BB-2027-001',
            omschrijving: 'Jaarlijkse aanslag inkomstenbelasting',
            berichttype: 'Aanslag',
            start: '2027-01-15T08:00:00+01:00',
            eind: '2027-01-15T18:00:00+01:00',
            aantalBerichten: 1_250_000,
            status: 'concept',
          },
        ],
      },
    },
    // The template itself, without its byte-order mark: a CSV with one example row that parses cleanly.
    'text/csv': { schema: { type: 'string' as const }, example: prognoseTemplateCsv().replace(/^\uFEFF/, '') },
    [XLSX_TYPE]: { schema: { type: 'string' as const, format: 'binary' } },
    'multipart/form-data': {
      schema: { type: 'object' as const, properties: { file: { type: 'string' as const, format: 'binary' } }, required: ['file'] },
    },
  },
});

const uploadRoute = apiRoute({
  method: 'post',
  path: '/',
  tags: ['Prognoses'],
  operationId: 'uploadPrognoses',
  summary: 'Prognose aanleveren',
  description:
    'Een aanlevering van verzendmomenten als CSV (zoals Excel die opslaat), XLSX (eerste werkblad) of JSON; als ruwe body of multipart-veld "file". Alles of niets: bij een fout wordt niets opgeslagen en volgt per regel en veld een melding. Hoogstens 20 MB en 100.000 regels; alle tijden binnen de planningshorizon. Met dryRun=true wordt alleen getoond welke conflicten de aanlevering zou veroorzaken, verergeren of oplossen.',
  middleware: [uploadLimit, jsonUploadOffThread] as const,
  request: {
    query: z.object({
      dryRun: z.enum(['true', 'false']).optional().openapi({
        description: 'true: alleen controleren en tonen welke conflicten de aanlevering zou veroorzaken, verergeren of oplossen; er wordt niets opgeslagen',
      }),
    }),
    // Not marked required: with required, the JSON validator would also run on CSV and XLSX bodies.
    body: uploadBody(PrognoseJsonUpload),
  },
  responses: {
    200: { description: 'Proefaanlevering (dryRun=true): het effect op de conflicten', content: { 'application/json': { schema: DryRunResult } } },
    201: { description: 'Opgeslagen', content: { 'application/json': { schema: UploadResult } } },
    413: tooLarge,
    415: unsupportedType,
  },
});

const router = apiRouter();
// The document shows the route with its JSON schema; the route itself is served without it (hidden, and with a mere
// reference), so no validator parses the JSON body on the event loop: jsonUploadOffThread does that in a worker.
const { middleware: _served, ...uploadDocumented } = uploadRoute;
router.openAPIRegistry.registerPath(uploadDocumented);

/** The read's errors as the problem to answer: 413 for too many rows, else 400 with every row error. */
function readProblem(result: Extract<DeliveryReadResult, { ok: false }>): ProblemError {
  if (result.tooManyRows) return new ProblemError(413, result.errors[0]?.message ?? 'Te veel regels.', result.errors);
  return new ProblemError(400, `${dutchCount(result.errors.length, 'fout', 'fouten')} in de aanlevering; er is niets opgeslagen.`, result.errors);
}

/** The answer to a stored upload. */
function uploadAnswer(c: Context<AppEnv>, deliveries: DeliveryRow[], rowCount: number) {
  const sum = (k: 'created' | 'updated' | 'unchanged') => deliveries.reduce((n: number, d: DeliveryRow) => n + d[k], 0);
  return c.json(
    {
      deliveries: deliveries.map(deliveryJson),
      rowCount,
      created: sum('created'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
    },
    201,
  );
}

const noop = () => {};

const recomputeReason = (fileName: string | null) => `Nieuwe aanlevering${fileName ? ` (${fileName})` : ''}`;

/**
 * A planner's large CSV stored while the worker still reads it (issue 16): each piece of STREAM_ROWS (20,000) rows is merged as it
 * comes, in one transaction that is rolled back when the file turns out to hold an error, a foreign or unknown
 * Afnemer, or too many rows; so the answer and the stored state are those of the unstreamed path.
 */
async function streamedStore(c: Context<AppEnv>, user: UserRow, own: string, pieces: ReturnType<typeof chunkQueue>, reading: ReturnType<typeof deliveryRead>) {
  const { sql, now } = c.get('deps');
  let read: Awaited<typeof reading> | null = null;
  // Settled whatever the transaction does, so a read that fails after the transaction did is never left unhandled.
  void reading.then(
    (r) => {
      read = r;
      pieces.end();
    },
    (err: unknown) => pieces.fail(err),
  );
  const stored = await sql.begin(async (tx: Tx) => {
    const bulk = await deliveriesBulkStream(tx, own, user.id, now());
    for await (const chunk of pieces) await bulk.add(chunk);
    const { result, fileName, contentType } = read!;
    if (!result.ok) throw readProblem(result);
    if (!('staged' in result)) throw new Error('een gestreamde aanlevering zonder staging');
    const { staged } = result;
    await rowAfnemers(c, user, staged.lines, staged.afnemers);
    for (const chunk of staged.chunks) await bulk.add(chunk);
    const done = await bulk.finish({ fileName, contentType, rowCount: staged.lines.length });
    if (done.affected.length > 0) await conflictsRecompute(tx, done.affected, now(), recomputeReason(fileName), c.get('deps').procedure, c.get('planning'));
    return { deliveries: done.deliveries, rowCount: staged.lines.length };
  });
  return uploadAnswer(c, stored.deliveries, stored.rowCount);
}

export const prognoseUpload = router.openapi(
  { ...uploadRoute, hide: true, request: { ...uploadRoute.request, body: uploadBody({ $ref: '#/components/schemas/PrognoseUpload' }) } },
  async (c) => {
    const user = userMay(c, 'prognose.deliver');
    const dryRun = c.req.valid('query').dryRun === 'true';
    const own = accessScope(user, 'prognose.deliver');
    // A planner's CSV of more than STREAM_ROWS (20,000) rows is stored while it is read: its first piece starts the transaction.
    const pieces = dryRun || own === null ? null : chunkQueue();
    const reading = deliveryRead(c, dryRun ? { staged: false } : { staged: true, ownAfnemer: own, onChunk: pieces?.push });
    if (pieces && own !== null) {
      await Promise.race([pieces.started, reading.then(noop, noop)]);
      // The worker sends every piece before its result, so a read that is done has passed on all it streamed.
      if (pieces.pushed > 0) return streamedStore(c, user, own, pieces, reading);
    }
    const { result, fileName, contentType } = await reading;
    if (!result.ok) throw readProblem(result);
    const { sql, now } = c.get('deps');
    if (!('staged' in result)) return c.json(await deliveryDryRun(sql, await rowsByAfnemer(c, user, result.rows), afnemerScope(user)), 200);
    const { staged } = result;
    const { counts } = await rowAfnemers(c, user, staged.lines, staged.afnemers);
    const rowCount = staged.lines.length;
    const deliveries = await sql.begin(async (tx: Tx) => {
      const stored = await deliveriesBulkStore(tx, { chunks: staged.chunks, counts }, { userId: user.id, fileName, contentType, at: now() });
      if (stored.affected.length > 0) {
        await conflictsRecompute(tx, stored.affected, now(), recomputeReason(fileName), c.get('deps').procedure, c.get('planning'));
      }
      return stored.deliveries;
    });
    return uploadAnswer(c, deliveries, rowCount);
  },
);
