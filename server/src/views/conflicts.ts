import { type CaseRow, sendWindowsByIds, type ConflictRow, type SendWindowRow, type Sql, type UserRow } from '@cd/db';
import {
  afnemerNamesIn,
  procedureDue,
  procedureOverdue,
  procedureStateLabel,
  procedureWaitingOn,
  type ProcedureState,
  type ProcedureSummary,
  type StepDeadlines,
  type ConflictJson,
} from '@cd/shared';
import { afnemerScope } from '../lib/context.js';
import type { PlanningCache } from '../services/planning-cache.js';
import { isoAt } from '../lib/iso.js';

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const isoMs = (ms: number) => new Date(ms).toISOString();
export const minutes = (ms: number) => Math.round(ms / 60_000);

export type Names = ReadonlyMap<string, string>;
export const NO_NAMES: Names = new Map();

/**
 * Texts with their OINs replaced, per names map: a conflict list names the same waiting texts (some with hundreds
 * of OINs) on every request, and a map of names is reused for as long as the Afnemers do not change. A new map
 * (renamed Afnemers) starts empty; at most TEXTS_PER_NAMES texts are kept, then it starts over.
 */
const namedTexts = new WeakMap<Names, Map<string, string>>();
const TEXTS_PER_NAMES = 5000;

export function namesIn(text: string, names: Names): string {
  let texts = namedTexts.get(names);
  if (!texts) namedTexts.set(names, (texts = new Map()));
  let named = texts.get(text);
  if (named === undefined) {
    named = afnemerNamesIn(text, names);
    if (texts.size >= TEXTS_PER_NAMES) texts.clear();
    texts.set(text, named);
  }
  return named;
}

/** The case as it stands now: an overdue step 5 is Logius' step 6 even before the minute timer stores that. */
export function procedureNow(row: CaseRow, now: number, deadlines: Partial<StepDeadlines> | undefined): ProcedureState {
  return procedureDue(row.state, { now, deadlines });
}

export function procedureSummary(row: CaseRow | undefined, now: number, deadlines: Partial<StepDeadlines> | undefined, names: Names): ProcedureSummary | null {
  if (!row) return null;
  const state = procedureNow(row, now, deadlines);
  const waiting = procedureWaitingOn(state, now);
  return {
    step: state.step,
    stepLabel: procedureStateLabel(state),
    deadline: iso(state.deadline === null ? null : new Date(state.deadline)),
    overdue: procedureOverdue(state, now),
    escalationLevel: state.step === 'escalated' ? 0 : state.step === 'logius-decides' ? state.level : null,
    waitingOn: waiting && { text: namesIn(waiting.text, names), roles: [...waiting.roles], afnemers: [...waiting.afnemers] },
  };
}

/**
 * The first instant after `now` at which a summary made at `now` could read otherwise: it depends on the clock only
 * through the deadline it compares it with (procedureDue takes the lead once an escalated case's deadline passed,
 * after which the summary shows step 6 and its own deadline; procedureOverdue and procedureWaitingOn turn once the
 * shown deadline passed; the case file's actions and the next step offered are gated the same way). So: the shown
 * deadline when it lies ahead, else Infinity.
 */
export function summarySteadyUntil(summary: Pick<ProcedureSummary, 'deadline'> | null, now: number): number {
  const deadline = summary?.deadline ? Date.parse(summary.deadline) : Number.NaN;
  return deadline > now ? deadline : Number.POSITIVE_INFINITY;
}

/** When a window sends and how much, as a conflict shows it. */
export type WindowDetails = Map<number, { start: string; eind: string; aantalBerichten: number }>;

export const windowDetail = (w: SendWindowRow) => ({ start: isoAt(w.startAt.getTime()), eind: isoAt(w.endAt.getTime()), aantalBerichten: w.aantalBerichten });

/** These windows as stored, in one query. */
export async function windowRows(sql: Sql, ids: number[]): Promise<Map<number, SendWindowRow>> {
  return new Map((await sendWindowsByIds(sql, [...new Set(ids)])).map((w) => [w.id, w]));
}

/**
 * The current windows of these conflicts from the planning cache (a list shows many conflicts, often); only
 * windows the cache does not count (cancelled since a conflict was resolved) are read from the database.
 */
export async function windowDetails(sql: Sql, planning: PlanningCache, conflicts: ConflictRow[]): Promise<WindowDetails> {
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

export function conflictJson(
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
