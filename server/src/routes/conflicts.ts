import {
  caseFileVersion,
  casesByConflicts,
  casesVersion,
  conflictById,
  conflictsList,
  conflictViewVersions,
  type ConflictRow,
  type Sql,
  type UserRow,
} from '@cd/db';
import { ConflictDetail, ConflictPage, ConflictQuery } from '@cd/shared';
import { afnemerNamesCurrent } from '../lib/afnemer-names.js';
import { afnemerScope, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { bytesOf, cachedJson } from '../lib/bytes-cache.js';
import { conflictJson, NO_NAMES, summarySteadyUntil, windowDetails } from '../views/conflicts.js';
import { conflictDetailJson } from '../views/conflict-detail.js';

/** The conflict, when the user may see it: Logius sees all, an Afnemer only the ones it is involved in. */
export async function conflictForUser(sql: Sql, id: number, user: UserRow): Promise<ConflictRow> {
  const c = await conflictById(sql, id);
  if (!c) throw new ProblemError(404, 'Dit conflict bestaat niet.');
  const scope = afnemerScope(user);
  if (scope && !c.afnemers.includes(scope)) throw new ProblemError(403, 'Uw Afnemer is niet betrokken bij dit conflict.');
  return c;
}

/** A list shows each conflict's largest windows; the detail has them all (a conflict can hold hundreds). */
const LIST_WINDOWS = 10;

export const conflicts = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Conflicten'],
      operationId: 'listConflicts',
      summary: 'Conflicten zoeken',
      description:
        'Conflicten (aaneengesloten overbelasting), gefilterd op status, periode en Afnemer en gepagineerd, elk met de stap van de procedure en op wie die wacht (waitingOn).',
      request: { query: ConflictQuery },
      responses: { 200: { description: 'Eén pagina', content: { 'application/json': { schema: ConflictPage } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const scope = afnemerScope(user);
      if (scope && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet alleen conflicten van uw eigen Afnemer.');
      const { sql } = c.get('deps');
      const filter = {
        windowsPerConflict: LIST_WINDOWS,
        status: q.status ?? null,
        from: q.from ? new Date(q.from) : null,
        to: q.to ? new Date(q.to) : null,
        afnemer: scope ?? q.afnemer ?? null,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      };
      // Conflicts change only when a recompute stores them: until then every dashboard gets the same page.
      const versions = await conflictViewVersions(sql);
      const { rows, total } = await c.get('conflictPages')(versions.conflicts, JSON.stringify(filter), () => conflictsList(sql, filter));
      // The page as sent, kept per scope and filter while nothing it shows changed: the conflicts, the windows (the
      // planning), the Afnemer names and the cases on it (their row versions), and no deadline of theirs passed.
      const cases =
        rows.length > 0
          ? await casesVersion(
              sql,
              rows.map((r) => r.id),
            )
          : '';
      const nowMs = c.get('deps').now().getTime();
      const page = await c.get('conflictBytes')(
        `${versions.conflicts}|${versions.planning}|${versions.afnemers}`,
        `${afnemerScope(user) ?? '*'}|${cases}|${JSON.stringify(filter)}|${q.page}`,
        nowMs,
        async () => {
          // Independent reads, side by side.
          const [caseRows, details, names] = await Promise.all([
            casesByConflicts(
              sql,
              rows.map((r) => r.id),
            ),
            windowDetails(sql, c.get('planning'), rows),
            rows.length > 0 ? afnemerNamesCurrent(c) : NO_NAMES,
          ]);
          const byConflict = new Map(caseRows.map((r) => [r.conflictId, r]));
          const deadlines = c.get('deps').procedure?.deadlines;
          const items = rows.map((r) => conflictJson(r, user, byConflict.get(r.id), nowMs, details, deadlines, names));
          const until = items.reduce((u, i) => Math.min(u, summarySteadyUntil(i.procedure, nowMs)), Number.POSITIVE_INFINITY);
          return bytesOf({ items, page: q.page, pageSize: q.pageSize, total }, nowMs, until);
        },
      );
      return cachedJson(c, page) as never;
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Conflicten'],
      operationId: 'getConflict',
      summary: 'Dossier van een conflict',
      description:
        'Het dossier van een conflict: stap en termijn, betrokken vensters, afwegingen, advies, antwoorden van de klantraad-managers, escalaties, besluiten, het audittrail en de acties die u nu mag nemen.',
      request: { params: IdParam },
      responses: { 200: { description: 'Het conflict met zijn dossier', content: { 'application/json': { schema: ConflictDetail } } }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now, procedure } = c.get('deps');
      // Versions first, then the conflict (its access checked on every request): what is built is never older.
      const versions = await conflictViewVersions(sql);
      const conflict = await conflictForUser(sql, c.req.valid('param').id, user);
      const caseFile = await caseFileVersion(sql, conflict.id);
      const nowMs = now().getTime();
      // Per user (the actions offered follow role, Afnemer and e-mail) while the conflict, its windows, the names,
      // its case and its trail stay the same and no deadline of the case passed.
      const detail = await c.get('caseFileBytes')(
        `${versions.conflicts}|${versions.planning}|${versions.afnemers}`,
        `${conflict.id}|${caseFile}|${user.id}|${user.role}|${user.afnemerOin ?? '*'}|${user.email}`,
        nowMs,
        async () => {
          const json = await conflictDetailJson(sql, conflict, user, nowMs, procedure?.deadlines, await afnemerNamesCurrent(c));
          return bytesOf(json, nowMs, summarySteadyUntil(json.procedure, nowMs));
        },
      );
      return cachedJson(c, detail) as never;
    },
  );
