import { notificationRead, notificationsOfUser, notificationsReadAll, notificationsUnreadCount, outboxList } from '@cd/db';
import { NotificationJson, NotificationsReadAllJson, OutboxMailJson } from '@cd/shared';
import { NOTIFICATION_KINDS } from '@cd/shared/constants';
import { z } from '@hono/zod-openapi';
import { roleMay } from '@cd/shared/access';
import { userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';

import { notificationJson, outboxMailJson } from '../views/notifications.js';

const Limit = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
const KindFilter = z.object({
  kind: z.enum(NOTIFICATION_KINDS).optional().meta({ description: 'Alleen meldingen over dit soort gebeurtenis; leeg = alle' }),
});

export const notifications = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Meldingen'],
      operationId: 'listNotifications',
      summary: 'Mijn meldingen',
      description: 'Uw meldingen in de app, nieuwste eerst, met of ze gelezen zijn.',
      request: { query: Limit },
      responses: { 200: { description: 'Meldingen', content: { 'application/json': { schema: z.array(NotificationJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const rows = await notificationsOfUser(c.get('deps').sql, user.id, c.req.valid('query').limit);
      return c.json(rows.map(notificationJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/read',
      tags: ['Meldingen'],
      operationId: 'markNotificationRead',
      summary: 'Melding gelezen',
      description: 'Markeert een van uw meldingen als gelezen.',
      request: { params: IdParam },
      responses: { 204: { description: 'Gelezen' }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now } = c.get('deps');
      if (!(await notificationRead(sql, user.id, c.req.valid('param').id, now()))) throw new ProblemError(404, 'Deze melding bestaat niet.');
      return c.body(null, 204);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/read-all',
      operationId: 'markAllNotificationsRead',
      tags: ['Meldingen'],
      summary: 'Alle eigen ongelezen meldingen als gelezen markeren',
      description: 'Markeert alle ongelezen meldingen van de aangemelde gebruiker als gelezen, of met `kind` alleen die over dat soort gebeurtenis.',
      request: { query: KindFilter },
      responses: {
        200: { description: 'Gemarkeerd', content: { 'application/json': { schema: NotificationsReadAllJson, example: { marked: 3, unread: 0 } } } },
      },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now } = c.get('deps');
      const marked = await notificationsReadAll(sql, user.id, now(), c.req.valid('query').kind ?? null);
      return c.json({ marked, unread: await notificationsUnreadCount(sql, user.id) }, 200);
    },
  );

export const outbox = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/',
    tags: ['Meldingen'],
    operationId: 'listOutbox',
    summary: 'E-mail in de outbox',
    description: 'De e-mail die de server verstuurt of zal versturen, met verzendstatus: aan u, of alles voor de beheerder.',
    request: { query: Limit },
    responses: { 200: { description: 'E-mail', content: { 'application/json': { schema: z.array(OutboxMailJson) } } } },
  }),
  async (c) => {
    const user = userRequire(c);
    const rows = await outboxList(c.get('deps').sql, roleMay(user.role, 'outbox.read-all') ? null : user.email, c.req.valid('query').limit);
    return c.json(rows.map(outboxMailJson), 200);
  },
);
