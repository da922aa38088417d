import { incidentById, incidentEventAppend, incidentUpdate, notify, prioritySettings, type IncidentRow, type Tx, type UserRow } from '@cd/db';
import {
  IncidentAction,
  IncidentDetail,
  INCIDENT_STATUS_LABELS,
  incidentActionsFor,
  incidentStatusAllowed,
  priorityDeadlines,
  type IncidentActionName,
} from '@cd/shared';
import { roleMay } from '@cd/shared/access';
import { afnemerScope, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { incidentAssertVisible, incidentAudience, incidentFacts, trailActor } from '../services/incidents.js';
import { incidentDetailJson, notifyText } from '../views/incidents.js';

/** Throws 403 unless the user may do `action` on the incident now (409 when closed or already done). */
export function incidentMayDo(i: IncidentRow, user: UserRow, action: IncidentActionName) {
  if (incidentActionsFor(incidentFacts(i), { role: user.role, afnemer: user.afnemerOin }).includes(action)) return;
  if (i.status === 'gesloten') throw new ProblemError(409, `${i.number} is afgemeld en verandert niet meer.`);
  const allowedSomewhere =
    incidentActionsFor(
      { ...incidentFacts(i), status: 'gemeld', calamityAt: null, crisisAt: null, escalationLevel: 0 },
      { role: user.role, afnemer: user.afnemerOin },
    ).includes(action) ||
    (action === 'declare-crisis' && roleMay(user.role, 'incident.calamity'));
  if (allowedSomewhere) throw new ProblemError(409, `Deze handeling past nu niet bij ${i.number}.`);
  throw new ProblemError(403, 'Uw rol of Afnemer mag dit niet bij dit incident.');
}

export const incidentActions = apiRouter().openapi(
  apiRoute({
    method: 'post',
    path: '/{id}/actions',
    tags: ['Incidenten'],
    operationId: 'performIncidentAction',
    summary: 'Handeling op een incident',
    description:
      'Een handeling op een incident: update, status, afmelden met verslag, prioriteit wijzigen, calamiteit bevestigen of crisis uitroepen. 409 als de handeling in de huidige status niet kan.',
    request: {
      params: IdParam,
      body: {
        required: true,
        content: { 'application/json': { schema: IncidentAction, example: { type: 'update', text: 'Oorzaak gevonden in de loadbalancer; herstel loopt.' } } },
      },
    },
    responses: { 200: { description: 'Uitgevoerd', content: { 'application/json': { schema: IncidentDetail } } }, 404: notFound, 409: conflict },
  }),
  async (c) => {
    const user = userRequire(c);
    const id = c.req.valid('param').id;
    const action = c.req.valid('json');
    const { sql, now } = c.get('deps');
    const at = now();
    await sql.begin(async (tx: Tx) => {
      const i = incidentAssertVisible(await incidentById(tx, id, true), user);
      incidentMayDo(i, user, action.type);
      const actor = trailActor(user);
      const logius = afnemerScope(user) === null;
      const tell = async (afnemerRoles: string[], logiusRoles: string[], title: string, body: string) =>
        notify(
          tx,
          await incidentAudience(tx, i.afnemers, afnemerRoles, logiusRoles, user.id),
          { conflictId: null, subject: { kind: 'incident', ref: i.number }, title, body },
          at,
        );
      switch (action.type) {
        case 'update': {
          await incidentEventAppend(tx, id, actor, 'update', { text: action.text }, at);
          if (logius && !i.respondedAt) await incidentUpdate(tx, id, { respondedAt: at }, at);
          else await incidentUpdate(tx, id, {}, at);
          if (logius) await tell(i.priority === 'P1' || i.calamityAt ? ['planner', 'klantraad-manager'] : ['planner'], [], `Update ${i.number}`, action.text);
          else await tell([], ['incident-manager'], `Update van ${user.afnemerOin} over ${i.number}`, action.text);
          break;
        }
        case 'status': {
          if (!incidentStatusAllowed(i.status, action.status)) {
            throw new ProblemError(409, `Van "${INCIDENT_STATUS_LABELS[i.status]}" kan ${i.number} niet naar "${INCIDENT_STATUS_LABELS[action.status]}".`);
          }
          await incidentUpdate(
            tx,
            id,
            {
              status: action.status,
              resolvedAt: action.status === 'opgelost' ? at : null,
              ...(i.respondedAt ? {} : { respondedAt: at }),
            },
            at,
          );
          await incidentEventAppend(tx, id, actor, 'status', { from: i.status, to: action.status, note: action.note }, at);
          await tell(['planner'], logius ? [] : ['incident-manager'], `${i.number}: ${INCIDENT_STATUS_LABELS[action.status]}`, action.note || notifyText(i));
          break;
        }
        case 'close': {
          await incidentUpdate(
            tx,
            id,
            {
              status: 'gesloten',
              closedAt: at,
              closingReport: action.closingReport,
              ...(i.resolvedAt ? {} : { resolvedAt: at }),
              ...(i.respondedAt ? {} : { respondedAt: at }),
            },
            at,
          );
          await incidentEventAppend(tx, id, actor, 'close', { from: i.status, to: 'gesloten', closingReport: action.closingReport }, at);
          await tell(['planner', 'klantraad-manager'], ['incident-manager'], `Afgemeld: ${i.number}`, action.closingReport);
          break;
        }
        case 'priority': {
          if (action.priority === i.priority) throw new ProblemError(409, `${i.number} heeft al prioriteit ${i.priority}.`);
          const due = priorityDeadlines(action.priority, i.reportedAt.getTime(), await prioritySettings(tx));
          await incidentUpdate(
            tx,
            id,
            { priority: action.priority, responseDueAt: new Date(due.responseDueAt), resolutionDueAt: new Date(due.resolutionDueAt) },
            at,
          );
          await incidentEventAppend(tx, id, actor, 'priority', { from: i.priority, to: action.priority, reason: action.reason }, at);
          await tell(
            ['planner'],
            action.priority === 'P1' ? ['calamity-manager'] : [],
            `${i.number}: prioriteit ${i.priority} → ${action.priority}`,
            action.reason,
          );
          break;
        }
        case 'confirm-calamity': {
          await incidentUpdate(tx, id, { calamityReason: action.reason, calamityAt: at, calamityBy: user.id }, at);
          await incidentEventAppend(tx, id, actor, 'confirm-calamity', { reason: action.reason, note: action.note }, at);
          await tell(
            ['planner', 'klantraad-manager'],
            ['incident-manager', 'service-manager'],
            `Calamiteit: ${i.number}`,
            `De calamiteitenmanager van Logius neemt de afhandeling over. ${action.note}`.trim(),
          );
          break;
        }
        case 'declare-crisis': {
          await incidentUpdate(tx, id, { crisisAt: at, crisisNote: action.note }, at);
          await incidentEventAppend(tx, id, actor, 'declare-crisis', { note: action.note }, at);
          await tell(['planner', 'klantraad-manager'], ['incident-manager', 'service-manager', 'admin'], `Crisis: ${i.number}`, action.note);
          break;
        }
      }
    });
    const i = (await incidentById(sql, id))!;
    return c.json(await incidentDetailJson(sql, i, user, at.getTime()), 200);
  },
);
