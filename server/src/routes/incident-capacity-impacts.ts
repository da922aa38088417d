import {
  conflictById,
  incidentById,
  incidentCapacityImpactCreate,
  incidentCapacityImpactDelete,
  incidentCapacityImpacts,
  incidentEventAppend,
  incidentUpdate,
  notify,
  type Tx,
} from '@cd/db';
import { CapacityImpactInput, CapacityImpactJson } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userMay } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { conflictsRecompute } from '../services/conflicts-recompute.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';
import { incidentAssertVisible, incidentAudience, trailActor } from '../services/incidents.js';
import { impactJson } from '../views/incidents.js';
import { incidentMayDo } from './incident-actions.js';

const ImpactParams = IdParam.extend({
  impactId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'impactId', in: 'path' }, example: 1 }),
});

const CapacityImpactResult = z
  .object({
    impact: CapacityImpactJson,
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
      description:
        'Verlaagt de capaciteit van de Berichtenbox in een periode door een incident (een onderhoudsvenster van soort incident); de conflicten worden in dezelfde transactie herberekend.',
      request: {
        params: IdParam,
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
      responses: { 201: { description: 'Verlaagd', content: { 'application/json': { schema: CapacityImpactResult } } }, 404: notFound, 409: conflict },
    }),
    async (c) => {
      const user = userMay(c, 'incident.capacity-impact');
      const id = c.req.valid('param').id;
      const input = c.req.valid('json');
      const { sql, now, procedure } = c.get('deps');
      const at = now();
      const result = await sql.begin(async (tx: Tx) => {
        const i = incidentAssertVisible(await incidentById(tx, id, true), user);
        incidentMayDo(i, user, 'capacity-impact');
        horizonRequire(horizonNow(c.get('deps')), horizonFields(input));
        const start = new Date(input.start);
        const end = new Date(input.end);
        const reason = input.reason || `Incident ${i.number}: ${i.title}`;
        const windowId = await incidentCapacityImpactCreate(tx, id, { start, end, factor: input.factor, reason }, user.id, at);
        await incidentEventAppend(
          tx,
          id,
          trailActor(user),
          'capacity-lowered',
          { windowId, start: input.start, end: input.end, factor: input.factor, reason },
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
        return { windowId, created: r.created, affected };
      });
      const impact = (await incidentCapacityImpacts(sql, id)).find((m) => m.id === result.windowId)!;
      return c.json({ impact: impactJson(impact), conflictsCreated: result.created, conflictsAffected: result.affected }, 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{id}/capacity-impacts/{impactId}',
      tags: ['Incidenten'],
      operationId: 'deleteIncidentCapacityImpact',
      summary: 'Capaciteitsverlaging opheffen',
      description: 'Heft een capaciteitsverlaging van een incident op; de conflicten worden herberekend.',
      request: { params: ImpactParams },
      responses: { 204: { description: 'Opgeheven' }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, 'incident.capacity-impact');
      const { id, impactId } = c.req.valid('param');
      const { sql, now, procedure } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const i = incidentAssertVisible(await incidentById(tx, id, true), user);
        const old = await incidentCapacityImpactDelete(tx, id, impactId);
        if (!old) throw new ProblemError(404, `${i.number} heeft geen capaciteitsverlaging ${impactId}.`);
        await incidentEventAppend(
          tx,
          id,
          trailActor(user),
          'capacity-restored',
          { windowId: impactId, start: old.startAt.toISOString(), end: old.endAt.toISOString(), factor: old.factor },
          at,
        );
        await conflictsRecompute(
          tx,
          { from: old.startAt.getTime(), to: old.endAt.getTime() },
          at,
          `Capaciteitsverlaging van incident ${i.number} opgeheven`,
          procedure,
          c.get('planning'),
        );
        await incidentUpdate(tx, id, {}, at);
      });
      return c.body(null, 204);
    },
  );
