import {
  fraudReportById,
  fraudReportEventAppend,
  fraudReportInsert,
  fraudReportsList,
  fraudReportStatusSet,
  notifyInAppOnly,
  referenceNext,
  usersByRole,
  type Queryable,
  type Tx,
  type UserRow,
} from '@cd/db';
import { FraudReceiptJson, FraudReportAction, FraudReportInput, FraudReportJson, referenceFormat, referenceYear } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { roleMay, rolesWith } from '@cd/shared/access';
import { userMay } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { trailActor } from '../services/incidents.js';
import { fraudReceiptJson, fraudReportJson } from '../views/fraud-reports.js';

const FraudReportOrReceipt = z.union([FraudReportJson, FraudReceiptJson]);

/**
 * The report as this user may see it: whole for the Fraudeteam, a receipt for the one who filed it.
 * Anyone else gets 404 whether or not it exists, so not even its existence leaks.
 */
async function fraudReportFor(sql: Queryable, id: number, user: UserRow, lock = false) {
  const f = await fraudReportById(sql, id, lock);
  if (!f || (!roleMay(user.role, 'fraud.handle') && f.reportedById !== user.id)) throw new ProblemError(404, 'Deze fraudemelding bestaat niet.');
  return f;
}

export const fraudReports = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Fraude'],
      operationId: 'listFraudReports',
      summary: 'Fraudemeldingen',
      description: 'Fraudemeldingen: alle voor het Fraudeteam; wie meldde, ziet alleen de ontvangstbevestiging van de eigen meldingen.',
      responses: { 200: { description: 'De meldingen', content: { 'application/json': { schema: z.array(FraudReportOrReceipt) } } } },
    }),
    async (c) => {
      const user = userMay(c, ['fraud.handle', 'fraud.report']);
      const { sql } = c.get('deps');
      const team = roleMay(user.role, 'fraud.handle');
      const rows = await fraudReportsList(sql, team ? null : user.id);
      return c.json(team ? await Promise.all(rows.map((f) => fraudReportJson(sql, f))) : rows.map(fraudReceiptJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Fraude'],
      operationId: 'getFraudReport',
      summary: 'Eén fraudemelding',
      description: 'Eén fraudemelding voor het Fraudeteam, of de ontvangstbevestiging voor wie haar deed.',
      request: { params: IdParam },
      responses: { 200: { description: 'De melding', content: { 'application/json': { schema: FraudReportOrReceipt } } }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, ['fraud.handle', 'fraud.report']);
      const { sql } = c.get('deps');
      const f = await fraudReportFor(sql, c.req.valid('param').id, user);
      return c.json(roleMay(user.role, 'fraud.handle') ? await fraudReportJson(sql, f) : fraudReceiptJson(f), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Fraude'],
      operationId: 'createFraudReport',
      summary: 'Fraude melden',
      description: 'Meldt vermoede fraude bij het Fraudeteam van Logius; het antwoord is een ontvangstbevestiging.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: FraudReportInput,
              example: {
                description: 'Phishingmail uit naam van MijnOverheid ontvangen.',
                channel: 'e-mail',
                highPriority: false,
                observedAt: '2027-01-15T09:30:00+01:00',
              },
            },
          },
        },
      },
      responses: { 201: { description: 'Ontvangen', content: { 'application/json': { schema: FraudReceiptJson } } } },
    }),
    async (c) => {
      const user = userMay(c, 'fraud.report');
      const b = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const at = now();
      const id = await sql.begin(async (tx: Tx) => {
        const year = referenceYear(at.getTime());
        const reference = referenceFormat('FRD', year, await referenceNext(tx, 'FRD', year));
        const newId = await fraudReportInsert(
          tx,
          {
            reference,
            afnemerOin: user.afnemerOin!,
            userId: user.id,
            channel: b.channel,
            highPriority: b.highPriority,
            observedAt: b.observedAt ? new Date(b.observedAt) : null,
            description: b.description,
          },
          at,
        );
        await fraudReportEventAppend(tx, newId, trailActor(user), 'reported', { channel: b.channel, highPriority: b.highPriority }, at);
        const team = await usersByRole(tx, rolesWith('fraud.handle'), null);
        await notifyInAppOnly(
          tx,
          team.map((u) => u.id),
          {
            subject: { kind: 'fraud', ref: reference },
            title: `Fraudemelding ${reference}${b.highPriority ? ' (hoge prioriteit)' : ''}`,
            body: 'Er is een vermoeden van fraude gemeld. Bekijk de melding in het dashboard.',
          },
          at,
        );
        return newId;
      });
      return c.json(fraudReceiptJson((await fraudReportById(sql, id))!), 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/actions',
      tags: ['Fraude'],
      operationId: 'performFraudReportAction',
      summary: 'Handeling op een fraudemelding',
      description: 'Het Fraudeteam legt een status, een notitie of een besluit over de communicatie vast (wat, aan wie, hoe, wanneer).',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: { 'application/json': { schema: FraudReportAction, example: { type: 'status', status: 'in-onderzoek', note: 'Melding bevestigd.' } } },
        },
      },
      responses: { 200: { description: 'Vastgelegd', content: { 'application/json': { schema: FraudReportJson } } }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, 'fraud.handle');
      const id = c.req.valid('param').id;
      const a = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const f = await fraudReportFor(tx, id, user, true);
        if (a.type === 'status') {
          await fraudReportStatusSet(tx, id, a.status);
          await fraudReportEventAppend(tx, id, trailActor(user), 'status', { from: f.status, to: a.status, note: a.note }, at);
        } else if (a.type === 'communication') {
          await fraudReportEventAppend(tx, id, trailActor(user), 'communication', { what: a.what, audience: a.audience, how: a.how, when: a.when }, at);
        } else {
          await fraudReportEventAppend(tx, id, trailActor(user), 'note', { text: a.text }, at);
        }
      });
      return c.json(await fraudReportJson(sql, (await fraudReportById(sql, id))!), 200);
    },
  );
