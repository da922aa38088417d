import { prioritySettings, prioritySettingsSet, type Tx } from '@cd/db';
import { PrioritySettingJson, PrioritySettingsInput } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { prioritySettingJson } from '../views/incident-priorities.js';

export const incidentPriorities = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Incidenten'],
      operationId: 'listIncidentPriorities',
      summary: 'Reactie- en oplostijden (SNO)',
      description: 'Reactie- en oplostijden per prioriteit volgens de SNO; isDefault zegt of het nog de standaardwaarde van het product is.',
      responses: { 200: { description: 'P1 tot en met P4', content: { 'application/json': { schema: z.array(PrioritySettingJson) } } } },
    }),
    async (c) => {
      userRequire(c);
      return c.json((await prioritySettings(c.get('deps').sql)).map(prioritySettingJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/',
      tags: ['Incidenten'],
      operationId: 'setIncidentPriorities',
      summary: 'Reactie- en oplostijden wijzigen',
      description:
        'Wijzigt de reactie- en oplostijden per prioriteit (servicemanager of beheerder). Ze gelden voor incidenten die daarna gemeld of geherprioriteerd worden.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: PrioritySettingsInput,
              example: [{ priority: 'P1', response: { amount: 15, unit: 'minutes' }, resolution: { amount: 240, unit: 'minutes' } }],
            },
          },
        },
      },
      responses: { 200: { description: 'De tijden nu', content: { 'application/json': { schema: z.array(PrioritySettingJson) } } } },
    }),
    async (c) => {
      const user = userMay(c, 'incident-priorities.manage');
      const { sql, now } = c.get('deps');
      await sql.begin((tx: Tx) => prioritySettingsSet(tx, c.req.valid('json'), user.id, now()));
      return c.json((await prioritySettings(sql)).map(prioritySettingJson), 200);
    },
  );
