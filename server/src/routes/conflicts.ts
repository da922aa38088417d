import {
  afnemersList,
  caseLoad,
  casesByConflicts,
  eventsOfConflict,
  type CaseRow,
  type EventRow,
  type Tx,
  conflictById,
  conflictsList,
  conflictsVersion,
  conflictWindowIds,
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
  procedureDue,
  procedureEventText,
  procedureNextStepOffered,
  procedureOverdue,
  procedureStateLabel,
  procedureWaitingOn,
  type Advice,
  type ConflictActionOutcome,
  type PlanChangePreview,
  type ProcedureDetail,
  type ProcedureState,
  type ProcedureSummary,
  type ProcedureWindow,
  type StepDeadlines,
  type WindowMove,
  type ConflictJson,
  ConflictPage,
  ConflictQuery,
  ConflictSuggestions,
  DEFAULT_HORIZON_MS,
  suggestionsBest,
  suggestionsForConflict,
  suggestionsOrder,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { afnemerScope, userRequire } from '../lib/context.js';
import { planningInputsInRange } from '../services/planning-inputs.js';
import type { PlanningCache } from '../services/planning-cache.js';
import { isoAt } from '../lib/iso.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { afnemerNames, caseAct, caseAfterCarryOut } from '../services/procedure.js';
import { windowsChange, windowsChangePreview, type WindowsChangeResult } from '../services/window-moves.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const isoMs = (ms: number) => new Date(ms).toISOString();
const minutes = (ms: number) => Math.round(ms / 60_000);

type Names = ReadonlyMap<string, string>;
const NO_NAMES: Names = new Map();

/** The case as it stands now: an overdue step 5 is Logius' step 6 even before the minute timer stores that. */
function procedureNow(row: CaseRow, now: number, deadlines: Partial<StepDeadlines> | undefined): ProcedureState {
  return procedureDue(row.state, { now, deadlines });
}

function procedureSummary(row: CaseRow | undefined, now: number, deadlines: Partial<StepDeadlines> | undefined, names: Names): ProcedureSummary | null {
  if (!row) return null;
  const state = procedureNow(row, now, deadlines);
  const waiting = procedureWaitingOn(state, now);
  return {
    step: state.step,
    stepLabel: procedureStateLabel(state),
    deadline: iso(state.deadline === null ? null : new Date(state.deadline)),
    overdue: procedureOverdue(state, now),
    escalationLevel: state.step === 'escalated' ? 0 : state.step === 'logius-decides' ? state.level : null,
    waitingOn: waiting && { text: afnemerNamesIn(waiting.text, names), roles: [...waiting.roles], afnemers: [...waiting.afnemers] },
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
  deadlines: Partial<StepDeadlines> | undefined,
  names: Names,
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
    procedure: procedureSummary(caseRow, now, deadlines, names),
  };
}

/** The windows of a conflict as the procedure needs them: whose, when delivered, kenmerk and times, and proposals. */
function procedureWindowsOf(
  rows: Iterable<SendWindowRow>,
  proposals: ReadonlyMap<number, { start: number; end: number } | null> = new Map(),
): ProcedureWindow[] {
  return [...rows].map((w) => ({
    id: w.id,
    afnemer: w.afnemerOin,
    deliveredAt: w.updatedAt.getTime(),
    kenmerk: w.kenmerk,
    start: w.startAt.getTime(),
    end: w.endAt.getTime(),
    proposal: proposals.get(w.id) ?? null,
  }));
}

/**
 * Per window the nearest moment it fits when it alone moves (the suggestions' nearest earlier or later start), which
 * the advice proposes; null when there is none within the horizon.
 */
async function windowProposals(sql: Sql | Tx, rows: SendWindowRow[], now: number): Promise<Map<number, { start: number; end: number } | null>> {
  if (rows.length === 0) return new Map();
  const longest = Math.max(0, ...rows.map((w) => w.endAt.getTime() - w.startAt.getTime()));
  const from = Math.min(...rows.map((w) => w.startAt.getTime())) - DEFAULT_HORIZON_MS - longest;
  const to = Math.max(...rows.map((w) => w.endAt.getTime())) + DEFAULT_HORIZON_MS + longest;
  const { windows, maintenance, schedule } = await planningInputsInRange(sql, from, to);
  const found = suggestionsForConflict({
    conflict: { windows: rows.map((w) => ({ id: w.id })) },
    windows,
    maintenance,
    profile: schedule,
    now,
  });
  return new Map(
    found.map((r) => {
      const best = r.ranked.find((k) => k.kind !== 'split');
      const slot = best?.kind === 'earlier' ? r.earlier : best?.kind === 'later' ? r.later : null;
      return [r.windowId, slot && { start: slot.start, end: slot.end }];
    }),
  );
}

/** The conflict's windows for the procedure; with proposals only for the actions that draft the advice. */
async function procedureWindows(sql: Sql | Tx, conflictId: number, withProposals: boolean, now: number): Promise<ProcedureWindow[]> {
  const rows = await sendWindowsByIds(sql, await conflictWindowIds(sql, conflictId));
  return procedureWindowsOf(rows, withProposals ? await windowProposals(sql, rows, now) : undefined);
}

const movesJson = (moves: readonly WindowMove[] | undefined) => (moves ?? []).map((m) => ({ windowId: m.windowId, start: isoMs(m.start), end: isoMs(m.end) }));

function adviceJson(advice: Advice | null, names: Names) {
  return (
    advice && {
      text: afnemerNamesIn(advice.text, names),
      moveWindowIds: [...advice.moveWindowIds],
      moveAfnemers: [...advice.moveAfnemers],
      drafted: advice.drafted,
      moves: movesJson(advice.moves),
      noResponse: [...(advice.noResponse ?? [])],
    }
  );
}

/** The conflict with its whole case file, as `user` may see it. */
async function conflictDetailJson(
  sql: Sql,
  c: ConflictRow,
  user: UserRow,
  now: number,
  deadlines: Partial<StepDeadlines> | undefined,
): Promise<ConflictDetail> {
  const caseRow = await caseLoad(sql, c.id);
  const rows = await windowRows(
    sql,
    c.windows.map((w) => w.id),
  );
  const details: WindowDetails = new Map([...rows].map(([id, w]) => [id, windowDetail(w)]));
  const names = await afnemerNames(sql);
  const base = conflictJson(c, user, caseRow ?? undefined, now, details, deadlines, names);
  if (!caseRow) return { ...base, procedure: null };
  const state = procedureNow(caseRow, now, deadlines);
  const summary = procedureSummary(caseRow, now, deadlines, names)!;
  const actor = { email: user.email, role: user.role, afnemer: user.afnemerOin };
  const events = await eventsOfConflict(sql, c.id);
  const advice = 'advice' in state ? state.advice : null;
  const draft = state.step === 'joint-assessment' ? state.draftAdvice : null;
  const answers = state.step === 'escalated' || state.step === 'logius-decides' ? Object.values(state.answers) : [];
  const decisions = state.step === 'logius-decides' ? state.decisions : [];
  const latest = decisions[decisions.length - 1];
  return {
    ...base,
    procedure: {
      ...summary,
      enteredAt: isoMs(state.enteredAt),
      nextStepOffered: procedureNextStepOffered(state, now),
      assessments:
        state.step === 'joint-assessment'
          ? Object.values(state.assessments).map((a) => ({ ...a, at: isoMs(a.at), onBehalf: a.onBehalf === true }))
          : assessmentsFromEvents(events),
      advice: adviceJson(advice, names),
      draftAdvice: adviceJson(draft, names),
      escalationReason: state.step === 'escalated' || state.step === 'logius-decides' ? state.reason || null : null,
      answers: answers.map((a) => ({ ...a, at: isoMs(a.at) })),
      leadCause: state.step === 'logius-decides' ? state.cause : null,
      escalation: state.step === 'logius-decides' ? { level: state.level, ladder: state.ladder.map((e) => ({ ...e, at: isoMs(e.at) })) } : null,
      decision: latest ? { text: latest.text, by: latest.by, at: isoMs(latest.at) } : null,
      decisions: decisions.map((d) => ({ text: d.text, by: d.by, at: isoMs(d.at), moves: movesJson(d.moves) })),
      events: events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: e.actorEmail,
        role: e.actorRole,
        afnemer: e.actorAfnemer,
        action: e.action,
        from: e.fromStep,
        to: e.toStep,
        payload: e.payload,
        text: afnemerNamesIn(procedureEventText(e), names),
      })),
      actions: c.status === 'open' ? procedureActionsFor(state, actor, procedureWindowsOf(rows.values()), now) : [],
    },
  };
}

