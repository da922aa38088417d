import { StandardChangeJson } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { settingsRead } from '../services/settings.js';

export const standardChanges = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/',
    tags: ['Wijzigingen'],
    operationId: 'listStandardChanges',
    summary: 'Catalogus van standaardwijzigingen',
    description: 'De catalogus van standaardwijzigingen, die zonder impactanalyse worden uitgevoerd; de beheerder stelt hem in.',
    responses: { 200: { description: 'De catalogus', content: { 'application/json': { schema: z.array(StandardChangeJson) } } } },
  }),
  async (c) => {
    userRequire(c);
    return c.json((await settingsRead(c.get('deps').sql)).standardChanges, 200);
  },
);
