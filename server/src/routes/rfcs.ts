import {
  afnemersList,
  incidentByNumber,
  notify,
  releaseById,
  rfcById,
  rfcEventAppend,
  rfcInsert,
  rfcsList,
  rfcStateSave,
  userRfcPermission,
  usersByRole,
  type RfcRow,
  type Tx,
  type UserRow,
} from '@cd/db';
import {
  changeLadderNext,
  INCIDENT_STATUS_LABELS,
  Problem,
  RFC_STATUS_LABELS,
  RfcAction,
  RfcDetail,
  RfcEscalationInput,
  RfcInput,
  RfcJson,
  RfcQuery,
  rfcApply,
  rfcInitial,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { incidentVisibleTo } from '../services/incidents.js';
import { settingsRead } from '../services/settings.js';
import { rfcDetailJson, rfcJson, rfcMayEscalate } from '../views/rfcs.js';

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

/** The RFC if the user may see it: Logius sees all, an Afnemer's users only their own Afnemer's. */
async function rfcVisible(sql: Tx | Parameters<typeof rfcById>[0], id: number, user: UserRow, lock = false): Promise<RfcRow> {
  const row = await rfcById(sql, id, lock);
  if (!row) throw new ProblemError(404, 'Deze RFC bestaat niet.');
  const scope = afnemerScope(user);
  if (scope !== null && scope !== row.afnemerOin) throw new ProblemError(403, 'Deze RFC hoort bij een andere Afnemer.');
  return row;
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
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/actions',
      tags: ['Wijzigingen'],
      operationId: 'performRfcAction',
      summary: 'Stap in het wijzigingsproces',
      description:
        'Een stap in het wijzigingsproces: analyse, impactanalyse, CAB-besluit, inplannen in een release of implementeren. 409 bij een stap die nu niet kan.',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: { 'application/json': { schema: RfcAction, example: { type: 'decide', outcome: 'goedgekeurd', reason: 'Geen impact op de capaciteit.' } } },
        },
      },
      responses: {
        200: { description: 'De RFC na de stap', content: { 'application/json': { schema: RfcDetail } } },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userRequire(c);
      const action = c.req.valid('json');
      const id = c.req.valid('param').id;
      const { sql, now } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const row = await rfcVisible(tx, id, user, true);
        const state = row.state;
        const result = rfcApply(state, action, { email: user.email, role: user.role }, at.getTime());
        if (!result.ok) throw new ProblemError(result.reason === 'forbidden' ? 403 : 409, result.message);
        let releaseId = row.releaseId;
        if (action.type === 'plan') {
          const release = await releaseById(tx, action.releaseId, true);
          if (!release) throw new ProblemError(409, `Release ${action.releaseId} bestaat niet.`);
          if (release.endAt <= at) throw new ProblemError(409, `Release "${release.name}" is al voorbij; kies een latere release.`);
          releaseId = release.id;
        }
        if (action.type === 'implement') {
          const release = releaseId === null ? null : await releaseById(tx, releaseId);
          if (release && release.startAt > at) throw new ProblemError(409, `Release "${release.name}" begint pas op ${release.startAt.toISOString()}.`);
        }
        await rfcStateSave(tx, id, result.state.status, result.state, releaseId, at);
        const { type: _type, ...payload } = action;
        await rfcEventAppend(tx, { rfcId: id, actor: user, action: action.type, from: result.event.from, to: result.event.to, payload }, at);
        await notify(
          tx,
          [{ id: row.filedByUserId, email: row.filedBy }],
          {
            conflictId: null,
            subject: { kind: 'rfc', ref: String(id) },
            title: `RFC #${id}: ${RFC_STATUS_LABELS[result.state.status]}`,
            body: action.type === 'decide' ? `${row.title}. Reden: ${action.reason}` : row.title,
          },
          at,
        );
      });
      return c.json(await rfcDetailJson(sql, (await rfcById(sql, id))!, user), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/escalations',
      operationId: 'escalateRfc',
      tags: ['Wijzigingen'],
      summary: 'RFC overleggen of escaleren',
      description:
        'Legt overleg vast of escaleert een RFC een trede hoger op de ladder van zijn type (DAP 7.3). Eerst overleggen, dan escaleren en informeren: elke trede informeert Logius en de gebruikers van de Afnemer.',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: RfcEscalationInput,
              example: { step: 'overleggen', text: 'Bilateraal overleg met de servicemanager; geen oplossing voor de planning.' },
            },
          },
        },
      },
      responses: {
        200: { description: 'De RFC met zijn ladder', content: { 'application/json': { schema: RfcDetail } } },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userMay(c, 'rfc.escalate');
      const input = c.req.valid('json');
      const id = c.req.valid('param').id;
      const { sql, now } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const row = await rfcVisible(tx, id, user, true);
        if (!rfcMayEscalate(row, user)) throw new ProblemError(403, 'U escaleert alleen RFC’s van uw eigen Afnemer.');
        const next = changeLadderNext(row.changeType, row.escalationConsulted, row.escalationLevel);
        if (next === null) throw new ProblemError(409, `RFC #${id} staat al op de hoogste trede van de ladder.`);
        if (next.step !== input.step) {
          throw new ProblemError(
            409,
            next.step === 'overleggen'
              ? 'Eerst overleggen, dan escaleren: leg eerst het overleg vast.'
              : 'Het overleg is al vastgelegd; de volgende stap is escaleren.',
          );
        }
        const level = next.step === 'escaleren' ? next.level : null;
        await rfcEventAppend(
          tx,
          {
            rfcId: id,
            actor: user,
            action: level ? 'escalate' : 'consult',
            from: row.status,
            to: row.status,
            payload: level
              ? { level: level.level, ladder: row.changeType, logius: level.logius.title, afnemer: level.afnemer.title, text: input.text }
              : { ladder: row.changeType, text: input.text },
          },
          at,
        );
        // Informing reaches both sides: Logius' roles of the level and the users of the RFC's Afnemer.
        const audience = [
          ...(await usersByRole(tx, level ? [...level.notifyRoles] : ['service-manager'], null)),
          ...(row.afnemerOin ? await usersByRole(tx, ['planner', 'klantraad-manager'], [row.afnemerOin]) : []),
        ];
        const seen = new Set<number>();
        await notify(
          tx,
          audience.filter((u) => u.id !== user.id && !seen.has(u.id) && seen.add(u.id)),
          {
            conflictId: null,
            title: level
              ? `RFC #${id} geëscaleerd naar trede ${level.level}: ${level.logius.title} (Logius) en ${level.afnemer.title}`
              : `RFC #${id}: overleg vastgelegd`,
            body: `${row.title}. ${input.text}`,
          },
          at,
        );
      });
      return c.json(await rfcDetailJson(sql, (await rfcById(sql, id))!, user), 200);
    },
  );
