import { capacityProfileCurrent, capacityProfileHistory, capacityProfileSet, type CapacityProfileRow, type Tx } from '@cd/db';
import { CapacityProfileInput, CapacityProfileJson } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userRequire, userWithRole } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { conflictsRecompute } from '../services/conflicts-recompute.js';

function profileJson(p: CapacityProfileRow): CapacityProfileJson {
  return { ...p, setAt: p.setAt.toISOString() };
}

export const capacityProfile = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/capacity-profile',
      tags: ['Capaciteit'],
      summary: 'Het capaciteitsprofiel dat nu geldt',
      responses: { 200: { description: 'Het profiel', content: { 'application/json': { schema: CapacityProfileJson } } } },
    }),
    async (c) => {
      userRequire(c);
      return c.json(profileJson(await capacityProfileCurrent(c.get('deps').sql)), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/capacity-profile/history',
      tags: ['Capaciteit'],
      summary: 'Eerdere capaciteitsprofielen, nieuwste eerst',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
      responses: { 200: { description: 'De geschiedenis', content: { 'application/json': { schema: z.array(CapacityProfileJson) } } } },
    }),
    async (c) => {
      userRequire(c);
      const rows = await capacityProfileHistory(c.get('deps').sql, c.req.valid('query').limit);
      return c.json(rows.map(profileJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/capacity-profile',
      tags: ['Capaciteit'],
      summary: 'Een nieuw capaciteitsprofiel instellen (alleen de capaciteitsmanager); conflicten worden herberekend',
      request: { body: { required: true, content: { 'application/json': { schema: CapacityProfileInput } } } },
      responses: { 200: { description: 'Het nieuwe profiel', content: { 'application/json': { schema: CapacityProfileJson } } } },
    }),
    async (c) => {
      const user = userWithRole(c, ['capacity-manager']);
      const body = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const current = await capacityProfileCurrent(sql);
      const saved = await sql.begin(async (tx: Tx) => {
        const p = await capacityProfileSet(tx, {
          ratesPerHour: body.ratesPerHour,
          threshold: body.threshold ?? current.threshold,
          warningLevel: body.warningLevel ?? current.warningLevel,
          userId: user.id,
        });
        await conflictsRecompute(tx, 'all', now(), 'Capaciteitsprofiel gewijzigd', c.get('deps').procedure);
        return p;
      });
      return c.json(profileJson(saved), 200);
    },
  );
