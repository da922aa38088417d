import {
  capacityProfileCurrent,
  conflictById,
  conflictsList,
  maintenanceInRange,
  planWindowsInRange,
  sendWindowsByIds,
  type ConflictRow,
  type Sql,
  type UserRow,
} from '@cd/db';
import {
  ConflictJson,
  ConflictPage,
  ConflictQuery,
  ConflictSuggestions,
  DEFAULT_HORIZON_MS,
  suggestionsForConflict,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { afnemerScope, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * A conflict as `user` may see it: a planner sees other Afnemers' windows only by organisation, time and volume.
 */
async function conflictJson(sql: Sql, c: ConflictRow, user: UserRow): Promise<ConflictJson> {
  const scope = afnemerScope(user);
  const details = new Map((await sendWindowsByIds(sql, c.windows.map((w) => w.id))).map((w) => [w.id, w]));
  return {
    id: c.id,
    status: c.status,
    start: c.startAt.toISOString(),
    end: c.endAt.toISOString(),
    windows: c.windows.map((w) => {
      const own = scope === null || w.afnemer === scope;
      const d = details.get(w.id);
      return {
        windowId: own ? w.id : null,
        afnemer: w.afnemer,
        kenmerk: own ? w.kenmerk : null,
        load: Math.round(w.load),
        start: iso(d?.startAt ?? null),
        eind: iso(d?.endAt ?? null),
        aantalBerichten: d?.aantalBerichten ?? null,
      };
    }),
    afnemers: c.afnemers,
    peakUtilization: c.peakUtilization,
    excessMessages: Math.round(c.excessMessages),
    peakBacklog: Math.round(c.peakBacklog),
    drainedAt: iso(c.drainedAt),
    delayMinutes: c.delayMs === null ? null : minutes(c.delayMs),
    detectedAt: c.detectedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    resolvedAt: iso(c.resolvedAt),
    resolvedReason: c.resolvedReason,
  };
}

/** The conflict, when the user may see it: Logius sees all, an Afnemer only the ones it is involved in. */
export async function conflictForUser(sql: Sql, id: number, user: UserRow): Promise<ConflictRow> {
  const c = await conflictById(sql, id);
  if (!c) throw new ProblemError(404, 'Dit conflict bestaat niet.');
  const scope = afnemerScope(user);
  if (scope && !c.afnemers.includes(scope)) throw new ProblemError(403, 'Uw Afnemer is niet betrokken bij dit conflict.');
  return c;
}

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }) });

export const conflicts = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/conflicts',
      tags: ['Conflicten'],
      summary: 'Conflicten (aaneengesloten overbelasting), gefilterd en gepagineerd',
      request: { query: ConflictQuery },
      responses: { 200: { description: 'Eén pagina', content: { 'application/json': { schema: ConflictPage } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const scope = afnemerScope(user);
      if (scope && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet alleen conflicten van uw eigen Afnemer.');
      const { sql } = c.get('deps');
      const { rows, total } = await conflictsList(sql, {
        status: q.status ?? null,
        from: q.from ? new Date(q.from) : null,
        to: q.to ? new Date(q.to) : null,
        afnemer: scope ?? q.afnemer ?? null,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const items = await Promise.all(rows.map((r) => conflictJson(sql, r, user)));
      return c.json({ items, page: q.page, pageSize: q.pageSize, total }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/conflicts/{id}',
      tags: ['Conflicten'],
      summary: 'Eén conflict',
      request: { params: IdParam },
      responses: { 200: { description: 'Het conflict', content: { 'application/json': { schema: ConflictJson } } }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql } = c.get('deps');
      return c.json(await conflictJson(sql, await conflictForUser(sql, c.req.valid('param').id, user), user), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/conflicts/{id}/suggestions',
      tags: ['Conflicten'],
      summary: 'Per venster het dichtstbijzijnde eerdere en latere moment waarop het conflict voor dat venster verdwijnt',
      request: { params: IdParam },
      responses: { 200: { description: 'De suggesties', content: { 'application/json': { schema: ConflictSuggestions } } }, 404: notFound, 409: conflict },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now } = c.get('deps');
      const conflict = await conflictForUser(sql, c.req.valid('param').id, user);
      if (conflict.status !== 'open') throw new ProblemError(409, 'Dit conflict is al opgelost; er zijn geen suggesties nodig.');
      const scope = afnemerScope(user);
      const mine = conflict.windows.filter((w) => scope === null || w.afnemer === scope);
      const own = await sendWindowsByIds(sql, mine.map((w) => w.id));
      const longest = Math.max(0, ...own.map((w) => w.endAt.getTime() - w.startAt.getTime()));
      const from = conflict.startAt.getTime() - DEFAULT_HORIZON_MS - longest;
      const to = conflict.endAt.getTime() + DEFAULT_HORIZON_MS + longest;
      const [windows, maintenance, profile] = await Promise.all([
        planWindowsInRange(sql, from, to),
        maintenanceInRange(sql, from, to),
        capacityProfileCurrent(sql),
      ]);
      const result = suggestionsForConflict({
        conflict: { windows: mine },
        windows,
        maintenance,
        profile: profile.ratesPerHour,
        threshold: profile.threshold,
        now: now().getTime(),
      });
      const byId = new Map(mine.map((w) => [w.id, w]));
      const slot = (s: { start: number; end: number; shiftMs: number }) => ({
        start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), shiftMinutes: minutes(s.shiftMs),
      });
      return c.json({
        conflictId: conflict.id,
        windows: result.map((r) => ({
          windowId: r.windowId,
          afnemer: byId.get(r.windowId)!.afnemer,
          kenmerk: byId.get(r.windowId)!.kenmerk,
          earlier: r.earlier && slot(r.earlier),
          later: r.later && slot(r.later),
          split: r.split && { parts: r.split.parts.map((p) => ({ ...slot(p), aantalBerichten: p.volume })) },
          ranked: r.ranked.map((k) => ({ kind: k.kind, distanceMinutes: minutes(k.distanceMs) })),
        })),
      }, 200);
    },
  );
