import { type Tx, conflictById, conflictWindowIds, sendWindowsByIds, type ConflictRow, type SendWindowRow, type Sql } from '@cd/db';
import {
  afnemerNamesIn,
  mentionsOin,
  procedureActionDrafts,
  ConflictAction,
  ConflictActionResult,
  type ConflictActionOutcome,
  type PlanChangePreview,
  type ProcedureWindow,
  DEFAULT_HORIZON_MS,
  dutchCount,
  suggestionsForConflict,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userRequire } from '../lib/context.js';
import { planningInputsInRange } from '../services/planning-inputs.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { afnemerNames, caseAct, caseAfterCarryOut } from '../services/procedure.js';
import { windowsChange, windowsChangePreview, type WindowsChangeResult } from '../services/window-moves.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';
import { conflictDetailJson, procedureWindowsOf } from '../views/conflict-detail.js';
import { conflictForUser } from './conflicts.js';
import { afnemerNamesCurrent } from '../lib/afnemer-names.js';

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
export const conflictActions = apiRouter().openapi(
  apiRoute({
    method: 'post',
    path: '/{id}/actions',
    tags: ['Conflicten'],
    operationId: 'performConflictAction',
    summary: 'Handeling in de conflictprocedure',
    description:
      'Een handeling in de zesstappenprocedure (move-window, contact-logius, open-assessment, submit-assessment, confirm-advice, escalate, accept-advice, reject-advice, escalate-level, decide). 409 bij een stap die nu niet kan, 403 bij de verkeerde rol of Afnemer. Met dryRun=true wordt niets opgeslagen en toont outcome wat een besluit of aanvaard advies met de conflicten zou doen.',
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
      body: {
        required: true,
        content: {
          'application/json': {
            schema: ConflictAction,
            example: { type: 'move-window', windowId: 42, start: '2027-01-15T10:00:00+01:00', end: '2027-01-15T20:00:00+01:00', source: 'suggestie' },
          },
        },
      },
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
    let moved: WindowsChangeResult | null = null;
    let outcome: ConflictActionOutcome | null = null;
    try {
      await deps.sql.begin(async (tx: Tx) => {
        const result = await caseAct(
          tx,
          id,
          action,
          user,
          (state) => procedureWindows(tx, id, procedureActionDrafts(state, action), now.getTime()),
          now,
          settings,
        );
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
        if (changes.length > 0 && carry)
          moved = await windowsChange(tx, changes, { source: carry.source, user, now, procedure: deps.procedure, planning: c.get('planning') });
        if (result.carryOut) {
          const solved = (await conflictById(tx, id))?.status !== 'open';
          const message = await caseAfterCarryOut(tx, id, { source: result.carryOut.source, windows: moved?.windows.length ?? 0, solved }, user, now, settings);
          outcome = { dryRun: false, effect, conflictSolved: solved, message, awaitingAnswers: 0 };
        }
      });
    } catch (err) {
      if (!(err instanceof DryRunDone)) throw err;
    }
    const after = (await conflictById(deps.sql, id))!;
    const done = moved as WindowsChangeResult | null;
    const planChange = done && { id: done.planChangeId, undoUntil: done.undoUntil.toISOString() };
    return c.json(
      { ...(await conflictDetailJson(deps.sql, after, user, now.getTime(), settings.deadlines, await afnemerNamesCurrent(c))), planChange, outcome },
      200,
    );
  },
);

/** Thrown to roll back a dry run's transaction once its outcome is known. */
class DryRunDone extends Error {}

function dryRunMessage(moves: number): string {
  if (moves === 0) return 'Proefhandeling: de handeling kan zo worden uitgevoerd; er wordt (nog) niets verplaatst. Er is niets opgeslagen.';
  return `Proefhandeling: ${moves === 1 ? '1 venster zou' : `${moves} vensters zouden`} worden verplaatst. Er is niets opgeslagen.`;
}

function awaitingMessage(moves: number, missing: number): string {
  const [subject, verb, pronoun] = moves === 1 ? ['De verplaatsing', 'wordt', 'die dan wordt'] : [`De ${moves} verplaatsingen`, 'worden', 'ze dan worden'];
  return (
    `Proefhandeling: uw aanvaarding wordt vastgelegd. ${subject} van het advies ${verb} uitgevoerd zodra alle Afnemers ` +
    `aanvaarden (nog ${dutchCount(missing, 'Afnemer', 'Afnemers')}); hieronder het effect zoals ${pronoun} uitgevoerd. Er is niets opgeslagen.`
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
