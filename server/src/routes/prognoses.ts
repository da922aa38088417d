import {
  afnemersList,
  deliveriesList,
  deliveryStore,
  sendWindowById,
  sendWindowCancel,
  sendWindowRevisions,
  sendWindowsList,
  type DeliveryRow,
  type SendWindowRow,
  type Tx,
  type UserRow,
} from '@cd/db';
import {
  Delivery,
  DryRunResult,
  PlanChangePreview,
  PrognosePatch,
  SendWindowChanged,
  PrognoseJsonUpload,
  prognoseTemplateCsv,
  SendWindow,
  SendWindowDetail,
  SendWindowPage,
  SendWindowQuery,
  UPLOAD_LIMITS,
  UploadResult,
  type NewSendWindow,
  type ParseResult,
  type PlanningHorizon,
  type RowError,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { createMiddleware } from 'hono/factory';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, type AppEnv, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound, tooLarge, unsupportedType } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { prognoseTemplateXlsx, prognoseXlsxParse } from '../lib/prognose-xlsx.js';
import { conflictsRecompute } from '../services/conflicts-recompute.js';
import { deliveryDryRun } from '../services/dry-run.js';
import { windowsChange, windowsChangePreview } from '../services/window-moves.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';
import { prognoseCsvParseOffThread, prognoseJsonUploadOffThread } from '../services/cpu-pool.js';
import type { JsonUploadResult } from '../services/cpu-tasks.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendWindowJson(w: SendWindowRow): SendWindow {
  return {
    id: w.id,
    afnemer: w.afnemerOin,
    kenmerk: w.kenmerk,
    omschrijving: w.omschrijving,
    berichttype: w.berichttype,
    start: w.startAt.toISOString(),
    eind: w.endAt.toISOString(),
    aantalBerichten: w.aantalBerichten,
    status: w.status,
    vroegsteStart: w.vroegsteStart?.toISOString() ?? null,
    laatsteEind: w.laatsteEind?.toISOString() ?? null,
    revision: w.revision,
    deliveryId: w.deliveryId,
    updatedAt: w.updatedAt.toISOString(),
  };
}

function deliveryJson(d: DeliveryRow): Delivery {
  return { ...d, afnemer: d.afnemerOin, uploadedAt: d.uploadedAt.toISOString() };
}

function fileKind(contentType: string, fileName: string | null): 'csv' | 'xlsx' | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const name = fileName?.toLowerCase() ?? '';
  if (type === XLSX_TYPE || name.endsWith('.xlsx')) return 'xlsx';
  if (['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'].includes(type) || name.endsWith('.csv')) return 'csv';
  return null;
}

function fileNameFromDisposition(header: string | undefined): string | null {
  const match = header?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]!) : null;
}

async function parseFile(kind: 'csv' | 'xlsx', bytes: Uint8Array, horizon: PlanningHorizon): Promise<ParseResult> {
  return kind === 'xlsx'
    ? prognoseXlsxParse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { maxRows: UPLOAD_LIMITS.maxRows, horizon })
    : prognoseCsvParseOffThread(bytes, { maxRows: UPLOAD_LIMITS.maxRows, horizon });
}

/** Reads the delivery from multipart, a raw CSV/XLSX body or JSON, into validated rows. */
async function deliveryRead(c: Context<AppEnv>): Promise<{ result: ParseResult; fileName: string | null; contentType: string }> {
  const contentType = c.req.header('content-type') ?? '';
  const horizon = horizonNow(c.get('deps'));
  if (/^application\/json/i.test(contentType)) {
    return { result: jsonUploads.get(c.req.raw) as ParseResult, fileName: null, contentType: 'application/json' };
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
      result: await parseFile(kind, new Uint8Array(await file.arrayBuffer()), horizon),
      fileName: file.name,
      contentType: kind === 'xlsx' ? XLSX_TYPE : 'text/csv',
    };
  }
  const fileName = fileNameFromDisposition(c.req.header('content-disposition'));
  const kind = fileKind(contentType, fileName);
  if (!kind) {
    throw new ProblemError(415, 'Stuur een CSV-bestand (text/csv), een Excel-bestand (.xlsx), JSON of een multipart-formulier.');
  }
  return { result: await parseFile(kind, new Uint8Array(await c.req.arrayBuffer()), horizon), fileName, contentType: kind === 'xlsx' ? XLSX_TYPE : 'text/csv' };
}

