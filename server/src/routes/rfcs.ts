import {
  afnemersList,
  incidentByNumber,
  notify,
  rfcById,
  rfcEventAppend,
  rfcInsert,
  rfcsList,
  userRfcPermission,
  usersByRole,
  type Tx,
  type UserRow,
} from '@cd/db';
import { INCIDENT_STATUS_LABELS, Problem, RfcDetail, RfcInput, RfcJson, RfcQuery, rfcInitial } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { incidentVisibleTo } from '../services/incidents.js';
import { rfcVisible } from '../services/rfc-visible.js';
import { settingsRead } from '../services/settings.js';
import { rfcDetailJson, rfcJson } from '../views/rfcs.js';

const unprocessable = { description: 'Onverwerkbare invoer', content: { 'application/problem+json': { schema: Problem } } };

/**
 * Throws 422 unless `number` names an existing incident that is still open and that the filer may see (section 2.2:
 * an urgent change is needed to solve an incident). Another Afnemer's incident reads as not existing.
 */
async function rfcIncidentAssertOpen(sql: Parameters<typeof incidentByNumber>[0], number: string, user: UserRow) {
  const incident = await incidentByNumber(sql, number);
  const refuse = (message: string) => {
    throw new ProblemError(422, message, [{ field: 'incidentNumber', message }], 'Onverwerkbare invoer');
  };
  if (!incident || !incidentVisibleTo(incident, user)) refuse(`Incident ${number} bestaat niet (of u kunt het niet zien). Noem een bestaand, open incident.`);
  else if (incident.status === 'gesloten')
    refuse(`Incident ${number} is ${INCIDENT_STATUS_LABELS.gesloten.toLowerCase()}; een urgente wijziging hoort bij een open incident.`);
}

export const rfcs = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Wijzigingen'],
      operationId: 'listRfcs',
      summary: 'Wijzigingsverzoeken (RFC’s)',
      description: 'Wijzigingsverzoeken, nieuwste eerst; een Afnemer ziet alleen de eigen.',
      request: { query: RfcQuery },
      responses: { 200: { description: 'De RFC’s, nieuwste eerst', content: { 'application/json': { schema: z.array(RfcJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const scope = afnemerScope(user);
      if (scope !== null && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet alleen de RFC’s van uw eigen Afnemer.');
      const rows = await rfcsList(c.get('deps').sql, { afnemer: scope ?? q.afnemer ?? null, status: q.status ?? null, kind: q.kind ?? null });
      return c.json(
        rows.map((r) => rfcJson(r, user)),
        200,
      );
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Wijzigingen'],
      operationId: 'getRfc',
      summary: 'Eén RFC',
      description: 'Eén wijzigingsverzoek met zijn audittrail.',
      request: { params: IdParam },
      responses: { 200: { description: 'De RFC', content: { 'application/json': { schema: RfcDetail } } }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql } = c.get('deps');
      return c.json(await rfcDetailJson(sql, await rfcVisible(sql, c.req.valid('param').id, user), user), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Wijzigingen'],
      operationId: 'createRfc',
      summary: 'RFC indienen',
      description:
        'Dient een wijzigingsverzoek in: standaard (uit de catalogus), niet-standaard (met impactanalyse) of urgent (met incidentnummer). Door Logius (voor zichzelf of voor een Afnemer) of door wie de Afnemer daarvoor heeft aangewezen. Een urgente wijziging noemt een bestaand, open incident dat de indiener mag zien (DAP 2.2); anders 422.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: RfcInput,
              example: {
                kind: 'standaard',
                changeType: 'technisch',
                title: 'Testaccounts voor de acceptatieomgeving',
                catalogueItem: 'testaccounts',
                description: 'Tien testaccounts',
              },
            },
          },
        },
      },
      responses: {
        201: { description: 'Ingediend', content: { 'application/json': { schema: RfcDetail } } },
        422: unprocessable,
      },
    }),
    async (c) => {
      const user = userMay(c, 'rfc.file');
      const input = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const own = accessScope(user, 'rfc.file');
      if (own !== null) {
        if (input.afnemer && input.afnemer !== own) throw new ProblemError(403, 'U dient alleen RFC’s in voor uw eigen Afnemer.');
        const permission = await userRfcPermission(sql, user.id);
        if (!permission?.mayFileRfc) {
          throw new ProblemError(
            403,
            'Uw Afnemer heeft u niet aangewezen om wijzigingsverzoeken in te dienen. Vraag dat aan uw klantraad-manager of aan Logius.',
          );
        }
      }
      const afnemerOin = own ?? input.afnemer ?? null;
      if (afnemerOin !== null && own === null && !(await afnemersList(sql)).some((a) => a.oin === afnemerOin)) {
        const message = `Afnemer ${afnemerOin} bestaat niet.`;
        throw new ProblemError(400, 'Onbekende Afnemer.', [{ field: 'afnemer', message }]);
      }
      if (input.catalogueItem && !(await settingsRead(sql)).standardChanges.some((s) => s.code === input.catalogueItem)) {
        throw new ProblemError(400, 'Deze standaardwijziging staat niet in de catalogus.', [
          { field: 'catalogueItem', message: 'Kies een item uit de catalogus (GET /standard-changes).' },
        ]);
      }
      if (input.kind === 'urgent') await rfcIncidentAssertOpen(sql, input.incidentNumber!, user);
      const at = now();
      const state = rfcInitial(input.kind, at.getTime());
      const id = await sql.begin(async (tx: Tx) => {
        const newId = await rfcInsert(
          tx,
          {
            afnemerOin,
            kind: input.kind,
            changeType: input.changeType,
            catalogueItem: input.catalogueItem ?? null,
            incidentNumber: input.incidentNumber ?? null,
            title: input.title,
            description: input.description,
            status: state.status,
            state,
            filedBy: user.id,
          },
          at,
        );
        await rfcEventAppend(
          tx,
          { rfcId: newId, actor: user, action: 'file', from: null, to: state.status, payload: { kind: input.kind, changeType: input.changeType } },
          at,
        );
        await notify(
          tx,
          await usersByRole(tx, ['service-manager'], null),
          {
            conflictId: null,
            subject: { kind: 'rfc', ref: String(newId) },
            title: `Nieuwe RFC #${newId}: ${input.title}`,
            body: `${user.email} diende een ${input.kind === 'urgent' ? 'urgente wijziging' : input.kind === 'standaard' ? 'standaardwijziging' : 'niet-standaardwijziging'} in. Stap 2: de korte analyse.`,
          },
          at,
        );
        return newId;
      });
      return c.json(await rfcDetailJson(sql, (await rfcById(sql, id))!, user), 201);
    },
  );
