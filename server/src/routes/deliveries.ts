import { deliveriesList } from '@cd/db';
import { Delivery } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { afnemerScope, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { deliveryJson } from '../views/prognoses.js';

export const deliveries = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/',
    tags: ['Prognoses'],
    operationId: 'listDeliveries',
    summary: 'Laatste aanleveringen',
    description: 'De laatste aanleveringen met aantallen en wie ze deed: van de eigen Afnemer, of van alle Afnemers voor Logius.',
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
    responses: { 200: { description: 'Aanleveringen', content: { 'application/json': { schema: z.array(Delivery) } } } },
  }),
  async (c) => {
    const user = userRequire(c);
    const rows = await deliveriesList(c.get('deps').sql, afnemerScope(user), c.req.valid('query').limit);
    return c.json(rows.map(deliveryJson), 200);
  },
);
