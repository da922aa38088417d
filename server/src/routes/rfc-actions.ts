import { notify, releaseById, rfcById, rfcEventAppend, rfcStateSave, usersByRole, type Tx } from '@cd/db';
import { changeLadderNext, RFC_STATUS_LABELS, RfcAction, RfcDetail, RfcEscalationInput, rfcApply } from '@cd/shared';
import { userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { rfcVisible } from '../services/rfc-visible.js';
import { rfcDetailJson, rfcMayEscalate } from '../views/rfcs.js';

/** The steps of an RFC's process and its escalation ladder (DAP 7.3); mounted at /rfcs beside the RFCs themselves. */
export const rfcActions = apiRouter()
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
            subject: { kind: 'rfc', ref: String(id) },
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
