import { afnemersList } from '@cd/db';
import { Afnemer } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';

export const afnemers = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/',
    tags: ['Organisaties'],
    operationId: 'listAfnemers',
    summary: 'Alle Afnemers',
    description: 'Alle Afnemers met hun OIN en naam, voor keuzelijsten en filters.',
    responses: { 200: { description: 'De Afnemers', content: { 'application/json': { schema: z.array(Afnemer) } } } },
  }),
  async (c) => {
    userRequire(c);
    return c.json(await afnemersList(c.get('deps').sql), 200);
  },
);
