import {
  afnemerByOin,
  referenceNext,
  securityIncidentById,
  securityIncidentEventAppend,
  securityIncidentInsert,
  securityIncidentLevelSet,
  securityIncidentsList,
  securityIncidentStatusSet,
  type Tx,
} from '@cd/db';
import {
  referenceFormat,
  referenceYear,
  SecurityIncidentAction,
  SecurityIncidentInput,
  SecurityIncidentJson,
  SecurityPeriodicReportJson,
  SecurityReportQuery,
  securityEscalationNext,
  securityStatusAllowed,
} from '@cd/shared';
import { accessReach, accessScope } from '@cd/shared/access';
import { z } from '@hono/zod-openapi';
import { userMay } from '../lib/context.js';
import { apiRoute, apiRouter, conflict, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { securityReportXlsx } from '../lib/security-report-xlsx.js';
import { trailActor } from '../services/incidents.js';
import {
  securityEscalationNotify,
  securityIncidentJson,
  securityIncidentVisible,
  securityPeriodicReport,
  securityReportNotify,
} from '../services/security-incidents.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TAGS = ['Beveiligingsincidenten'];

export const securityIncidents = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: TAGS,
      operationId: 'listSecurityIncidents',
      summary: 'Beveiligingsincidenten',
      description: 'Beveiligingsincidenten (DAP 6.2): alle voor de security officer van Logius, voor een Afnemer alleen de eigen meldingen.',
      responses: { 200: { description: 'De incidenten, nieuwste eerst', content: { 'application/json': { schema: z.array(SecurityIncidentJson) } } } },
    }),
    async (c) => {
      const user = userMay(c, 'security-incident.read');
      const { sql } = c.get('deps');
      const rows = await securityIncidentsList(sql, accessScope(user, 'security-incident.read'));
      return c.json(await Promise.all(rows.map((s) => securityIncidentJson(sql, s))), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/periodic-reports',
      tags: TAGS,
      operationId: 'getSecurityPeriodicReport',
      summary: 'Periodieke rapportage beveiligingsincidenten',
      description: 'De kwartaalrapportage (DAP 6.2): aantallen per status, ernst en Afnemer, escalaties en de gemiddelde doorlooptijd tot afsluiten.',
      request: { query: SecurityReportQuery },
      responses: { 200: { description: 'De rapportage', content: { 'application/json': { schema: SecurityPeriodicReportJson } } } },
    }),
    async (c) => {
      userMay(c, 'security-incident.periodic-report');
      const q = c.req.valid('query');
      return c.json(await securityPeriodicReport(c.get('deps').sql, q.year, q.quarter as 1 | 2 | 3 | 4), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/periodic-reports.xlsx',
      tags: TAGS,
      operationId: 'getSecurityPeriodicReportXlsx',
      summary: 'Periodieke rapportage beveiligingsincidenten als Excel',
      description: 'Dezelfde kwartaalrapportage als Excel-bestand.',
      request: { query: SecurityReportQuery },
      responses: { 200: { description: 'XLSX', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } } },
    }),
    async (c) => {
      userMay(c, 'security-incident.periodic-report');
      const q = c.req.valid('query');
      const r = await securityPeriodicReport(c.get('deps').sql, q.year, q.quarter as 1 | 2 | 3 | 4);
      return c.body(await securityReportXlsx(r), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': `attachment; filename="beveiligingsincidenten-${r.year}-q${r.quarter}.xlsx"`,
      });
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: TAGS,
      operationId: 'getSecurityIncident',
      summary: 'Eén beveiligingsincident',
      description: 'Eén beveiligingsincident met zijn audittrail: de ad-hocrapportage. Voor een andere Afnemer bestaat het niet (404).',
      request: { params: IdParam },
      responses: { 200: { description: 'Het incident', content: { 'application/json': { schema: SecurityIncidentJson } } }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, 'security-incident.read');
      const { sql } = c.get('deps');
      const s = securityIncidentVisible(await securityIncidentById(sql, c.req.valid('param').id), user);
      return c.json(await securityIncidentJson(sql, s), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: TAGS,
      operationId: 'createSecurityIncident',
      summary: 'Beveiligingsincident melden',
      description:
        'Meldt een beveiligingsincident bij Logius of bij de Afnemer (DAP 6.2). Een Afnemer meldt voor zichzelf; de security officer kan een Afnemer noemen of zonder Afnemer een incident bij Logius melden. De security officers krijgen bericht.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: SecurityIncidentInput,
              example: {
                title: 'Verdachte inlogpogingen op de koppeling',
                description: 'Sinds 08:00 veel mislukte aanmeldingen met ons PKIoverheid-certificaat vanaf onbekende adressen.',
                severity: 'hoog',
                discoveredAt: '2027-01-15T08:00:00+01:00',
              },
            },
          },
        },
      },
      responses: { 201: { description: 'Gemeld', content: { 'application/json': { schema: SecurityIncidentJson } } } },
    }),
    async (c) => {
      const user = userMay(c, 'security-incident.report');
      const b = c.req.valid('json');
      const { sql, now } = c.get('deps');
      let afnemer: string | null;
      if (accessReach(user.role, 'security-incident.report') === 'own') {
        if (b.afnemer !== undefined && b.afnemer !== user.afnemerOin)
          throw new ProblemError(403, 'U meldt een beveiligingsincident alleen voor uw eigen organisatie.');
        afnemer = user.afnemerOin;
      } else {
        afnemer = b.afnemer ?? null;
        if (afnemer && !(await afnemerByOin(sql, afnemer))) {
          throw new ProblemError(400, 'Deze Afnemer bestaat niet.', [{ field: 'afnemer', message: 'Onbekende OIN.' }]);
        }
      }
      const at = now();
      const id = await sql.begin(async (tx: Tx) => {
        const year = referenceYear(at.getTime());
        const reference = referenceFormat('SEC', year, await referenceNext(tx, 'SEC', year));
        const newId = await securityIncidentInsert(
          tx,
          {
            reference,
            afnemerOin: afnemer,
            userId: user.id,
            discoveredAt: b.discoveredAt ? new Date(b.discoveredAt) : null,
            title: b.title,
            description: b.description,
            severity: b.severity,
          },
          at,
        );
        await securityIncidentEventAppend(tx, newId, trailActor(user), 'reported', { severity: b.severity }, at);
        await securityReportNotify(tx, { reference, severity: b.severity }, at);
        return newId;
      });
      return c.json(await securityIncidentJson(sql, (await securityIncidentById(sql, id))!), 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/actions',
      tags: TAGS,
      operationId: 'performSecurityIncidentAction',
      summary: 'Handeling op een beveiligingsincident',
      description:
        'Escaleren naar het volgende niveau van het escalatiemodel (DAP 7.3; de security officer, of de meldende Afnemer voor zijn eigen melding), of een status of notitie vastleggen (de security officer). Elke handeling komt in het audittrail; bij escalatie krijgen de mensen van het nieuwe niveau en de meldende Afnemer bericht.',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: SecurityIncidentAction,
              example: { type: 'escalate', fromLevel: 0, reason: 'Overleg heeft het lek niet gedicht; de servicemanager moet beslissen.' },
            },
          },
        },
      },
      responses: {
        200: { description: 'Vastgelegd', content: { 'application/json': { schema: SecurityIncidentJson } } },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const a = c.req.valid('json');
      const user = userMay(c, a.type === 'escalate' ? 'security-incident.escalate' : 'security-incident.handle');
      const id = c.req.valid('param').id;
      const { sql, now } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const s = securityIncidentVisible(await securityIncidentById(tx, id, true), user);
        if (s.status === 'afgesloten') throw new ProblemError(409, 'Dit beveiligingsincident is afgesloten.');
        if (a.type === 'escalate') {
          if (a.fromLevel !== s.level) throw new ProblemError(409, `Het incident staat intussen op niveau ${s.level}; bekijk het opnieuw voordat u escaleert.`);
          const next = securityEscalationNext(s.level);
          if (!next) throw new ProblemError(409, 'Het incident staat al op het hoogste niveau van het escalatiemodel.');
          await securityIncidentLevelSet(tx, id, next.level);
          await securityIncidentEventAppend(tx, id, trailActor(user), 'escalated', { from: s.level, to: next.level, title: next.title, reason: a.reason }, at);
          await securityEscalationNotify(tx, s, next.level, at);
        } else if (a.type === 'status') {
          if (!securityStatusAllowed(s.status, a.status)) throw new ProblemError(409, 'Deze statuswijziging is niet mogelijk.');
          await securityIncidentStatusSet(tx, id, a.status, at);
          await securityIncidentEventAppend(tx, id, trailActor(user), 'status', { from: s.status, to: a.status, note: a.note }, at);
        } else {
          await securityIncidentEventAppend(tx, id, trailActor(user), 'note', { text: a.text }, at);
        }
      });
      return c.json(await securityIncidentJson(sql, (await securityIncidentById(sql, id))!), 200);
    },
  );
