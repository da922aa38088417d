import { afnemerByOin, usageTargetsSet, type Queryable, type UserRow } from '@cd/db';
import { UsageTargetsInput, UsageTargetsJson, UsageTargetsQuery } from '@cd/shared';
import { accessScope } from '@cd/shared/access';
import type { z } from '@hono/zod-openapi';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, notFound } from '../lib/openapi.js';
import { usageTargetsJson } from '../views/usage-targets.js';
import { ProblemError } from '../lib/problem.js';

/** The Afnemer a query is about: an Afnemer's own, or the one Logius names; 403 for another's, 400 or 404 otherwise. */
async function targetAfnemer(sql: Queryable, scope: string | null, q: z.infer<typeof UsageTargetsQuery>): Promise<string> {
  if (scope !== null && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet en wijzigt alleen de doelstellingen van uw eigen Afnemer.');
  const oin = scope ?? q.afnemer;
  if (!oin) throw new ProblemError(400, 'Kies een Afnemer.', [{ field: 'afnemer', message: 'Verplicht voor Logius.' }]);
  if (!(await afnemerByOin(sql, oin))) throw new ProblemError(404, `Afnemer ${oin} bestaat niet.`);
  return oin;
}

const scopeFor = (user: UserRow) => accessScope(user, 'usage-targets.manage');

export const usageTargets = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Rapportages'],
      operationId: 'getUsageTargets',
      summary: 'Doelstellingen en communicatie per kwartaal',
      description:
        'Wat een Afnemer zelf opgaf voor het template (gepland) gebruik (DAP Bijlage 2): doelstellingen voor de toename van het aantal transacties, geplande communicatie-activiteiten en de verwachte toename. Een Afnemer ziet de eigen, Logius die van elke Afnemer.',
      request: { query: UsageTargetsQuery },
      responses: {
        200: { description: 'De doelstellingen (leeg als er nog niets is opgegeven)', content: { 'application/json': { schema: UsageTargetsJson } } },
        404: notFound,
      },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const { sql } = c.get('deps');
      const oin = await targetAfnemer(sql, afnemerScope(user), q);
      return c.json(await usageTargetsJson(sql, oin, q.year, q.quarter), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/',
      tags: ['Rapportages'],
      operationId: 'setUsageTargets',
      summary: 'Doelstellingen en communicatie opgeven',
      description:
        'Legt de doelstellingen en geplande communicatie-activiteiten van de eigen Afnemer voor een kwartaal vast (planner of klantraad-manager); ze staan daarna in het template naast de berekende cijfers. Vervangt wat er voor dat kwartaal stond.',
      request: {
        query: UsageTargetsQuery,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: UsageTargetsInput,
              example: {
                quarterTarget: 250000,
                yearTarget: 1000000,
                activities: [{ date: '2027-02-15', description: 'Campagne: voorlopige aanslag digitaal' }],
                expectedGrowth: 'middel',
                note: 'Na de campagne verwachten we meer inlogs.',
              },
            },
          },
        },
      },
      responses: { 200: { description: 'Vastgelegd', content: { 'application/json': { schema: UsageTargetsJson } } }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, 'usage-targets.manage', 'Alleen de Afnemer zelf geeft zijn doelstellingen op.');
      const q = c.req.valid('query');
      const b = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const oin = await targetAfnemer(sql, scopeFor(user), q);
      await usageTargetsSet(sql, { afnemerOin: oin, year: q.year, quarter: q.quarter, ...b }, user.id, now());
      return c.json(await usageTargetsJson(sql, oin, q.year, q.quarter), 200);
    },
  );
