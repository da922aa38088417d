import {
  notify,
  serviceRequestById,
  serviceRequestInsert,
  serviceRequestsList,
  serviceRequestUpdate,
  usersByRole,
  type ServiceRequestRow,
  type Tx,
  type UserRow,
} from '@cd/db';
import {
  SERVICE_REQUEST_FIELDS,
  SERVICE_REQUEST_STATUS_LABELS,
  ServiceRequestInput,
  ServiceRequestJson,
  ServiceRequestQuery,
  ServiceRequestTypeJson,
  ServiceRequestUpdate,
  serviceRequestTransitionError,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { z as zod } from 'zod';
import { roleMay } from '@cd/shared/access';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { settingsRead } from '../services/settings.js';
import { serviceRequestJson } from '../views/service-requests.js';

function visible(s: ServiceRequestRow | null, user: UserRow): ServiceRequestRow {
  if (!s) throw new ProblemError(404, 'Dit serviceverzoek bestaat niet.');
  const scope = afnemerScope(user);
  if (scope !== null && scope !== s.afnemerOin) throw new ProblemError(403, 'Dit serviceverzoek hoort bij een andere Afnemer.');
  return s;
}

export const serviceRequestTypes = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/',
    tags: ['Serviceverzoeken'],
    operationId: 'listServiceRequestTypes',
    summary: 'Catalogus van serviceverzoeken',
    description: 'De standaard serviceverzoeken die nu in de catalogus staan (de beheerder stelt ze in), met de termijn en de velden die elk vraagt.',
    responses: { 200: { description: 'De catalogus', content: { 'application/json': { schema: z.array(ServiceRequestTypeJson) } } } },
  }),
  async (c) => {
    userRequire(c);
    const { serviceRequestTypes: catalogue } = await settingsRead(c.get('deps').sql);
    return c.json(
      catalogue
        .filter((t) => t.active)
        .map(({ active: _active, ...t }) => ({ ...t, fields: zod.toJSONSchema(SERVICE_REQUEST_FIELDS[t.code], { io: 'input' }) as Record<string, unknown> })),
      200,
    );
  },
);

export const serviceRequests = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Serviceverzoeken'],
      operationId: 'listServiceRequests',
      summary: 'Serviceverzoeken',
      description: 'Serviceverzoeken, nieuwste eerst; een Afnemer ziet alleen de eigen.',
      request: { query: ServiceRequestQuery },
      responses: { 200: { description: 'Nieuwste eerst', content: { 'application/json': { schema: z.array(ServiceRequestJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const scope = afnemerScope(user);
      if (scope !== null && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet alleen de serviceverzoeken van uw eigen Afnemer.');
      const rows = await serviceRequestsList(c.get('deps').sql, scope ?? q.afnemer ?? null, q.status ?? null);
      return c.json(rows.map(serviceRequestJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Serviceverzoeken'],
      operationId: 'getServiceRequest',
      summary: 'Eén serviceverzoek',
      description: 'Eén serviceverzoek met status en antwoord.',
      request: { params: IdParam },
      responses: { 200: { description: 'Het verzoek', content: { 'application/json': { schema: ServiceRequestJson } } }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      return c.json(serviceRequestJson(visible(await serviceRequestById(c.get('deps').sql, c.req.valid('param').id), user)), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Serviceverzoeken'],
      operationId: 'createServiceRequest',
      summary: 'Serviceverzoek indienen',
      description: 'Dient een serviceverzoek in: standaard (met de velden uit de catalogus) of vrij (onderwerp en omschrijving).',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: ServiceRequestInput,
              example: { kind: 'vrij', subject: 'Extra capaciteit in januari', description: 'Graag overleg over de piek rond 15 januari.' },
            },
          },
        },
      },
      responses: { 201: { description: 'Ingediend', content: { 'application/json': { schema: ServiceRequestJson } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      if (!roleMay(user.role, 'service-request.file') || !user.afnemerOin)
        throw new ProblemError(403, 'Serviceverzoeken worden ingediend door medewerkers van een Afnemer.');
      const input = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const at = now();
      const catalogue = input.kind === 'standaard' ? (await settingsRead(sql)).serviceRequestTypes : [];
      const standard = input.kind === 'standaard' ? (catalogue.find((t) => t.code === input.catalogueItem && t.active) ?? null) : null;
      if (input.kind === 'standaard' && !standard) {
        throw new ProblemError(400, 'Dit serviceverzoek staat niet in de catalogus.', [
          { field: 'catalogueItem', message: 'Kies een serviceverzoek uit de catalogus.' },
        ]);
      }
      const id = await sql.begin(async (tx: Tx) => {
        const newId = await serviceRequestInsert(
          tx,
          {
            afnemerOin: user.afnemerOin!,
            kind: input.kind,
            catalogueItem: standard?.code ?? null,
            subject: input.kind === 'standaard' ? standard!.name : input.subject,
            description: input.description,
            fields: input.kind === 'standaard' ? SERVICE_REQUEST_FIELDS[input.catalogueItem].parse(input.fields) : {},
            filedBy: user.id,
          },
          at,
        );
        await notify(
          tx,
          await usersByRole(tx, ['service-manager'], null),
          {
            conflictId: null,
            subject: { kind: 'service-request', ref: String(newId) },
            title: `Nieuw serviceverzoek #${newId}`,
            body: `${user.email}: ${input.kind === 'standaard' ? standard!.name : input.subject}`,
          },
          at,
        );
        return newId;
      });
      return c.json(serviceRequestJson((await serviceRequestById(sql, id))!), 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'patch',
      path: '/{id}',
      tags: ['Serviceverzoeken'],
      operationId: 'updateServiceRequest',
      summary: 'Serviceverzoek behandelen',
      description: 'Neemt een serviceverzoek in behandeling, handelt het af of wijst het af, met een antwoord. 409 bij een overgang die niet kan.',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': { schema: ServiceRequestUpdate, example: { status: 'afgehandeld', answer: 'Afgestemd in het Operationeel Overleg.' } },
          },
        },
      },
      responses: { 200: { description: 'Het verzoek', content: { 'application/json': { schema: ServiceRequestJson } } }, 404: notFound, 409: conflict },
    }),
    async (c) => {
      const user = userMay(c, 'service-request.handle');
      const id = c.req.valid('param').id;
      const body = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const s = visible(await serviceRequestById(tx, id, true), user);
        const closing = body.status === 'afgehandeld' || body.status === 'afgewezen';
        if (closing && !body.answer?.trim()) {
          throw new ProblemError(400, 'Geef bij het afhandelen of afwijzen een antwoord.', [
            { field: 'answer', message: 'Verplicht bij afhandelen of afwijzen.' },
          ]);
        }
        const error = serviceRequestTransitionError(s.status, body.status, body.answer ?? null);
        if (error) throw new ProblemError(409, error);
        await serviceRequestUpdate(tx, id, body.status, body.answer?.trim() || null, user.id, at);
        await notify(
          tx,
          [{ id: s.filedByUserId, email: s.filedBy }],
          {
            conflictId: null,
            subject: { kind: 'service-request', ref: String(id) },
            title: `Serviceverzoek #${id}: ${SERVICE_REQUEST_STATUS_LABELS[body.status]}`,
            body: body.answer?.trim() || s.subject,
          },
          at,
        );
      });
      return c.json(serviceRequestJson((await serviceRequestById(sql, id))!), 200);
    },
  );
