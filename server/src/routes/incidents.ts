import {
  afnemersList,
  conflictById,
  incidentById,
  incidentCapacityImpactCreate,
  incidentCapacityImpactDelete,
  incidentCapacityImpacts,
  incidentEventAppend,
  incidentEvents,
  incidentInsert,
  incidentsList,
  incidentUpdate,
  disruptionAnalysesList,
  notify,
  prioritySettings,
  referenceNext,
  type CapacityImpactRow,
  type IncidentRow,
  type Sql,
  type TrailEventRow,
  type Tx,
  type UserRow,
} from '@cd/db';
import {
  CapacityImpactInput,
  CapacityImpactJson,
  IncidentAction,
  IncidentDetail,
  IncidentInput,
  IncidentPage,
  IncidentQuery,
  INCIDENT_STATUS_LABELS,
  incidentActionsFor,
  incidentStatusAllowed,
  priorityDeadlines,
  referenceFormat,
  referenceYear,
  type IncidentActionName,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { accessScope, roleMay } from '@cd/shared/access';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { conflictsRecompute } from '../services/conflicts-recompute.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';
import {
  escalationJson,
  incidentAssertVisible,
  incidentAudience,
  incidentEscalations,
  incidentFacts,
  incidentJson,
  trailActor,
} from '../services/incidents.js';

const ImpactParams = IdParam.extend({
  impactId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'impactId', in: 'path' }, example: 1 }),
});

const impactJson = (m: CapacityImpactRow) => ({
  id: m.id,
  start: m.startAt.toISOString(),
  end: m.endAt.toISOString(),
  factor: m.factor,
  reason: m.reason,
  createdBy: m.createdBy,
});

const CapacityImpactResult = z
  .object({
    impact: CapacityImpactJson,
    conflictsCreated: z.array(z.number().int()).meta({ description: 'Conflicten die door deze verlaging ontstonden' }),
    conflictsAffected: z.array(z.number().int()).meta({ description: 'Bestaande conflicten in de periode, nu zwaarder' }),
  })
  .meta({ id: 'CapacityImpactResult' });

/** Throws 403 unless the user may do `action` on the incident now (409 when closed or already done). */
function incidentMayDo(i: IncidentRow, user: UserRow, action: IncidentActionName) {
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

/**
 * True when an Afnemer user may see this trail event of an incident it shares with other Afnemers: not what
 * another Afnemer's users did, and not the escalations and disruption analyses about another Afnemer.
 */
function trailEventVisible(e: TrailEventRow, scope: string, escalationIds: Set<number>, analysisIds: Set<number>): boolean {
  if (e.actorAfnemer !== null && e.actorAfnemer !== scope) return false;
  const { escalationId, analysisId } = e.payload as { escalationId?: number; analysisId?: number };
  if (e.action === 'escalated' && escalationId !== undefined) return escalationIds.has(escalationId);
  if ((e.action === 'analysis-requested' || e.action === 'analysis-delivered') && analysisId !== undefined) return analysisIds.has(analysisId);
  return true;
}

async function incidentDetailJson(sql: Sql, i: IncidentRow, user: UserRow, nowMs: number): Promise<IncidentDetail> {
  const scope = afnemerScope(user);
  const [trail, impacts, allEscalations, analyses] = await Promise.all([
    incidentEvents(sql, i.id),
    incidentCapacityImpacts(sql, i.id),
    incidentEscalations(sql, i.id),
    disruptionAnalysesList(sql, { afnemer: scope, incidentId: i.id, delivered: null }),
  ]);
  const escalations = allEscalations.filter((e) => scope === null || e.afnemerOin === null || e.afnemerOin === scope);
  const visibleEscalations = new Set(escalations.map((e) => e.id));
  const visibleAnalyses = new Set(analyses.map((a) => a.id));
  const events = scope === null ? trail : trail.filter((e) => trailEventVisible(e, scope, visibleEscalations, visibleAnalyses));
  return {
    ...incidentJson(i, nowMs),
    description: i.description,
    closingReport: i.closingReport,
    updates: events
      .filter((e) => e.action === 'update')
      .map((e) => ({ at: e.at.toISOString(), by: e.actorEmail, afnemer: e.actorAfnemer, text: String(e.payload.text ?? '') })),
    statusHistory: events
      .filter((e) => e.action === 'reported' || e.action === 'status' || e.action === 'close')
      .map((e) => ({
        at: e.at.toISOString(),
        by: e.actorEmail,
        from: (e.payload.from ?? null) as IncidentDetail['statusHistory'][number]['from'],
        to: (e.payload.to ?? 'gemeld') as IncidentDetail['statusHistory'][number]['to'],
      })),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actorEmail,
      role: e.actorRole,
      afnemer: e.actorAfnemer,
      action: e.action,
      payload: e.payload,
    })),
    capacityImpacts: impacts.map(impactJson),
    escalations: escalations.map(escalationJson),
    disruptionAnalysisIds: analyses.map((a) => a.id),
    actions: incidentActionsFor(incidentFacts(i), { role: user.role, afnemer: user.afnemerOin }),
  };
}

