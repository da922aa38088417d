import {
  maintenanceById,
  maintenanceCreate,
  maintenanceDelete,
  maintenanceList,
  maintenanceOwner,
  maintenanceUpdate,
  type MaintenanceRow,
  type Tx,
} from '@cd/db';
import { MaintenanceWindowInput, MaintenanceWindowJson, RangeInstant } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userRequire, userWithRole } from '../lib/context.js';
import { apiRoute, apiRouter, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { conflictsRecompute } from '../services/conflicts-recompute.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';

export function maintenanceJson(m: MaintenanceRow): MaintenanceWindowJson {
  return {
    ...m,
    start: m.startAt.toISOString(),
    end: m.endAt.toISOString(),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** Windows of releases and incidents are changed through their owner, so the two never disagree. */
async function ownedElsewhere(tx: Tx, id: number) {
  const owner = await maintenanceOwner(tx, id);
  if (owner === 'release') throw new ProblemError(409, 'Dit venster hoort bij een release; wijzig het via /api/v1/releases.');
  if (owner === 'incident') throw new ProblemError(409, 'Dit venster hoort bij een incident; wijzig het via de capaciteitsimpact van het incident.');
}

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }) });
const WRITERS = ['capacity-manager'] as const;
const toInput = (b: z.infer<typeof MaintenanceWindowInput>) => ({ ...b, start: new Date(b.start), end: new Date(b.end) });
const span = (...ms: { start: Date; end: Date }[]) => ms.map((m) => ({ from: m.start.getTime(), to: m.end.getTime() }));

export const maintenanceWindows = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/maintenance-windows',
      tags: ['Capaciteit'],
      summary: 'Onderhouds-, release- en incidentvensters die de capaciteit verlagen',
      request: { query: z.object({ from: RangeInstant.optional(), to: RangeInstant.optional() }) },
      responses: { 200: { description: 'De vensters', content: { 'application/json': { schema: z.array(MaintenanceWindowJson) } } } },
    }),
    async (c) => {
      userRequire(c);
      const q = c.req.valid('query');
      const rows = await maintenanceList(c.get('deps').sql, q.from ? new Date(q.from) : null, q.to ? new Date(q.to) : null);
      return c.json(rows.map(maintenanceJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/maintenance-windows/{id}',
      tags: ['Capaciteit'],
      summary: 'Eén onderhoudsvenster',
      request: { params: IdParam },
      responses: { 200: { description: 'Het venster', content: { 'application/json': { schema: MaintenanceWindowJson } } }, 404: notFound },
    }),
    async (c) => {
      userRequire(c);
      const m = await maintenanceById(c.get('deps').sql, c.req.valid('param').id);
      if (!m) throw new ProblemError(404, 'Dit onderhoudsvenster bestaat niet.');
      return c.json(maintenanceJson(m), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/maintenance-windows',
      tags: ['Capaciteit'],
      summary: 'Een onderhoudsvenster toevoegen; conflicten worden herberekend',
      request: { body: { required: true, content: { 'application/json': { schema: MaintenanceWindowInput } } } },
      responses: { 201: { description: 'Toegevoegd', content: { 'application/json': { schema: MaintenanceWindowJson } } } },
    }),
    async (c) => {
      const user = userWithRole(c, WRITERS);
      const input = toInput(c.req.valid('json'));
      const { sql, now } = c.get('deps');
      horizonRequire(horizonNow(c.get('deps')), horizonFields(input));
      const id = await sql.begin(async (tx: Tx) => {
        const newId = await maintenanceCreate(tx, input, user.id);
        await conflictsRecompute(tx, span(input), now(), 'Onderhoudsvenster toegevoegd', c.get('deps').procedure);
        return newId;
      });
      return c.json(maintenanceJson((await maintenanceById(sql, id))!), 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/maintenance-windows/{id}',
      tags: ['Capaciteit'],
      summary: 'Een onderhoudsvenster wijzigen; conflicten worden herberekend',
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: MaintenanceWindowInput } } } },
      responses: { 200: { description: 'Gewijzigd', content: { 'application/json': { schema: MaintenanceWindowJson } } }, 404: notFound, 409: conflict },
    }),
    async (c) => {
      userWithRole(c, WRITERS);
      const id = c.req.valid('param').id;
      const input = toInput(c.req.valid('json'));
      const { sql, now } = c.get('deps');
      horizonRequire(horizonNow(c.get('deps')), horizonFields(input));
      await sql.begin(async (tx: Tx) => {
        await ownedElsewhere(tx, id);
        const old = await maintenanceById(tx, id);
        if (!old || !(await maintenanceUpdate(tx, id, input))) throw new ProblemError(404, 'Dit onderhoudsvenster bestaat niet.');
        await conflictsRecompute(tx, span(input, { start: old.startAt, end: old.endAt }), now(), 'Onderhoudsvenster gewijzigd', c.get('deps').procedure);
      });
      return c.json(maintenanceJson((await maintenanceById(sql, id))!), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/maintenance-windows/{id}',
      tags: ['Capaciteit'],
      summary: 'Een onderhoudsvenster verwijderen; conflicten worden herberekend',
      request: { params: IdParam },
      responses: { 204: { description: 'Verwijderd' }, 404: notFound, 409: conflict },
    }),
    async (c) => {
      userWithRole(c, WRITERS);
      const id = c.req.valid('param').id;
      const { sql, now } = c.get('deps');
      await sql.begin(async (tx: Tx) => {
        await ownedElsewhere(tx, id);
        const old = await maintenanceById(tx, id);
        if (!old || !(await maintenanceDelete(tx, id))) throw new ProblemError(404, 'Dit onderhoudsvenster bestaat niet.');
        await conflictsRecompute(tx, span({ start: old.startAt, end: old.endAt }), now(), 'Onderhoudsvenster verwijderd', c.get('deps').procedure);
      });
      return c.body(null, 204);
    },
  );
