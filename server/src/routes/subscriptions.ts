import { subscriptionAdd, subscriptionRemove } from '@cd/db';
import { NOTICE_KINDS, SubscriptionJson } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { subscriptionsJson } from '../views/subscriptions.js';

// Section 5.2: the communication "is gericht aan die personen of organisaties die zich zelf ... hebben aangemeld
// voor storingsinformatie". Every signed-in user keeps their own subscriptions; nobody else's.

const KindParam = z.object({
  kind: z.enum(NOTICE_KINDS, { error: 'Kies storing of onderhoud.' }).openapi({ param: { name: 'kind', in: 'path' }, example: 'onderhoud' }),
});

const listResponse = { description: 'Per soort bericht of u bent aangemeld', content: { 'application/json': { schema: z.array(SubscriptionJson) } } };

export const subscriptions = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Meldingen'],
      operationId: 'listSubscriptions',
      summary: 'Eigen abonnementen',
      description: 'Per soort bericht (storingsinformatie, onderhoudsmeldingen) of u erop bent aangemeld, en sinds wanneer.',
      responses: { 200: listResponse },
    }),
    async (c) => {
      const user = userRequire(c);
      return c.json(await subscriptionsJson(c.get('deps').sql, user.id), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/{kind}',
      tags: ['Meldingen'],
      operationId: 'subscribeNotices',
      summary: 'Aanmelden voor berichten',
      description: 'Meldt u aan voor storingsinformatie of onderhoudsmeldingen: u krijgt ze in de app en per e-mail. Nogmaals aanmelden verandert niets.',
      request: { params: KindParam },
      responses: { 200: listResponse },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now } = c.get('deps');
      await subscriptionAdd(sql, user.id, c.req.valid('param').kind, now());
      return c.json(await subscriptionsJson(sql, user.id), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{kind}',
      tags: ['Meldingen'],
      operationId: 'unsubscribeNotices',
      summary: 'Afmelden voor berichten',
      description: 'Meldt u af voor storingsinformatie of onderhoudsmeldingen. Afmelden zonder abonnement verandert niets.',
      request: { params: KindParam },
      responses: { 200: listResponse },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql } = c.get('deps');
      await subscriptionRemove(sql, user.id, c.req.valid('param').kind);
      return c.json(await subscriptionsJson(sql, user.id), 200);
    },
  );