/** Groups rows by Afnemer after checking who may deliver for whom; throws 403 or 400 problems. */
async function rowsByAfnemer(c: Context<AppEnv>, user: UserRow, rows: { line: number; window: NewSendWindow }[]) {
  const groups = new Map<string, NewSendWindow[]>();
  const errors: RowError[] = [];
  const own = accessScope(user, 'prognose.deliver');
  if (own !== null) {
    const foreign = rows.filter((r) => r.window.afnemer !== null && r.window.afnemer !== own);
    if (foreign.length > 0) {
      throw new ProblemError(
        403,
        'U mag alleen prognoses aanleveren voor uw eigen Afnemer. Er is niets opgeslagen.',
        foreign.map((r) => ({ row: r.line, field: 'afnemer', message: `OIN ${r.window.afnemer} is niet uw Afnemer.` })),
      );
    }
  }
  const known = new Set((await afnemersList(c.get('deps').sql)).map((a) => a.oin));
  for (const { line, window } of rows) {
    const oin = own ?? window.afnemer;
    if (!oin) {
      errors.push({ row: line, field: 'afnemer', message: 'Vul de OIN van de Afnemer in: Logius levert aan namens een Afnemer.' });
    } else if (!known.has(oin)) {
      errors.push({ row: line, field: 'afnemer', message: `Onbekende Afnemer met OIN ${oin}.` });
    } else {
      const group = groups.get(oin);
      if (group) group.push(window);
      else groups.set(oin, [window]);
    }
  }
  if (errors.length > 0) throw new ProblemError(400, `${errors.length} regel(s) met fouten; er is niets opgeslagen.`, errors);
  // Sorted, so two uploads spanning the same Afnemers take their locks in one order.
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

const uploadLimit = bodyLimit({
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
const jsonUploadOffThread = createMiddleware<AppEnv>(async (c, next) => {
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

const uploadBody = (json: typeof PrognoseJsonUpload | { $ref: string }) => ({
  description: 'Het bestand als ruwe body (CSV of XLSX), als multipart-veld "file", of JSON.',
  content: {
    'application/json': { schema: json },
    'text/csv': { schema: { type: 'string' as const } },
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
  summary: 'Een aanlevering van verzendmomenten (CSV, XLSX of JSON); alles of niets',
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

export const prognoses = router
  .openapi(
    { ...uploadRoute, hide: true, request: { ...uploadRoute.request, body: uploadBody({ $ref: '#/components/schemas/PrognoseUpload' }) } },
    async (c) => {
      const user = userMay(c, 'prognose.deliver');
      const { result, fileName, contentType } = await deliveryRead(c);
      if (!result.ok) {
        if (result.tooManyRows) throw new ProblemError(413, result.errors[0]?.message ?? 'Te veel regels.', result.errors);
        throw new ProblemError(400, `${result.errors.length} fout(en) in de aanlevering; er is niets opgeslagen.`, result.errors);
      }
      const groups = await rowsByAfnemer(c, user, result.rows);
      const { sql, now } = c.get('deps');
      if (c.req.valid('query').dryRun === 'true') return c.json(await deliveryDryRun(sql, groups, afnemerScope(user)), 200);
      const deliveries = await sql.begin(async (tx: Tx) => {
        const stored: DeliveryRow[] = [];
        const span: { from: number; to: number }[] = [];
        for (const [afnemerOin, windows] of groups) {
          const { delivery, affected } = await deliveryStore(tx, { afnemerOin, userId: user.id, fileName, contentType, windows });
          stored.push(delivery);
          if (affected) span.push(...affected);
        }
        if (span.length > 0) await conflictsRecompute(tx, span, now(), `Nieuwe aanlevering${fileName ? ` (${fileName})` : ''}`, c.get('deps').procedure);
        return stored;
      });
      const sum = (k: 'created' | 'updated' | 'unchanged') => deliveries.reduce((n: number, d: DeliveryRow) => n + d[k], 0);
      return c.json(
        {
          deliveries: deliveries.map(deliveryJson),
          rowCount: result.rows.length,
          created: sum('created'),
          updated: sum('updated'),
          unchanged: sum('unchanged'),
        },
        201,
      );
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Prognoses'],
      summary: 'Verzendmomenten, gefilterd en gepagineerd',
      request: { query: SendWindowQuery },
      responses: { 200: { description: 'Eén pagina', content: { 'application/json': { schema: SendWindowPage } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const own = afnemerScope(user);
      if (own && q.afnemer && q.afnemer !== own) throw new ProblemError(403, 'U kunt alleen de prognoses van uw eigen Afnemer inzien.');
      const { rows, total } = await sendWindowsList(c.get('deps').sql, {
        afnemerOin: own ?? q.afnemer ?? null,
        from: q.from ? new Date(q.from) : null,
        to: q.to ? new Date(q.to) : null,
        status: q.status ?? null,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return c.json({ items: rows.map(sendWindowJson), page: q.page, pageSize: q.pageSize, total }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/template.csv',
      tags: ['Prognoses'],
      summary: 'Sjabloon voor een aanlevering als CSV',
      responses: { 200: { description: 'CSV-sjabloon', content: { 'text/csv': { schema: { type: 'string' } } } } },
    }),
    (c) => {
      userRequire(c);
      return c.body(prognoseTemplateCsv(), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="prognose-sjabloon.csv"',
      });
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/template.xlsx',
      tags: ['Prognoses'],
      summary: 'Sjabloon voor een aanlevering als Excel-bestand',
      responses: { 200: { description: 'XLSX-sjabloon', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } } },
    }),
    async (c) => {
      userRequire(c);
      const body = await prognoseTemplateXlsx();
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': 'attachment; filename="prognose-sjabloon.xlsx"',
      });
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Prognoses'],
      summary: 'Eén verzendmoment met zijn revisiegeschiedenis',
      request: { params: IdParam },
      responses: {
        200: { description: 'Het verzendmoment', content: { 'application/json': { schema: SendWindowDetail } } },
        404: notFound,
      },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql } = c.get('deps');
      const w = await sendWindowById(sql, c.req.valid('param').id);
      if (!w) throw new ProblemError(404, 'Dit verzendmoment bestaat niet.');
      const own = afnemerScope(user);
      if (own && w.afnemerOin !== own) throw new ProblemError(403, 'Dit verzendmoment hoort bij een andere Afnemer.');
      const revisions = (await sendWindowRevisions(sql, w.id)).map((r) => ({
        revision: r.revision,
        deliveryId: r.deliveryId,
        changedBy: r.changedBy,
        changedAt: r.changedAt.toISOString(),
        omschrijving: r.omschrijving,
        berichttype: r.berichttype,
        start: r.startAt.toISOString(),
        eind: r.endAt.toISOString(),
        aantalBerichten: r.aantalBerichten,
        status: r.status,
      }));
      return c.json({ ...sendWindowJson(w), revisions }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'patch',
      path: '/{id}',
      tags: ['Prognoses'],
      summary: 'Eén verzendmoment wijzigen (start, eind, aantal, status) als planwijziging; 15 minuten ongedaan te maken',
      request: {
        params: IdParam,
        query: z.object({
          dryRun: z.enum(['true', 'false']).optional().openapi({
            description:
              'true: alleen tonen welke conflicten de wijziging zou veroorzaken, verergeren of oplossen, en het venster voor en na; er wordt niets opgeslagen',
          }),
        }),
        body: { required: true, content: { 'application/json': { schema: PrognosePatch } } },
      },
      responses: {
        200: {
          description: 'Het gewijzigde verzendmoment met de planwijziging, of bij dryRun=true het effect',
          content: { 'application/json': { schema: z.union([SendWindowChanged, PlanChangePreview]) } },
        },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userMay(c, 'prognose.edit');
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const patch = c.req.valid('json');
      const w = await sendWindowById(deps.sql, id);
      if (!w) throw new ProblemError(404, 'Dit verzendmoment bestaat niet.');
      const own = accessScope(user, 'prognose.edit');
      if (own && w.afnemerOin !== own) throw new ProblemError(403, 'U kunt alleen verzendmomenten van uw eigen Afnemer wijzigen.');
      const change = {
        windowId: id,
        start: patch.start ? new Date(patch.start) : w.startAt,
        end: patch.eind ? new Date(patch.eind) : w.endAt,
        aantalBerichten: patch.aantalBerichten,
        status: patch.status,
      };
      // Only what the edit sets must lie within the horizon: an old window may still be corrected in its count.
      horizonRequire(
        horizonNow(deps),
        horizonFields(change)
          .filter((f) => (f.field === 'start' ? patch.start : patch.eind) !== undefined)
          .map((f) => (f.field === 'end' ? { ...f, field: 'eind' } : f)),
      );
      const now = deps.now();
      if (c.req.valid('query').dryRun === 'true') {
        return c.json(await windowsChangePreview(deps.sql, c.get('planning'), [change], user, now), 200);
      }
      const done = await deps.sql.begin((tx: Tx) => windowsChange(tx, [change], { source: 'handmatig', user, now, procedure: deps.procedure }));
      const after = (await sendWindowById(deps.sql, id))!;
      return c.json({ ...sendWindowJson(after), planChange: { id: done.planChangeId, undoUntil: done.undoUntil.toISOString() } }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['Prognoses'],
      summary: 'Een verzendmoment annuleren (status geannuleerd; de geschiedenis blijft)',
      request: { params: IdParam },
      responses: {
        200: { description: 'Het geannuleerde verzendmoment', content: { 'application/json': { schema: SendWindow } } },
        404: notFound,
      },
    }),
    async (c) => {
      const user = userMay(c, 'prognose.deliver');
      const { sql } = c.get('deps');
      const id = c.req.valid('param').id;
      const w = await sendWindowById(sql, id);
      if (!w) throw new ProblemError(404, 'Dit verzendmoment bestaat niet.');
      const own = accessScope(user, 'prognose.deliver');
      if (own !== null && w.afnemerOin !== own) {
        throw new ProblemError(403, 'U kunt alleen verzendmomenten van uw eigen Afnemer annuleren.');
      }
      const cancelled = await sql.begin(async (tx: Tx) => {
        const after = await sendWindowCancel(tx, id, user.id);
        if (after && after.revision !== w.revision) {
          await conflictsRecompute(
            tx,
            { from: w.startAt.getTime(), to: w.endAt.getTime() },
            c.get('deps').now(),
            `Verzendmoment ${w.kenmerk} geannuleerd`,
            c.get('deps').procedure,
          );
        }
        return after;
      });
      return c.json(sendWindowJson(cancelled!), 200);
    },
  );

export const deliveries = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/',
    tags: ['Prognoses'],
    summary: 'De laatste aanleveringen (van de eigen Afnemer, of alle voor Logius)',
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
    responses: { 200: { description: 'Aanleveringen', content: { 'application/json': { schema: z.array(Delivery) } } } },
  }),
  async (c) => {
    const user = userRequire(c);
    const rows = await deliveriesList(c.get('deps').sql, afnemerScope(user), c.req.valid('query').limit);
    return c.json(rows.map(deliveryJson), 200);
  },
);
