import { afnemersList, incidentById, incidentEventAppend, incidentInsert, incidentsList, notify, prioritySettings, referenceNext, type Tx } from '@cd/db';
import {
  IncidentDetail,
  IncidentInput,
  IncidentPage,
  IncidentQuery,
  incidentReportPriority,
  priorityDeadlines,
  referenceFormat,
  referenceYear,
} from '@cd/shared';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { incidentAssertVisible, incidentAudience, trailActor } from '../services/incidents.js';
import { incidentDetailJson, incidentJson, notifyText } from '../views/incidents.js';
import { calamityThresholdRead } from '../services/settings.js';

export const incidents = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Incidenten'],
      operationId: 'listIncidents',
      summary: 'Incidenten',
      description: 'Incidenten en calamiteiten, nieuwste eerst; een Afnemer ziet alleen die hem raken of die hij meldde.',
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
      const settings = await prioritySettings(sql);
      const rows = await incidentsList(sql, {
        status: q.status ?? null,
        priority: q.priority ?? null,
        afnemer: scope ?? q.afnemer ?? null,
        openOnly: q.open === 'true',
        calamityConfirmed: q.calamity === 'bevestigd' ? true : q.calamity === 'voorgesteld' ? false : null,
        from: q.from ? new Date(q.from) : null,
        to: q.to ? new Date(q.to) : null,
      });
      const threshold = await calamityThresholdRead(sql);
      let items = rows.map((r) => incidentJson(r, nowMs, settings, threshold));
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
      operationId: 'getIncident',
      summary: 'Eén incident',
      description: 'Eén incident met updates, statusverloop, audittrail, capaciteitsverlagingen en escalaties.',
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
      operationId: 'createIncident',
      summary: 'Incident melden',
      description:
        'Meldt een incident; het krijgt een Logius-incidentnummer en termijnen volgens de SNO. ' +
        'Logius meldt verstoringen van MijnOverheid en stelt de prioriteit vast; een planner meldt ook verstoringen van de eigen systemen (stap 4), alleen voor de eigen Afnemer, en stelt een prioriteit voor (proposedPriority) die het Servicecentrum vaststelt (stap 2).',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: IncidentInput,
              example: {
                kind: 'mijnoverheid',
                title: 'Berichtenbox reageert traag',
                description: 'Inloggen duurt meer dan 30 seconden.',
                channel: 'telefoon',
                priority: 'P2',
                afnemers: ['00000001003214345000'],
              },
            },
          },
        },
      },
      responses: { 201: { description: 'Gemeld', content: { 'application/json': { schema: IncidentDetail } } } },
    }),
    async (c) => {
      const user = userMay(c, 'incident.report');
      const input = c.req.valid('json');
      const scope = accessScope(user, 'incident.report');
      const chosen = incidentReportPriority(user.role, input);
      if (!chosen.ok) throw new ProblemError(chosen.status, chosen.message, [{ field: chosen.field, message: chosen.message }]);
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
        const due = priorityDeadlines(chosen.priority, at.getTime(), settings);
        const year = referenceYear(at.getTime());
        const number = referenceFormat('INC', year, await referenceNext(tx, 'INC', year));
        const newId = await incidentInsert(tx, {
          number,
          kind: input.kind,
          title: input.title,
          description: input.description,
          channel: input.channel,
          priority: chosen.priority,
          proposedPriority: chosen.proposedPriority,
          prioritised: chosen.prioritised,
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
            priority: chosen.priority,
            proposedPriority: chosen.proposedPriority,
            prioritised: chosen.prioritised,
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
              chosen.priority === 'P1' || chosen.priority === 'P2' ? ['planner', 'klantraad-manager'] : [],
              chosen.priority === 'P1' ? ['incident-manager', 'calamity-manager'] : ['incident-manager'],
              user.id,
            );
        await notify(
          tx,
          audience,
          { conflictId: null, subject: { kind: 'incident', ref: number }, title: `Incident gemeld: ${number}`, body: notifyText(i) },
          at,
        );
        return newId;
      });
      const i = (await incidentById(sql, id))!;
      return c.json(await incidentDetailJson(sql, i, user, at.getTime()), 201);
    },
  );
