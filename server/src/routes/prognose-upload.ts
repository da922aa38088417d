import { afnemersList, deliveryStore, type DeliveryRow, type Tx, type UserRow } from '@cd/db';
import { DryRunResult, dutchCount, PrognoseJsonUpload, prognoseTemplateCsv, UploadResult, type NewSendWindow, type RowError } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, type AppEnv, userMay } from '../lib/context.js';
import { apiRoute, apiRouter, tooLarge, unsupportedType } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { conflictsRecompute } from '../services/conflicts-recompute.js';
import { deliveryDryRun } from '../services/dry-run.js';
import { deliveryJson } from '../views/prognoses.js';
import { deliveryRead, jsonUploadOffThread, uploadLimit, XLSX_TYPE } from '../lib/prognose-upload.js';

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
  if (errors.length > 0) throw new ProblemError(400, `${dutchCount(errors.length, 'regel', 'regels')} met fouten; er is niets opgeslagen.`, errors);
  // Sorted, so two uploads spanning the same Afnemers take their locks in one order.
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
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

export const prognoseUpload = router.openapi(
  { ...uploadRoute, hide: true, request: { ...uploadRoute.request, body: uploadBody({ $ref: '#/components/schemas/PrognoseUpload' }) } },
  async (c) => {
    const user = userMay(c, 'prognose.deliver');
    const { result, fileName, contentType } = await deliveryRead(c);
    if (!result.ok) {
      if (result.tooManyRows) throw new ProblemError(413, result.errors[0]?.message ?? 'Te veel regels.', result.errors);
      throw new ProblemError(400, `${dutchCount(result.errors.length, 'fout', 'fouten')} in de aanlevering; er is niets opgeslagen.`, result.errors);
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
);