const notifyText = (i: IncidentRow) => `${i.number} (${i.priority}): ${i.title}`;

export const incidents = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Incidenten'],
      summary: 'Incidenten en calamiteiten, nieuwste eerst; een Afnemer ziet alleen die hem raken of die hij meldde',
      request: { query: IncidentQuery },
      responses: { 200: { description: 'Eén pagina', content: { 'application/json': { schema: IncidentPage } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const scope = afnemerScope(user);
      if (scope && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet alleen incidenten van uw eigen Afnemer.');
      const { sql, now } = c.get('deps');
      const nowMs = now().getTime();
      const rows = await incidentsList(sql, {
        status: q.status ?? null,
        priority: q.priority ?? null,
        afnemer: scope ?? q.afnemer ?? null,
        openOnly: q.open === 'true',
        calamityConfirmed: q.calamity === 'bevestigd' ? true : q.calamity === 'voorgesteld' ? false : null,
        from: q.from ? new Date(q.from) : null,
        to: q.to ? new Date(q.to) : null,
      });
      let items = rows.map((r) => incidentJson(r, nowMs));
      if (q.open === 'false') items = items.filter((i) => i.status === 'gesloten');
      if (q.calamity) items = items.filter((i) => i.calamity.status === q.calamity);
      const start = (q.page - 1) * q.pageSize;
      return c.json({ items: items.slice(start, start + q.pageSize), page: q.page, pageSize: q.pageSize, total: items.length }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Incidenten'],
      summary: 'Eén incident met updates, statusverloop, audittrail, capaciteitsverlagingen en escalaties',
      request: { params: IdParam },
      responses: { 200: { description: 'Het incident', content: { 'application/json': { schema: IncidentDetail } } }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now } = c.get('deps');
      const i = incidentAssertVisible(await incidentById(sql, c.req.valid('param').id), user);
      return c.json(await incidentDetailJson(sql, i, user, now().getTime()), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Incidenten'],
      summary: 'Een incident melden; het krijgt een Logius-incidentnummer en termijnen volgens de SNO',
      description:
        'Logius meldt verstoringen van MijnOverheid; een planner meldt ook verstoringen van de eigen systemen (stap 4), alleen voor de eigen Afnemer.',
      request: { body: { required: true, content: { 'application/json': { schema: IncidentInput } } } },
      responses: { 201: { description: 'Gemeld', content: { 'application/json': { schema: IncidentDetail } } } },
    }),
    async (c) => {
      const user = userMay(c, 'incident.report');
      const input = c.req.valid('json');
      const scope = accessScope(user, 'incident.report');
      const afnemers = [...new Set(input.afnemers)].sort();
      if (scope && (afnemers.length !== 1 || afnemers[0] !== scope)) {
        throw new ProblemError(403, 'U meldt alleen verstoringen voor uw eigen Afnemer.');
      }
      if (!scope && input.kind === 'afnemer-systeem' && afnemers.length !== 1) {
        throw new ProblemError(400, 'Een verstoring bij een Afnemer hoort bij precies één Afnemer.', [
          { field: 'afnemers', message: 'Noem precies één Afnemer.' },
        ]);
      }
      const { sql, now } = c.get('deps');
      const known = new Set((await afnemersList(sql)).map((a) => a.oin));
      const unknown = afnemers.filter((o) => !known.has(o));
      if (unknown.length)
        throw new ProblemError(
          400,
          'Onbekende Afnemer.',
          unknown.map((o) => ({ field: 'afnemers', message: `Afnemer ${o} bestaat niet.` })),
        );
      const at = now();
      const id = await sql.begin(async (tx: Tx) => {
        const settings = await prioritySettings(tx);
        const due = priorityDeadlines(input.priority, at.getTime(), settings);
        const year = referenceYear(at.getTime());
        const number = referenceFormat('INC', year, await referenceNext(tx, 'INC', year));
        const newId = await incidentInsert(tx, {
          number,
          kind: input.kind,
          title: input.title,
          description: input.description,
          channel: input.channel,
          priority: input.priority,
          afnemers,
          reportedBy: user.id,
          reportedByAfnemer: scope ?? (input.kind === 'afnemer-systeem' ? afnemers[0]! : null),
          reportedAt: at,
          responseDueAt: new Date(due.responseDueAt),
          resolutionDueAt: new Date(due.resolutionDueAt),
        });
        await incidentEventAppend(
          tx,
          newId,
          trailActor(user),
          'reported',
          {
            from: null,
            to: 'gemeld',
            number,
            kind: input.kind,
            priority: input.priority,
            channel: input.channel,
            afnemers,
          },
          at,
        );
        const i = (await incidentById(tx, newId))!;
        // Logius tells affected Afnemers of P1 and P2 disruptions; an Afnemer's report goes to Logius' incident managers.
        const audience = scope
          ? await incidentAudience(tx, [], [], ['incident-manager'], user.id)
          : await incidentAudience(
              tx,
              afnemers,
              input.priority === 'P1' || input.priority === 'P2' ? ['planner', 'klantraad-manager'] : [],
              input.priority === 'P1' ? ['incident-manager', 'calamity-manager'] : ['incident-manager'],
              user.id,
            );
        await notify(tx, audience, { conflictId: null, title: `Incident gemeld: ${number}`, body: notifyText(i) }, at);
        return newId;
      });
      const i = (await incidentById(sql, id))!;
      return c.json(await incidentDetailJson(sql, i, user, at.getTime()), 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/actions',
      tags: ['Incidenten'],
      summary: 'Een handeling op een incident: update, status, afmelden met verslag, prioriteit, calamiteit, crisis',
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: IncidentAction } } } },
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
          notify(tx, await incidentAudience(tx, i.afnemers, afnemerRoles, logiusRoles, user.id), { conflictId: null, title, body }, at);
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
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/capacity-impacts',
      tags: ['Incidenten'],
      summary: 'De Berichtenbox-capaciteit verlagen door een incident; conflicten worden in dezelfde transactie herberekend',
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: CapacityImpactInput } } } },
      responses: { 201: { description: 'Verlaagd', content: { 'application/json': { schema: CapacityImpactResult } } }, 404: notFound, 409: conflict },
    }),
    async (c) => {
      const user = userMay(c, 'incident.capacity-impact');
      const id = c.req.valid('param').id;
      const input = c.req.valid('json');
      const { sql, now, procedure } = c.get('deps');
      const at = now();
      const result = await sql.begin(async (tx: Tx) => {
        const i = incidentAssertVisible(await incidentById(tx, id, true), user);
        incidentMayDo(i, user, 'capacity-impact');
        horizonRequire(horizonNow(c.get('deps')), horizonFields(input));
        const start = new Date(input.start);
        const end = new Date(input.end);
        const reason = input.reason || `Incident ${i.number}: ${i.title}`;
        const windowId = await incidentCapacityImpactCreate(tx, id, { start, end, factor: input.factor, reason }, user.id, at);
        await incidentEventAppend(
          tx,
          id,
          trailActor(user),
          'capacity-lowered',
          { windowId, start: input.start, end: input.end, factor: input.factor, reason },
          at,
        );
        const r = await conflictsRecompute(tx, { from: start.getTime(), to: end.getTime() }, at, `Capaciteit verlaagd door incident ${i.number}`, procedure);
        // New conflicts told their planners already (step 1); planners of conflicts that only grew hear it here.
        const affected: number[] = [];
        for (const cid of r.kept) {
          const k = await conflictById(tx, cid);
          if (!k || k.startAt >= end || k.endAt <= start) continue;
          affected.push(cid);
          await notify(
            tx,
            await incidentAudience(tx, k.afnemers, ['planner'], [], null),
            {
              conflictId: cid,
              title: `Capaciteit verlaagd door incident ${i.number}`,
              body: `De Berichtenbox heeft van ${start.toISOString()} tot ${end.toISOString()} ${Math.round(input.factor * 100)}% van de capaciteit. Uw conflict wordt daardoor zwaarder.`,
            },
            at,
          );
        }
        await incidentUpdate(tx, id, {}, at);
        return { windowId, created: r.created, affected };
      });
      const impact = (await incidentCapacityImpacts(sql, id)).find((m) => m.id === result.windowId)!;
      return c.json({ impact: impactJson(impact), conflictsCreated: result.created, conflictsAffected: result.affected }, 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{id}/capacity-impacts/{impactId}',
      tags: ['Incidenten'],
      summary: 'Een capaciteitsverlaging van een incident opheffen; conflicten worden herberekend',
      request: { params: ImpactParams },
      responses: { 204: { description: 'Opgeheven' }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, 'incident.capacity-impact');
      const { id, impactId } = c.req.valid('param');
      const { sql, now, procedure } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const i = incidentAssertVisible(await incidentById(tx, id, true), user);
        const old = await incidentCapacityImpactDelete(tx, id, impactId);
        if (!old) throw new ProblemError(404, `${i.number} heeft geen capaciteitsverlaging ${impactId}.`);
        await incidentEventAppend(
          tx,
          id,
          trailActor(user),
          'capacity-restored',
          { windowId: impactId, start: old.startAt.toISOString(), end: old.endAt.toISOString(), factor: old.factor },
          at,
        );
        await conflictsRecompute(
          tx,
          { from: old.startAt.getTime(), to: old.endAt.getTime() },
          at,
          `Capaciteitsverlaging van incident ${i.number} opgeheven`,
          procedure,
        );
        await incidentUpdate(tx, id, {}, at);
      });
      return c.body(null, 204);
    },
  );
