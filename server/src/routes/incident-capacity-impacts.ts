import {
  conflictById,
  incidentById,
  incidentCapacityImpactCreate,
  incidentCapacityImpactDelete,
  incidentCapacityImpacts,
  incidentEventAppend,
  incidentUpdate,
  maintenanceChangeById,
  maintenanceChangeRecord,
  maintenanceSnapshot,
  notify,
  type Sql,
  type Tx,
} from '@cd/db';
import {
  CapacityImpactInput,
  CapacityImpactJson,
  ChangeEffect,
  DryRunQuery,
  MAINTENANCE_UNDO_MINUTES,
  MaintenanceChangeJson,
  MaintenanceChangeResult,
  PlanningDryRunResult,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userMay } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { conflictsRecompute } from '../services/conflicts-recompute.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';
import { incidentAssertVisible, incidentAudience, trailActor } from '../services/incidents.js';
import { changeEffect, maintenanceChangeJson, maintenanceDryRun } from '../services/capacity-changes.js';
import { impactJson } from '../views/incidents.js';
import { incidentMayDo } from './incident-actions.js';

const ImpactParams = IdParam.extend({
  impactId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'impactId', in: 'path' }, example: 1 }),
});

const preview = {
  200: {
    description: 'Met dryRun=true: wat de wijziging met de conflicten zou doen (niets opgeslagen)',
    content: { 'application/json': { schema: PlanningDryRunResult } },
  },
};

/** The incident, visible to the user, for a dry run (no lock, nothing written). */
export async function incidentForPreview(sql: Sql, id: number, user: Parameters<typeof incidentAssertVisible>[1]) {
  return incidentAssertVisible(await incidentById(sql, id), user);
}

const CapacityImpactResult = z
  .object({
    impact: CapacityImpactJson,
    change: MaintenanceChangeJson.meta({ description: `De wijziging in het spoor; ${MAINTENANCE_UNDO_MINUTES} minuten ongedaan te maken` }),
    effect: ChangeEffect,
    conflictsCreated: z.array(z.number().int()).meta({ description: 'Conflicten die door deze verlaging ontstonden' }),
    conflictsAffected: z.array(z.number().int()).meta({ description: 'Bestaande conflicten in de periode, nu zwaarder' }),
  })
  .meta({ id: 'CapacityImpactResult' });

