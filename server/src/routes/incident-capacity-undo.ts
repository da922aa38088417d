import { incidentById, incidentEventAppend, incidentUpdate } from '@cd/db';
import { DryRunQuery, MAINTENANCE_UNDO_MINUTES, MaintenanceChangeResult, PlanningDryRunResult } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userMay } from '../lib/context.js';
import { apiRoute, apiRouter, conflict, IdParam, notFound } from '../lib/openapi.js';
import { maintenanceUndo, maintenanceUndoDryRun } from '../services/capacity-changes.js';
import { incidentAssertVisible, trailActor } from '../services/incidents.js';
import { incidentForPreview } from './incident-capacity-impacts.js';

const ChangeParams = IdParam.extend({
  changeId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'changeId', in: 'path' }, example: 1 }),
});

/** Undoing an incident's capacity change: the maintenance calendar's undo, with the incident's own trail. */
export const incidentImpactUndo = apiRouter().openapi(
  apiRoute({
    method: 'post',
    path: '/{id}/capacity-impacts/changes/{changeId}/undo',
    tags: ['Incidenten'],
    operationId: 'undoIncidentCapacityImpactChange',
    summary: 'Capaciteitsverlaging of opheffing ongedaan maken',
    description: `Maakt het verlagen of opheffen van een capaciteitsverlaging van dit incident ongedaan, tot ${MAINTENANCE_UNDO_MINUTES} minuten erna, door wie de wijziging deed of de capaciteitsmanager (anders 403; dezelfde regel, termijn en hetzelfde spoor als de andere planwijzigingen); daarna, of als ze al ongedaan is gemaakt, 409. Het incident krijgt de gebeurtenis in zijn spoor. Met dryRun=true wordt alleen het effect getoond.`,
    request: { params: ChangeParams, query: DryRunQuery },
    responses: {
      200: {
        description: 'Ongedaan gemaakt, met wat dat met de conflicten deed; of met dryRun=true wat het zou doen',
        content: { 'application/json': { schema: z.union([MaintenanceChangeResult, PlanningDryRunResult]) } },
      },
      404: notFound,
      409: conflict,
    },
  }),
  async (c) => {
    const user = userMay(c, 'incident.capacity-impact');
    const { id, changeId } = c.req.valid('param');
    const { sql, now, procedure } = c.get('deps');
    const at = now();
    if (c.req.valid('query').dryRun === 'true') {
      await incidentForPreview(sql, id, user);
      return c.json(await maintenanceUndoDryRun(sql, changeId, user, at, { incidentId: id }), 200);
    }
    const result = await maintenanceUndo(sql, changeId, user, at, procedure, c.get('planning'), { incidentId: id }, async (tx, change) => {
      incidentAssertVisible(await incidentById(tx, id, true), user);
      const s = change.after ?? change.before!;
      await incidentEventAppend(
        tx,
        id,
        trailActor(user),
        change.action === 'create' ? 'capacity-lowering-undone' : 'capacity-restoring-undone',
        { windowId: change.maintenanceId, changeId: change.id, start: s.start, end: s.end, factor: s.factor },
        at,
      );
      await incidentUpdate(tx, id, {}, at);
    });
    return c.json(result, 200);
  },
);
