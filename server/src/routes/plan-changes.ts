import type { Tx } from '@cd/db';
import { PLAN_CHANGE_UNDO_MS, PlanChangeUndone } from '@cd/shared';
import { userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { planChangeUndo } from '../services/window-moves.js';

export const planChanges = apiRouter().openapi(
  apiRoute({
    method: 'post',
    path: '/{id}/undo',
    tags: ['Prognoses'],
    operationId: 'undoPlanChange',
    summary: 'Planwijziging ongedaan maken',
    description: `Maakt een planwijziging ongedaan, binnen ${PLAN_CHANGE_UNDO_MS / 60_000} minuten, door wie haar deed of de capaciteitsmanager: elk venster krijgt zijn vorige stand terug, als nieuwe planwijziging. 409 na ${PLAN_CHANGE_UNDO_MS / 60_000} minuten, als ze al ongedaan is gemaakt of als een venster sindsdien weer is gewijzigd.`,
    request: { params: IdParam },
    responses: {
      201: { description: 'De ongedaanmaking, zelf een planwijziging', content: { 'application/json': { schema: PlanChangeUndone } } },
      404: notFound,
      409: conflict,
    },
  }),
  async (c) => {
    const user = userRequire(c);
    const deps = c.get('deps');
    const now = deps.now();
    const done = await deps.sql.begin((tx: Tx) =>
      planChangeUndo(tx, c.req.valid('param').id, { user, now, procedure: deps.procedure, planning: c.get('planning') }),
    );
    return c.json({ planChange: { id: done.planChangeId, undoUntil: done.undoUntil.toISOString() }, undoOf: done.undoOf, windows: done.windows }, 201);
  },
);
