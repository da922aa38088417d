import { noticeById, noticeSend, noticesList, type Tx } from '@cd/db';
import { NoticeInput, NoticeJson } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userMay } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { noticeJson } from '../views/notices.js';

// Section 5.2: "het kan voorkomen dat in het belang van Logius en de Afnemers bewust niet gecommuniceerd wordt":
// a withheld notice is stored with its reason, in the same trail as the notices that went out, for Logius to see.

export const notices = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Meldingen'],
      operationId: 'listNotices',
      summary: 'Verstuurde en tegengehouden berichten',
      description:
        'Alle storings- en onderhoudsberichten aan de abonnees, nieuwste eerst: automatisch bij gepland of verplaatst onderhoud en releases, of door Logius opgesteld; ook de bewust tegengehouden berichten met hun reden (alleen Logius).',
      responses: { 200: { description: 'De berichten', content: { 'application/json': { schema: z.array(NoticeJson) } } } },
    }),
    async (c) => {
      userMay(c, 'notice.manage');
      return c.json((await noticesList(c.get('deps').sql, 500)).map(noticeJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Meldingen'],
      operationId: 'createNotice',
      summary: 'Bericht aan abonnees',
      description:
        'Verstuurt een storings- of onderhoudsbericht aan iedereen die zich ervoor aanmeldde (in de app en per e-mail), of legt met withhold en een reden vast dat het bewust niet wordt verstuurd (alleen Logius).',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: NoticeInput,
              example: { kind: 'storing', title: 'Storing Berichtenbox', body: 'Berichten komen vertraagd aan; we werken aan een oplossing.', withhold: false },
            },
          },
        },
      },
      responses: { 201: { description: 'Vastgelegd (en verstuurd, tenzij tegengehouden)', content: { 'application/json': { schema: NoticeJson } } } },
    }),
    async (c) => {
      const user = userMay(c, 'notice.manage', 'Alleen Logius verstuurt berichten aan de abonnees.');
      const b = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const id = await sql.begin((tx: Tx) =>
        noticeSend(
          tx,
          { kind: b.kind, source: 'handmatig', title: b.title, body: b.body, userId: user.id, withheldReason: b.withhold ? b.withheldReason! : null },
          now(),
        ),
      );
      return c.json(noticeJson((await noticeById(sql, id))!), 201);
    },
  );
