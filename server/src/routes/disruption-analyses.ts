import {
  disruptionAnalysesList,
  disruptionAnalysisById,
  disruptionAnalysisDeliver,
  disruptionAnalysisInsert,
  incidentById,
  incidentEventAppend,
  notify,
  userByEmail,
  type Tx,
  type UserRow,
} from '@cd/db';
import {
  analysisCsv,
  analysisMarkdown,
  analysisRequestAllowed,
  DisruptionAnalysisInput,
  DisruptionAnalysisJson,
  DisruptionAnalysisQuery,
  DisruptionAnalysisRequestInput,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { disruptionAnalysisExample, disruptionAnalysisRequestExample } from '../lib/openapi-examples.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { incidentAssertVisible, incidentAudience, trailActor } from '../services/incidents.js';
import { analysisDocument, analysisJson } from '../views/disruption-analyses.js';

const MARKDOWN = 'text/markdown; charset=utf-8';
const CSV = 'text/csv; charset=utf-8';

/** The analysis when the user may see it: Logius all, an Afnemer only its own. */
async function analysisForUser(sql: Parameters<typeof disruptionAnalysisById>[0], id: number, user: UserRow, lock = false) {
  const d = await disruptionAnalysisById(sql, id, lock);
  if (!d) throw new ProblemError(404, 'Deze verstoringsanalyse bestaat niet.');
  const scope = afnemerScope(user);
  if (scope && d.afnemerOin !== scope) throw new ProblemError(403, 'Deze verstoringsanalyse gaat over een andere Afnemer.');
  return d;
}

const fileName = (j: DisruptionAnalysisJson, ext: string) => `verstoringsanalyse-${j.incidentNumber}-${j.id}.${ext}`;

export const disruptionAnalyses = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Incidenten'],
      operationId: 'listDisruptionAnalyses',
      summary: 'Verstoringsanalyses',
      description: 'Verstoringsanalyses, nieuwste aanvraag eerst; een Afnemer ziet alleen de eigen.',
      request: { query: DisruptionAnalysisQuery },
      responses: { 200: { description: 'De analyses', content: { 'application/json': { schema: z.array(DisruptionAnalysisJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const rows = await disruptionAnalysesList(c.get('deps').sql, {
        afnemer: afnemerScope(user),
        incidentId: q.incidentId ?? null,
        delivered: q.status === undefined ? null : q.status === 'opgeleverd',
      });
      return c.json(rows.map(analysisJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Incidenten'],
      operationId: 'getDisruptionAnalysis',
      summary: 'Eén verstoringsanalyse',
      description: 'Eén verstoringsanalyse met aanvraag en analyse: als JSON, of met Accept text/markdown of text/csv als document.',
      request: { params: IdParam },
      responses: {
        200: {
          description: 'De analyse',
          content: {
            'application/json': { schema: DisruptionAnalysisJson },
            'text/markdown': { schema: { type: 'string' } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        404: notFound,
      },
    }),
    async (c) => {
      const user = userRequire(c);
      const j = analysisJson(await analysisForUser(c.get('deps').sql, c.req.valid('param').id, user));
      const accept = c.req.header('Accept') ?? '';
      if (/text\/markdown/.test(accept)) return c.body(analysisMarkdown(analysisDocument(j)), 200, { 'Content-Type': MARKDOWN });
      if (/text\/csv/.test(accept)) return c.body(analysisCsv(analysisDocument(j)), 200, { 'Content-Type': CSV });
      return c.json(j, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}/export',
      tags: ['Incidenten'],
      operationId: 'exportDisruptionAnalysis',
      summary: 'Verstoringsanalyse downloaden',
      description: 'Een verstoringsanalyse als bestand: Markdown, of CSV voor Excel (formules onschadelijk gemaakt).',
      request: { params: IdParam, query: z.object({ format: z.enum(['markdown', 'csv']).default('markdown') }) },
      responses: {
        200: { description: 'Het document', content: { 'text/markdown': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } } },
        404: notFound,
      },
    }),
    async (c) => {
      const user = userRequire(c);
      const j = analysisJson(await analysisForUser(c.get('deps').sql, c.req.valid('param').id, user));
      const csv = c.req.valid('query').format === 'csv';
      return c.body(csv ? analysisCsv(analysisDocument(j)) : analysisMarkdown(analysisDocument(j)), 200, {
        'Content-Type': csv ? CSV : MARKDOWN,
        'Content-Disposition': `attachment; filename="${fileName(j, csv ? 'csv' : 'md')}"`,
      });
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Incidenten'],
      operationId: 'requestDisruptionAnalysis',
      summary: 'Verstoringsanalyse aanvragen',
      description:
        'Vraagt een verstoringsanalyse aan na een P1-incident of een calamiteit, met de velden van het aanvraagformulier. 409 als het incident daar niet voor in aanmerking komt.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': { schema: DisruptionAnalysisRequestInput, example: disruptionAnalysisRequestExample },
          },
        },
      },
      responses: { 201: { description: 'Aangevraagd', content: { 'application/json': { schema: DisruptionAnalysisJson } } }, 404: notFound, 409: conflict },
    }),
    async (c) => {
      const user = userMay(c, 'disruption-analysis.request');
      const b = c.req.valid('json');
      const scope = accessScope(user, 'disruption-analysis.request');
      if (scope && b.afnemer && b.afnemer !== scope) throw new ProblemError(403, 'U vraagt alleen een analyse aan voor uw eigen Afnemer.');
      const { sql, now } = c.get('deps');
      const at = now();
      const id = await sql.begin(async (tx: Tx) => {
        const i = incidentAssertVisible(await incidentById(tx, b.incidentId, true), user);
        if (!analysisRequestAllowed({ priority: i.priority, everP1: i.everP1, calamityAt: i.calamityAt?.getTime() ?? null })) {
          throw new ProblemError(409, `Een verstoringsanalyse kan na een P1 of een calamiteit; ${i.number} is ${i.priority} en geen calamiteit.`);
        }
        const involved = [...new Set([...i.afnemers, ...(i.reportedByAfnemer ? [i.reportedByAfnemer] : [])])];
        const afnemer = scope ?? b.afnemer ?? (involved.length === 1 ? involved[0]! : null);
        if (!afnemer || !involved.includes(afnemer)) {
          throw new ProblemError(400, 'Kies voor welke getroffen Afnemer de analyse is.', [
            { field: 'afnemer', message: `Kies een van: ${involved.join(', ')}.` },
          ]);
        }
        const newId = await disruptionAnalysisInsert(
          tx,
          {
            incidentId: i.id,
            afnemerOin: afnemer,
            requestedBy: scope ? 'afnemer' : 'logius',
            userId: user.id,
            description: b.description,
            disruptionDate: b.disruptionDate,
            desiredDeliveryDate: b.desiredDeliveryDate ?? null,
            contactName: b.contactName,
            contactEmail: b.contactEmail,
            contactPhone: b.contactPhone,
            questions: b.questions,
          },
          at,
        );
        await incidentEventAppend(
          tx,
          i.id,
          trailActor(user),
          'analysis-requested',
          { analysisId: newId, afnemer, requestedBy: scope ? 'afnemer' : 'logius' },
          at,
        );
        const audience = scope
          ? await incidentAudience(tx, [], [], ['incident-manager', 'service-manager'], user.id)
          : await incidentAudience(tx, [afnemer], ['planner'], [], user.id);
        await notify(
          tx,
          audience,
          {
            conflictId: null,
            subject: { kind: 'disruption-analysis', ref: i.number },
            title: `Verstoringsanalyse aangevraagd: ${i.number}`,
            body: b.description,
          },
          at,
        );
        return newId;
      });
      return c.json(analysisJson((await disruptionAnalysisById(sql, id))!), 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/{id}/analysis',
      tags: ['Incidenten'],
      operationId: 'submitDisruptionAnalysis',
      summary: 'Verstoringsanalyse opleveren',
      description: 'Logius levert de verstoringsanalyse op of werkt haar bij; eerdere versies blijven in het audittrail.',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': { schema: DisruptionAnalysisInput, example: disruptionAnalysisExample },
          },
        },
      },
      responses: { 200: { description: 'Opgeleverd', content: { 'application/json': { schema: DisruptionAnalysisJson } } }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, 'disruption-analysis.deliver');
      const id = c.req.valid('param').id;
      const analysis = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const d = await analysisForUser(tx, id, user, true);
        await disruptionAnalysisDeliver(tx, id, analysis, user.id, at);
        await incidentEventAppend(tx, d.incidentId, trailActor(user), 'analysis-delivered', { analysisId: id, revision: d.deliveredAt !== null, analysis }, at);
        const requester = d.requestedByEmail ? await userByEmail(tx, d.requestedByEmail) : null;
        const audience = await incidentAudience(tx, [d.afnemerOin], ['planner', 'klantraad-manager'], [], user.id);
        if (requester && requester.id !== user.id && !audience.some((u) => u.id === requester.id)) audience.push({ id: requester.id, email: requester.email });
        const subject = { kind: 'disruption-analysis', ref: d.incidentNumber } as const;
        await notify(tx, audience, { conflictId: null, subject, title: `Verstoringsanalyse ${d.incidentNumber} opgeleverd`, body: analysis.cause }, at);
      });
      return c.json(analysisJson((await disruptionAnalysisById(sql, id))!), 200);
    },
  );
