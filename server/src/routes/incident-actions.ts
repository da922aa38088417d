import { incidentById, incidentEventAppend, incidentUpdate, notify, prioritySettings, type IncidentRow, type Tx, type UserRow } from '@cd/db';
import {
  IncidentAction,
  IncidentDetail,
  INCIDENT_STATUS_LABELS,
  incidentActionsFor,
  incidentStatusAllowed,
  instantFormatAmsterdamDutch,
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
      { ...incidentFacts(i), status: 'gemeld', calamityAt: null, calamityProposedAt: null, crisisAt: null, escalationLevel: 0 },
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
      'Een handeling op een incident: update, status, afmelden met verslag, prioriteit vaststellen, afwijkende oplostijd afspreken, calamiteit voorstellen of bevestigen, of crisis uitroepen. 409 als de handeling in de huidige status niet kan.',
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
          // Setting the priority the Afnemer proposed is a decision too (step 2); once set, the same value is no change.
          const prioritised = i.prioritisedAt !== null;
          if (prioritised && action.priority === i.priority) throw new ProblemError(409, `${i.number} heeft al prioriteit ${i.priority}.`);
          const due = priorityDeadlines(action.priority, i.reportedAt.getTime(), await prioritySettings(tx));
          await incidentUpdate(
            tx,
            id,
            {
              priority: action.priority,
              responseDueAt: new Date(due.responseDueAt),
              // A deviating resolution time agreed for this incident stands until another is agreed (section 5.2).
              ...(i.resolutionAgreedAt ? {} : { resolutionDueAt: new Date(due.resolutionDueAt) }),
              prioritisedAt: at,
              prioritisedBy: user.id,
            },
            at,
          );
          await incidentEventAppend(
            tx,
            id,
            actor,
            'priority',
            { from: i.priority, to: action.priority, reason: action.reason, proposed: i.proposedPriority, firstSet: !prioritised },
            at,
          );
          await tell(
            ['planner'],
            action.priority === 'P1' ? ['calamity-manager'] : [],
            prioritised ? `${i.number}: prioriteit ${i.priority} → ${action.priority}` : `${i.number}: prioriteit vastgesteld op ${action.priority}`,
            action.reason,
          );
          break;
        }
        case 'agree-resolution': {
          const dueAt = new Date(action.resolutionDueAt);
          if (dueAt.getTime() <= i.reportedAt.getTime()) {
            const message = 'De afgesproken oplostijd ligt na het moment van melden.';
            throw new ProblemError(400, message, [{ field: 'resolutionDueAt', message }]);
          }
          await incidentUpdate(
            tx,
            id,
            {
              resolutionDueAt: dueAt,
              resolutionAgreedAt: at,
              resolutionAgreedBy: user.id,
              resolutionAgreedReason: action.reason,
              resolutionAgreedWith: action.agreedWith,
            },
            at,
          );
          await incidentEventAppend(
            tx,
            id,
            actor,
            'agree-resolution',
            { from: i.resolutionDueAt.toISOString(), to: dueAt.toISOString(), agreedWith: action.agreedWith, reason: action.reason },
            at,
          );
          await tell(
            ['planner', 'klantraad-manager'],
            ['incident-manager'],
            `${i.number}: afwijkende oplostijd afgesproken`,
            `Opgelost uiterlijk ${instantFormatAmsterdamDutch(dueAt)}, afgesproken met ${action.agreedWith}. ${action.reason}`,
          );
          break;
        }
        case 'propose-calamity': {
          await incidentUpdate(tx, id, { calamityProposedAt: at, calamityProposedBy: user.id, calamityProposedReason: action.reason }, at);
          await incidentEventAppend(tx, id, actor, 'calamity-proposed', { reason: action.reason, note: action.note }, at);
          await tell([], ['calamity-manager'], `Calamiteit voorgesteld: ${i.number}`, `${user.email} stelt een calamiteit voor. ${action.note}`.trim());
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
