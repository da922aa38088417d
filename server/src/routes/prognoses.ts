import { planningVersion, sendWindowById, sendWindowCancel, sendWindowRevisions, sendWindowIdsOrdered, sendWindowsByIdsOrdered, type Tx } from '@cd/db';
import {
  PLAN_CHANGE_UNDO_MS,
  PlanChangePreview,
  PrognosePatch,
  SendWindowChanged,
  SendWindow,
  SendWindowDetail,
  SendWindowPage,
  SendWindowQuery,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { conflictsRecompute } from '../services/conflicts-recompute.js';
import { windowsChange, windowsChangePreview } from '../services/window-moves.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';
import { sendWindowJson, sendWindowRevisionJson } from '../views/prognoses.js';

export const prognoses = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Prognoses'],
      operationId: 'listPrognoses',
      summary: 'Verzendmomenten zoeken',
      description: 'Verzendmomenten, gefilterd op Afnemer, periode en status en gepagineerd. Een planner ziet alleen die van de eigen Afnemer.',
      request: { query: SendWindowQuery },
      responses: { 200: { description: 'Eén pagina', content: { 'application/json': { schema: SendWindowPage } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const own = afnemerScope(user);
      if (own && q.afnemer && q.afnemer !== own) throw new ProblemError(403, 'U kunt alleen de prognoses van uw eigen Afnemer inzien.');
      const { sql } = c.get('deps');
      const filter = {
        afnemerOin: own ?? q.afnemer ?? null,
        from: q.from ? new Date(q.from) : null,
        to: q.to ? new Date(q.to) : null,
        status: q.status ?? null,
      };
      // The order of all matching windows (50,000 in a year) changes only with the windows, and every change of a
      // window raises the planning version: read once per version and filter, each page is then a read by id (a
      // page far down no longer walks the index past all windows before it), and the total is its length.
      const version = await planningVersion(sql);
      const order = await c.get('windowOrder')(version, JSON.stringify(filter), () => sendWindowIdsOrdered(sql, filter));
      const ids = order.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      const rows = ids.length > 0 ? await sendWindowsByIdsOrdered(sql, ids) : [];
      const total = order.length;
      return c.json({ items: rows.map(sendWindowJson), page: q.page, pageSize: q.pageSize, total }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Prognoses'],
      operationId: 'getPrognose',
      summary: 'Eén verzendmoment',
      description: 'Eén verzendmoment met zijn revisiegeschiedenis: elke aanlevering, wijziging, verplaatsing en ongedaanmaking, met bron en tijdstip.',
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
      const revisions = (await sendWindowRevisions(sql, w.id)).map(sendWindowRevisionJson);
      return c.json({ ...sendWindowJson(w), revisions }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'patch',
      path: '/{id}',
      tags: ['Prognoses'],
      operationId: 'updatePrognose',
      summary: 'Verzendmoment wijzigen',
      description: `Wijzigt start, eind, aantal berichten en/of status van één verzendmoment (de eigen planner, of de capaciteitsmanager namens de Afnemer). Elke wijziging is een planwijziging die ${PLAN_CHANGE_UNDO_MS / 60_000} minuten ongedaan te maken is. Met dryRun=true: het venster voor en na en welke conflicten ontstaan, erger worden of verdwijnen, zonder iets op te slaan.`,
      request: {
        params: IdParam,
        query: z.object({
          dryRun: z.enum(['true', 'false']).optional().openapi({
            description:
              'true: alleen tonen welke conflicten de wijziging zou veroorzaken, verergeren of oplossen, en het venster voor en na; er wordt niets opgeslagen',
          }),
        }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: PrognosePatch,
              example: { start: '2027-01-15T10:00:00+01:00', eind: '2027-01-15T20:00:00+01:00', aantalBerichten: 1_000_000 },
            },
          },
        },
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
      const done = await deps.sql.begin((tx: Tx) =>
        windowsChange(tx, [change], { source: 'handmatig', user, now, procedure: deps.procedure, planning: c.get('planning') }),
      );
      const after = (await sendWindowById(deps.sql, id))!;
      return c.json({ ...sendWindowJson(after), planChange: { id: done.planChangeId, undoUntil: done.undoUntil.toISOString() } }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['Prognoses'],
      operationId: 'cancelPrognose',
      summary: 'Verzendmoment annuleren',
      description: 'Annuleert een verzendmoment: de status wordt geannuleerd en de conflicten worden herberekend; de geschiedenis blijft bewaard.',
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
        const after = await sendWindowCancel(tx, id, user.id, c.get('deps').now());
        if (after && after.revision !== w.revision) {
          await conflictsRecompute(
            tx,
            { from: w.startAt.getTime(), to: w.endAt.getTime() },
            c.get('deps').now(),
            `Verzendmoment ${w.kenmerk} geannuleerd`,
            c.get('deps').procedure,
            c.get('planning'),
          );
        }
        return after;
      });
      return c.json(sendWindowJson(cancelled!), 200);
    },
  );
