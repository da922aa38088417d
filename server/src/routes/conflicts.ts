import {
  afnemersList,
  caseLoad,
  casesByConflicts,
  eventsOfConflict,
  type CaseRow,
  type EventRow,
  type Tx,
  capacityProfileCurrent,
  conflictById,
  conflictsList,
  conflictsVersion,
  conflictWindowIds,
  maintenanceInRange,
  planWindowsInRange,
  sendWindowsByIds,
  type ConflictRow,
  type SendWindowRow,
  type Sql,
  type UserRow,
} from '@cd/db';
import {
  afnemerNamesIn,
  mentionsOin,
  ConflictAction,
  ConflictActionResult,
  ConflictDetail,
  procedureActionsFor,
  procedureNextStepOffered,
  procedureOverdue,
  procedureStateLabel,
  type ProcedureDetail,
  type ProcedureState,
  type ProcedureSummary,
  type ProcedureWindow,
  ConflictJson,
  ConflictPage,
  ConflictQuery,
  ConflictSuggestions,
  DEFAULT_HORIZON_MS,
  suggestionsForConflict,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { afnemerScope, userRequire } from '../lib/context.js';
import type { PlanningCache } from '../services/planning-cache.js';
import { isoAt } from '../lib/iso.js';
import { apiRoute, apiRouter, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { caseAct } from '../services/procedure.js';
import { windowsChange } from '../services/window-moves.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * A conflict as `user` may see it: a planner sees other Afnemers' windows only by organisation, time and volume.
 */
function procedureSummary(row: CaseRow | undefined, now: number): ProcedureSummary | null {
  if (!row) return null;
  const state = row.state as ProcedureState;
  return {
    step: state.step,
    stepLabel: procedureStateLabel(state),
    deadline: iso(state.deadline === null ? null : new Date(state.deadline)),
    overdue: procedureOverdue(state, now),
    escalationLevel: state.step === 'escalated' ? state.level : state.step === 'logius-decides' ? state.ladder.length : null,
  };
}

/** When a window sends and how much, as a conflict shows it. */
type WindowDetails = Map<number, { start: string; eind: string; aantalBerichten: number }>;

const windowDetail = (w: SendWindowRow) => ({ start: isoAt(w.startAt.getTime()), eind: isoAt(w.endAt.getTime()), aantalBerichten: w.aantalBerichten });

/** These windows as stored, in one query. */
async function windowRows(sql: Sql, ids: number[]): Promise<Map<number, SendWindowRow>> {
  return new Map((await sendWindowsByIds(sql, [...new Set(ids)])).map((w) => [w.id, w]));
}

/**
 * The current windows of these conflicts from the planning cache (a list shows many conflicts, often); only
 * windows the cache does not count (cancelled since a conflict was resolved) are read from the database.
 */
async function windowDetails(sql: Sql, planning: PlanningCache, conflicts: ConflictRow[]): Promise<WindowDetails> {
  const { byId } = await planning.get(sql);
  const details: WindowDetails = new Map();
  const missing: number[] = [];
  for (const c of conflicts) {
    for (const w of c.windows) {
      const p = byId.get(w.id);
      if (p) details.set(w.id, { start: isoAt(p.start), eind: isoAt(p.end), aantalBerichten: p.volume });
      else missing.push(w.id);
    }
  }
  if (missing.length > 0) {
    for (const [id, row] of await windowRows(sql, missing)) details.set(id, windowDetail(row));
  }
  return details;
}

function conflictJson(
  c: ConflictRow,
  user: UserRow,
  caseRow: CaseRow | undefined,
  now: number,
  details: WindowDetails,
): ConflictJson {
  const scope = afnemerScope(user);
  return {
    id: c.id,
    status: c.status,
    start: c.startAt.toISOString(),
    end: c.endAt.toISOString(),
    windowCount: c.windowCount,
    windows: c.windows.map((w) => {
      const own = scope === null || w.afnemer === scope;
      const d = details.get(w.id);
      return {
        windowId: own ? w.id : null,
        afnemer: w.afnemer,
        kenmerk: own ? w.kenmerk : null,
        load: Math.round(w.load),
        start: d?.start ?? null,
        eind: d?.eind ?? null,
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
    procedure: procedureSummary(caseRow, now),
  };
}

const isoMs = (ms: number) => new Date(ms).toISOString();

/** The windows of a conflict as the procedure needs them: whose, and when delivered. */
function procedureWindowsOf(rows: Iterable<SendWindowRow>): ProcedureWindow[] {
  return [...rows].map((w) => ({ id: w.id, afnemer: w.afnemerOin, deliveredAt: w.updatedAt.getTime() }));
}

async function procedureWindows(sql: Sql | Tx, conflictId: number): Promise<ProcedureWindow[]> {
  return procedureWindowsOf(await sendWindowsByIds(sql, await conflictWindowIds(sql, conflictId)));
}

/** The conflict with its whole case file, as `user` may see it. */
async function conflictDetailJson(sql: Sql, c: ConflictRow, user: UserRow, now: number): Promise<ConflictDetail> {
  const caseRow = await caseLoad(sql, c.id);
  const rows = await windowRows(sql, c.windows.map((w) => w.id));
  const details: WindowDetails = new Map([...rows].map(([id, w]) => [id, windowDetail(w)]));
  const base = conflictJson(c, user, caseRow ?? undefined, now, details);
  if (!caseRow) return { ...base, procedure: null };
  const state = caseRow.state as ProcedureState;
  const summary = procedureSummary(caseRow, now)!;
  const actor = { email: user.email, role: user.role, afnemer: user.afnemerOin };
  const events = await eventsOfConflict(sql, c.id);
  const advice = 'advice' in state ? state.advice : null;
  const draft = state.step === 'joint-assessment' ? state.draftAdvice : null;
  // The advice names Afnemers by OIN (the pure core knows no names); people read names.
  const names = (advice && mentionsOin(advice.text)) || (draft && mentionsOin(draft.text))
    ? new Map((await afnemersList(sql)).map((a) => [a.oin, a.name]))
    : new Map<string, string>();
  return {
    ...base,
    procedure: {
      ...summary,
      enteredAt: isoMs(state.enteredAt),
      nextStepOffered: procedureNextStepOffered(state, now),
      assessments: state.step === 'joint-assessment'
        ? Object.values(state.assessments).map((a) => ({ ...a, at: isoMs(a.at) }))
        : assessmentsFromEvents(events),
      advice: advice && { ...advice, text: afnemerNamesIn(advice.text, names), moveWindowIds: [...advice.moveWindowIds], moveAfnemers: [...advice.moveAfnemers] },
      draftAdvice: draft && { ...draft, text: afnemerNamesIn(draft.text, names), moveWindowIds: [...draft.moveWindowIds], moveAfnemers: [...draft.moveAfnemers] },
      escalation: state.step === 'escalated' || state.step === 'logius-decides'
        ? { level: state.step === 'escalated' ? state.level : state.ladder.length, ladder: state.ladder.map((e) => ({ ...e, at: isoMs(e.at) })) }
        : null,
      decision: state.step === 'logius-decides' ? { text: state.decision.text, by: state.decision.by, at: isoMs(state.decision.at) } : null,
      events: events.map((e) => ({
        id: e.id, at: e.at.toISOString(), actor: e.actorEmail, role: e.actorRole, afnemer: e.actorAfnemer,
        action: e.action, from: e.fromStep, to: e.toStep, payload: e.payload,
      })),
      actions: c.status === 'open' ? procedureActionsFor(state, actor, procedureWindowsOf(rows.values()), now) : [],
    },
  };
}

/** The latest assessment per Afnemer, from the trail: after step 3 they live on only there. */
function assessmentsFromEvents(events: EventRow[]) {
  const latest = new Map<string, ProcedureDetail['assessments'][number]>();
  for (const e of events) {
    const a = (e.payload as { assessment?: { afnemer: string; aspects: ProcedureDetail['assessments'][number]['aspects']; motivation: string; by: string; at: number } }).assessment;
    if (e.action === 'submit-assessment' && a) latest.set(a.afnemer, { ...a, at: isoMs(a.at) });
  }
  return [...latest.values()];
}

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
      const version = await conflictsVersion(sql);
      const { rows, total } = await c.get('conflictPages')(version, JSON.stringify(filter), () => conflictsList(sql, filter));
      const cases = new Map((await casesByConflicts(sql, rows.map((r) => r.id))).map((r) => [r.conflictId, r]));
      const nowMs = c.get('deps').now().getTime();
      const details = await windowDetails(sql, c.get('planning'), rows);
      const items = rows.map((r) => conflictJson(r, user, cases.get(r.id), nowMs, details));
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
      responses: { 200: { description: 'Het conflict met zijn dossier', content: { 'application/json': { schema: ConflictDetail } } }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now } = c.get('deps');
      return c.json(await conflictDetailJson(sql, await conflictForUser(sql, c.req.valid('param').id, user), user, now().getTime()), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/conflicts/{id}/actions',
      tags: ['Conflicten'],
      summary: 'Een handeling in de zesstappenprocedure; 409 bij een stap die nu niet kan, 403 bij de verkeerde rol of Afnemer',
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ConflictAction } } } },
      responses: {
        200: { description: 'Het conflict na de handeling; bij een verplaatsing met de planwijziging', content: { 'application/json': { schema: ConflictActionResult } } },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userRequire(c);
      const action = c.req.valid('json');
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const current = await conflictForUser(deps.sql, id, user);
      if (current.status !== 'open') throw new ProblemError(409, 'Dit conflict is al opgelost; het dossier is gesloten.');
      const now = deps.now();
      const moved = await deps.sql.begin(async (tx: Tx) => {
        const outcome = await caseAct(tx, id, action, user, await procedureWindows(tx, id), now, deps.procedure ?? {});
        if (!outcome.ok) throw new ProblemError(outcome.status, outcome.message);
        const moves = action.type === 'move-window' ? [action] : action.type === 'decide' ? action.moves ?? [] : [];
        if (moves.length === 0) return null;
        const source = action.type === 'move-window' ? action.source ?? 'handmatig' : 'besluit Logius';
        const changes = moves.map((m) => ({ windowId: m.windowId, start: new Date(m.start), end: new Date(m.end) }));
        return windowsChange(tx, changes, { source, user, now, procedure: deps.procedure });
      });
      const after = (await conflictById(deps.sql, id))!;
      const planChange = moved && { id: moved.planChangeId, undoUntil: moved.undoUntil.toISOString() };
      return c.json({ ...(await conflictDetailJson(deps.sql, after, user, now.getTime())), planChange }, 200);
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