/** The latest assessment per Afnemer, from the trail: after step 3 they live on only there. */
function assessmentsFromEvents(events: EventRow[]) {
  const latest = new Map<string, ProcedureDetail['assessments'][number]>();
  for (const e of events) {
    const a = (
      e.payload as {
        assessment?: {
          afnemer: string;
          aspects: ProcedureDetail['assessments'][number]['aspects'];
          motivation: string;
          by: string;
          at: number;
          onBehalf?: boolean;
        };
      }
    ).assessment;
    if (e.action === 'submit-assessment' && a) latest.set(a.afnemer, { ...a, at: isoMs(a.at), onBehalf: a.onBehalf === true });
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

export const conflicts = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
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
      const cases = new Map(
        (
          await casesByConflicts(
            sql,
            rows.map((r) => r.id),
          )
        ).map((r) => [r.conflictId, r]),
      );
      const nowMs = c.get('deps').now().getTime();
      const details = await windowDetails(sql, c.get('planning'), rows);
      const names = rows.length > 0 ? await afnemerNames(sql) : NO_NAMES;
      const deadlines = c.get('deps').procedure?.deadlines;
      const items = rows.map((r) => conflictJson(r, user, cases.get(r.id), nowMs, details, deadlines, names));
      return c.json({ items, page: q.page, pageSize: q.pageSize, total }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Conflicten'],
      summary: 'Eén conflict',
      request: { params: IdParam },
      responses: { 200: { description: 'Het conflict met zijn dossier', content: { 'application/json': { schema: ConflictDetail } } }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now, procedure } = c.get('deps');
      const conflict = await conflictForUser(sql, c.req.valid('param').id, user);
      return c.json(await conflictDetailJson(sql, conflict, user, now().getTime(), procedure?.deadlines), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/actions',
      tags: ['Conflicten'],
      summary:
        'Een handeling in de zesstappenprocedure; 409 bij een stap die nu niet kan, 403 bij de verkeerde rol of Afnemer. ' +
        'Met dryRun=true wordt niets opgeslagen en toont outcome wat een besluit of aanvaard advies met de conflicten zou doen',
      request: {
        params: IdParam,
        query: z.object({
          dryRun: z
            .enum(['true', 'false'])
            .optional()
            .openapi({
              param: { name: 'dryRun', in: 'query' },
              description: 'true: controleer de handeling en bereken het effect van de verplaatsingen, zonder iets op te slaan',
            }),
        }),
        body: { required: true, content: { 'application/json': { schema: ConflictAction } } },
      },
      responses: {
        200: {
          description: 'Het conflict na de handeling (bij dryRun: zoals het was); bij een verplaatsing met de planwijziging en het effect',
          content: { 'application/json': { schema: ConflictActionResult } },
        },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userRequire(c);
      const action = c.req.valid('json');
      const dryRun = c.req.valid('query').dryRun === 'true';
      const deps = c.get('deps');
      const settings = deps.procedure ?? {};
      const id = c.req.valid('param').id;
      const current = await conflictForUser(deps.sql, id, user);
      if (current.status !== 'open') throw new ProblemError(409, 'Dit conflict is al opgelost; het dossier is gesloten.');
      const now = deps.now();
      const drafts = action.type === 'submit-assessment' || action.type === 'confirm-advice';
      let moved: WindowsChangeResult | null = null;
      let outcome: ConflictActionOutcome | null = null;
      try {
        await deps.sql.begin(async (tx: Tx) => {
          const result = await caseAct(tx, id, action, user, await procedureWindows(tx, id, drafts, now.getTime()), now, settings);
          if (!result.ok) {
            const message = mentionsOin(result.message) ? afnemerNamesIn(result.message, await afnemerNames(tx)) : result.message;
            throw new ProblemError(result.status, message);
          }
          const carry =
            action.type === 'move-window'
              ? {
                  moves: [{ windowId: action.windowId, start: Date.parse(action.start), end: Date.parse(action.end) }],
                  source: action.source ?? ('handmatig' as const),
                }
              : result.carryOut;
          const changes = (carry?.moves ?? []).map((m) => ({ windowId: m.windowId, start: new Date(m.start), end: new Date(m.end) }));
          const horizon = horizonNow(deps);
          changes.forEach((m, i) => horizonRequire(horizon, horizonFields(m, action.type === 'move-window' ? '' : `moves[${i}].`)));
          const decided = result.carryOut !== null;
          // What a decision's moves do is worked out before they are made, for the answer (and is all a dry run does).
          const effect = (decided || dryRun) && changes.length > 0 ? await windowsChangePreview(deps.sql, c.get('planning'), changes, user, now) : null;
          if (dryRun && result.awaiting && result.awaiting.moves.length > 0) {
            // Not the last acceptance: every klantraad-manager sees, before accepting, what the advice will do once all accept.
            const later = result.awaiting.moves.map((m) => ({ windowId: m.windowId, start: new Date(m.start), end: new Date(m.end) }));
            const pending = await windowsChangePreview(deps.sql, c.get('planning'), later, user, now);
            outcome = {
              dryRun: true,
              effect: pending,
              conflictSolved: previewSolves(pending, current),
              message: awaitingMessage(later.length, result.awaiting.missing),
              awaitingAnswers: result.awaiting.missing,
            };
            throw new DryRunDone();
          }
          if (dryRun) {
            outcome = {
              dryRun: true,
              effect,
              conflictSolved: effect && previewSolves(effect, current),
              message: dryRunMessage(changes.length),
              awaitingAnswers: 0,
            };
            throw new DryRunDone();
          }
          if (changes.length > 0 && carry) moved = await windowsChange(tx, changes, { source: carry.source, user, now, procedure: deps.procedure });
          if (result.carryOut) {
            const solved = (await conflictById(tx, id))?.status !== 'open';
            const message = await caseAfterCarryOut(
              tx,
              id,
              { source: result.carryOut.source, windows: moved?.windows.length ?? 0, solved },
              user,
              now,
              settings,
            );
            outcome = { dryRun: false, effect, conflictSolved: solved, message, awaitingAnswers: 0 };
          }
        });
      } catch (err) {
        if (!(err instanceof DryRunDone)) throw err;
      }
      const after = (await conflictById(deps.sql, id))!;
      const done = moved as WindowsChangeResult | null;
      const planChange = done && { id: done.planChangeId, undoUntil: done.undoUntil.toISOString() };
      return c.json({ ...(await conflictDetailJson(deps.sql, after, user, now.getTime(), settings.deadlines)), planChange, outcome }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}/suggestions',
      tags: ['Conflicten'],
      summary:
        'Per venster het dichtstbijzijnde eerdere en latere moment waarop het conflict voor dat venster verdwijnt; goedkoopste (berichten × uren) eerst, de beste gemarkeerd',
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
      const own = await sendWindowsByIds(
        sql,
        mine.map((w) => w.id),
      );
      const longest = Math.max(0, ...own.map((w) => w.endAt.getTime() - w.startAt.getTime()));
      const from = conflict.startAt.getTime() - DEFAULT_HORIZON_MS - longest;
      const to = conflict.endAt.getTime() + DEFAULT_HORIZON_MS + longest;
      const { windows, maintenance, schedule } = await planningInputsInRange(sql, from, to);
      const result = suggestionsForConflict({
        conflict: { windows: mine },
        windows,
        maintenance,
        profile: schedule,
        now: now().getTime(),
      });
      const byId = new Map(mine.map((w) => [w.id, w]));
      const slot = (s: { start: number; end: number; shiftMs: number }) => ({
        start: new Date(s.start).toISOString(),
        end: new Date(s.end).toISOString(),
        shiftMinutes: minutes(s.shiftMs),
      });
      const best = suggestionsBest(result);
      return c.json(
        {
          conflictId: conflict.id,
          best,
          windows: suggestionsOrder(result).map((r) => ({
            windowId: r.windowId,
            afnemer: byId.get(r.windowId)!.afnemer,
            kenmerk: byId.get(r.windowId)!.kenmerk,
            earlier: r.earlier && slot(r.earlier),
            later: r.later && slot(r.later),
            split: r.split && { parts: r.split.parts.map((p) => ({ ...slot(p), aantalBerichten: p.volume })) },
            ranked: r.ranked.map((k) => ({
              kind: k.kind,
              distanceMinutes: minutes(k.distanceMs),
              cost: Math.round(k.cost),
              best: best !== null && best.windowId === r.windowId && best.kind === k.kind,
            })),
          })),
        },
        200,
      );
    },
  );

/** Thrown to roll back a dry run's transaction once its outcome is known. */
class DryRunDone extends Error {}

function dryRunMessage(moves: number): string {
  if (moves === 0) return 'Proefhandeling: de handeling kan zo worden uitgevoerd; er wordt (nog) niets verplaatst. Er is niets opgeslagen.';
  return `Proefhandeling: ${moves} venster(s) zouden worden verplaatst. Er is niets opgeslagen.`;
}

function awaitingMessage(moves: number, missing: number): string {
  return (
    `Proefhandeling: uw aanvaarding wordt vastgelegd. De ${moves} verplaatsing(en) van het advies worden uitgevoerd zodra alle ` +
    `Afnemers aanvaarden (nog ${missing} Afnemer(s)); hieronder het effect zoals ze dan worden uitgevoerd. Er is niets opgeslagen.`
  );
}

/**
 * Whether a preview removes this conflict: a solved conflict overlaps its run, and no remaining (eased or worsened)
 * one does. The preview knows conflicts by time and Afnemers, not by id.
 */
function previewSolves(effect: PlanChangePreview, c: ConflictRow): boolean {
  const overlaps = (p: { start: string; end: string }) => Date.parse(p.start) < c.endAt.getTime() && Date.parse(p.end) > c.startAt.getTime();
  return effect.solved.some(overlaps) && ![...effect.eased, ...effect.worsened].some((ch) => overlaps(ch.after));
}
