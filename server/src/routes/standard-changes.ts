import { STANDARD_CHANGES, StandardChangeJson } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';

export const standardChanges = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/',
    tags: ['Wijzigingen'],
    operationId: 'listStandardChanges',
    summary: 'Catalogus van standaardwijzigingen',
    description: 'De catalogus van standaardwijzigingen, die zonder impactanalyse worden uitgevoerd.',
    responses: { 200: { description: 'De catalogus', content: { 'application/json': { schema: z.array(StandardChangeJson) } } } },
  }),
  (c) => {
    userRequire(c);
    return c.json(
      STANDARD_CHANGES.map((s) => ({ ...s })),
      200,
    );
  },
);