export const incidentImpacts = apiRouter()
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/capacity-impacts',
      tags: ['Incidenten'],
      operationId: 'createIncidentCapacityImpact',
      summary: 'Capaciteit verlagen door een incident',
      description: `Verlaagt de capaciteit van de Berichtenbox in een periode door een incident (een onderhoudsvenster van soort incident); de conflicten worden in dezelfde transactie herberekend. De wijziging komt in het spoor van de onderhoudskalender en van het incident en is ${MAINTENANCE_UNDO_MINUTES} minuten ongedaan te maken. Met dryRun=true wordt alleen het effect op de conflicten getoond.`,
      request: {
        params: IdParam,
        query: DryRunQuery,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: CapacityImpactInput,
              example: { start: '2027-01-15T09:00:00+01:00', end: '2027-01-15T13:00:00+01:00', factor: 0.5, reason: 'Halve capaciteit tijdens herstel' },
            },
          },
        },
      },
      responses: {
        ...preview,
        201: { description: 'Verlaagd, met de wijziging in het spoor', content: { 'application/json': { schema: CapacityImpactResult } } },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userMay(c, 'incident.capacity-impact');
      const id = c.req.valid('param').id;
      const input = c.req.valid('json');
      const { sql, now, procedure } = c.get('deps');
      if (c.req.valid('query').dryRun === 'true') {
        // Bounded before the work: who, which incident, the horizon; the factor is checked by the schema.
        incidentMayDo(await incidentForPreview(sql, id, user), user, 'capacity-impact');
        horizonRequire(horizonNow(c.get('deps')), horizonFields(input));
        const edit = {
          action: 'create' as const,
          input: { start: new Date(input.start), end: new Date(input.end), factor: input.factor, reason: '', kind: 'incident' as const },
        };
        return c.json(await maintenanceDryRun(sql, edit, { incidentId: id }), 200);
      }
      const at = now();
      const result = await sql.begin(async (tx: Tx) => {
        const i = incidentAssertVisible(await incidentById(tx, id, true), user);
        incidentMayDo(i, user, 'capacity-impact');
        horizonRequire(horizonNow(c.get('deps')), horizonFields(input));
        const start = new Date(input.start);
        const end = new Date(input.end);
        const reason = input.reason || `Incident ${i.number}: ${i.title}`;
        const windowId = await incidentCapacityImpactCreate(tx, id, { start, end, factor: input.factor, reason }, user.id, at);
        const changeId = await maintenanceChangeRecord(tx, {
          maintenanceId: windowId,
          action: 'create',
          before: null,
          after: await maintenanceSnapshot(tx, windowId),
          userId: user.id,
          at,
        });
        await incidentEventAppend(
          tx,
          id,
          trailActor(user),
          'capacity-lowered',
          { windowId, changeId, start: input.start, end: input.end, factor: input.factor, reason },
          at,
        );
        const r = await conflictsRecompute(
          tx,
          { from: start.getTime(), to: end.getTime() },
          at,
          `Capaciteit verlaagd door incident ${i.number}`,
          procedure,
          c.get('planning'),
        );
        // New conflicts told their planners already (step 1); planners of conflicts that only grew hear it here.
        const affected: number[] = [];
        for (const cid of r.kept) {
          const k = await conflictById(tx, cid);
          if (!k || k.startAt >= end || k.endAt <= start) continue;
          affected.push(cid);
          await notify(
            tx,
            await incidentAudience(tx, k.afnemers, ['planner'], [], null),
            {
              conflictId: cid,
              title: `Capaciteit verlaagd door incident ${i.number}`,
              body: `De Berichtenbox heeft van ${start.toISOString()} tot ${end.toISOString()} ${Math.round(input.factor * 100)}% van de capaciteit. Uw conflict wordt daardoor zwaarder.`,
            },
            at,
          );
        }
        await incidentUpdate(tx, id, {}, at);
        const change = maintenanceChangeJson((await maintenanceChangeById(tx, changeId))!);
        return { windowId, created: r.created, affected, change, effect: await changeEffect(tx, r) };
      });
      const impact = (await incidentCapacityImpacts(sql, id)).find((m) => m.id === result.windowId)!;
      return c.json(
        { impact: impactJson(impact), change: result.change, effect: result.effect, conflictsCreated: result.created, conflictsAffected: result.affected },
        201,
      );
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{id}/capacity-impacts/{impactId}',
      tags: ['Incidenten'],
      operationId: 'deleteIncidentCapacityImpact',
      summary: 'Capaciteitsverlaging opheffen',
      description: `Heft een capaciteitsverlaging van een incident op; de conflicten worden herberekend. De wijziging komt in het spoor en is ${MAINTENANCE_UNDO_MINUTES} minuten ongedaan te maken. Met dryRun=true wordt alleen het effect getoond.`,
      request: { params: ImpactParams, query: DryRunQuery },
      responses: {
        200: {
          description: 'Opgeheven: de wijziging in het spoor en wat ze met de conflicten deed; of met dryRun=true wat ze zou doen',
          content: { 'application/json': { schema: z.union([MaintenanceChangeResult, PlanningDryRunResult]) } },
        },
        404: notFound,
      },
    }),
    async (c) => {
      const user = userMay(c, 'incident.capacity-impact');
      const { id, impactId } = c.req.valid('param');
      const { sql, now, procedure } = c.get('deps');
      if (c.req.valid('query').dryRun === 'true') {
        await incidentForPreview(sql, id, user);
        return c.json(await maintenanceDryRun(sql, { action: 'delete', id: impactId }, { incidentId: id }), 200);
      }
      const at = now();
      const saved = await sql.begin(async (tx: Tx) => {
        const i = incidentAssertVisible(await incidentById(tx, id, true), user);
        const before = await maintenanceSnapshot(tx, impactId);
        const old = await incidentCapacityImpactDelete(tx, id, impactId);
        if (!old || !before) throw new ProblemError(404, `${i.number} heeft geen capaciteitsverlaging ${impactId}.`);
        const changeId = await maintenanceChangeRecord(tx, { maintenanceId: impactId, action: 'delete', before, after: null, userId: user.id, at });
        await incidentEventAppend(
          tx,
          id,
          trailActor(user),
          'capacity-restored',
          { windowId: impactId, changeId, start: old.startAt.toISOString(), end: old.endAt.toISOString(), factor: old.factor },
          at,
        );
        const r = await conflictsRecompute(
          tx,
          { from: old.startAt.getTime(), to: old.endAt.getTime() },
          at,
          `Capaciteitsverlaging van incident ${i.number} opgeheven`,
          procedure,
          c.get('planning'),
        );
        await incidentUpdate(tx, id, {}, at);
        return { change: maintenanceChangeJson((await maintenanceChangeById(tx, changeId))!), effect: await changeEffect(tx, r) };
      });
      return c.json(saved, 200);
    },
  );
