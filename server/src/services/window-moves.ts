import {
  casesByConflicts,
  conflictsOpenWithWindows,
  conflictsWithPlanChange,
  eventAppend,
  planChangeInsert,
  planChangeLock,
  planChangeMarkUndone,
  planChangeWindows,
  sendWindowChange,
  sendWindowsByIds,
  type SendWindowRow,
  type Sql,
  type Tx,
  type UserRow,
} from '@cd/db';
import {
  planChangeUndoRefusal,
  planChangeUndoUntil,
  windowChangeIssues,
  type NewSendWindow,
  type PlanChangePreview,
  type PlanChangeSource,
  type RowError,
  type WindowChangeJson,
} from '@cd/shared';
import { ProblemError } from '../lib/problem.js';
import { afnemerScope } from '../lib/context.js';
import { conflictsRecompute, type RecomputeResult } from './conflicts-recompute.js';
import { deliveryDryRun } from './dry-run.js';
import type { PlanningCache } from './planning-cache.js';
import type { ProcedureSettings } from './procedure.js';

export type { PlanChangeSource } from '@cd/shared';

export interface WindowChange {
  windowId: number;
  start: Date;
  end: Date;
  aantalBerichten?: number;
  status?: 'concept' | 'definitief';
}

export interface WindowsChangeResult {
  planChangeId: number;
  undoUntil: Date;
  recompute: RecomputeResult | null;
  /** Each window that changed, before and after (a window that already was so is left out). */
  windows: WindowChangeJson[];
}

const state = (w: { startAt: Date; endAt: Date; aantalBerichten: number; status: SendWindowRow['status'] }) => ({
  start: w.startAt.toISOString(),
  eind: w.endAt.toISOString(),
  aantalBerichten: w.aantalBerichten,
  status: w.status,
});

/** The window as it would be after the change. */
const changed = (w: SendWindowRow, c: WindowChange): SendWindowRow => ({
  ...w,
  startAt: c.start,
  endAt: c.end,
  aantalBerichten: c.aantalBerichten ?? w.aantalBerichten,
  status: c.status ?? w.status,
});

/** The stored windows of these changes, after checking every change can be made; throws 400, 404 or 409 problems. */
function changesCheck(rows: SendWindowRow[], changes: WindowChange[]): Map<number, SendWindowRow> {
  if (changes.length === 0) throw new ProblemError(400, 'Geef minstens één verzendmoment om te wijzigen.');
  const byId = new Map(rows.map((w) => [w.id, w]));
  const seen = new Set<number>();
  const errors: RowError[] = [];
  changes.forEach((c, i) => {
    const w = byId.get(c.windowId);
    if (!w) throw new ProblemError(404, `Verzendmoment ${c.windowId} bestaat niet.`);
    if (w.status === 'geannuleerd') {
      throw new ProblemError(409, `Verzendmoment ${w.kenmerk} is geannuleerd; een geannuleerd verzendmoment wijzigt u niet. Lever het opnieuw aan.`);
    }
    if (seen.has(c.windowId)) errors.push({ row: i + 1, field: 'windowId', message: `Verzendmoment ${w.kenmerk} staat twee keer in de wijziging.` });
    seen.add(c.windowId);
    for (const issue of windowChangeIssues(
      { vroegsteStart: w.vroegsteStart?.getTime() ?? null, laatsteEind: w.laatsteEind?.getTime() ?? null },
      { start: c.start.getTime(), end: c.end.getTime(), aantalBerichten: c.aantalBerichten },
    )) {
      errors.push({ row: i + 1, field: issue.field, message: changes.length === 1 ? issue.message : `${w.kenmerk}: ${issue.message}` });
    }
  });
  if (errors.length > 0) throw new ProblemError(400, 'De wijziging voldoet niet aan de eisen; er is niets gewijzigd.', errors);
  return byId;
}

function reasonOf(source: PlanChangeSource, user: UserRow): string {
  switch (source) {
    case 'besluit Logius':
      return 'Besluit van Logius uitgevoerd';
    case 'besluit Klantraad':
      return 'Besluit van de Klantraad uitgevoerd';
    case 'ongedaan gemaakt':
      return `Wijziging ongedaan gemaakt door ${user.email}`;
    case 'nivellering':
      return `Verschuiving uit een genivelleerd plan uitgevoerd door ${user.email}`;
    case 'suggestie':
    case 'handmatig':
    case 'procedure':
      return `Venster verplaatst door ${user.email}`;
    default: {
      const never: never = source;
      return never;
    }
  }
}

async function windowsChangeApply(
  tx: Tx,
  changes: WindowChange[],
  opts: { source: PlanChangeSource; user: UserRow; now: Date; procedure?: ProcedureSettings; undoOf?: number; planning?: PlanningCache },
): Promise<WindowsChangeResult> {
  const ids = changes.map((c) => c.windowId);
  // A window's Afnemer never changes, so the locks can be chosen before they are held; sorted, so two changes
  // spanning the same Afnemers take them in one order (as deliveries do).
  const afnemers = [...new Set((await sendWindowsByIds(tx, ids)).map((w) => w.afnemerOin))].sort();
  for (const oin of afnemers) await tx`select pg_advisory_xact_lock(hashtext('deliveries'), hashtext(${oin}))`;
  const byId = changesCheck(await sendWindowsByIds(tx, ids), changes);

  const planChange = await planChangeInsert(tx, { at: opts.now, userId: opts.user.id, source: opts.source, undoOf: opts.undoOf ?? null });
  const windows: WindowChangeJson[] = [];
  // Only where the windows were and are now: a move far ahead recomputes two stretches, not all in between.
  const spans: { from: number; to: number }[] = [];
  for (const c of changes) {
    const before = byId.get(c.windowId)!;
    const after = await sendWindowChange(tx, c.windowId, c, {
      userId: opts.user.id,
      at: opts.now,
      planChange: { id: planChange.id, source: opts.source },
    });
    if (!after) continue;
    windows.push({ windowId: after.id, kenmerk: after.kenmerk, afnemer: after.afnemerOin, before: state(before), after: state(after) });
    spans.push({ from: before.startAt.getTime(), to: before.endAt.getTime() }, { from: after.startAt.getTime(), to: after.endAt.getTime() });
  }

  // The case file of every open conflict a changed window is in shows the change, by Afnemer, time and volume
  // only (as the conflict shows other Afnemers' windows): those open now (the recompute may resolve them), those
  // holding the windows after it (a move into a conflict, or an undo that brings one back), and for an undo those
  // whose trail holds the change it undoes.
  const trailed = new Set<number>();
  const trail = async (conflictIds: number[]) => {
    const fresh = conflictIds.filter((id) => !trailed.has(id));
    const cases = await casesByConflicts(tx, fresh);
    const actor = { id: opts.user.id, email: opts.user.email, role: opts.user.role, afnemerOin: opts.user.afnemerOin };
    const payload = {
      planChangeId: planChange.id,
      source: opts.source,
      undoOf: opts.undoOf ?? null,
      windows: windows.map((w) => ({ afnemer: w.afnemer, before: w.before, after: w.after })),
    };
    for (const k of cases.sort((a, b) => a.conflictId - b.conflictId)) {
      trailed.add(k.conflictId);
      await eventAppend(tx, { conflictId: k.conflictId, actor, action: 'plan-change', from: k.step, to: k.step, payload }, opts.now);
    }
  };
  const windowIds = windows.map((w) => w.windowId);
  if (windowIds.length > 0) {
    const undone = opts.undoOf ? await conflictsWithPlanChange(tx, opts.undoOf, windowIds) : [];
    await trail([...undone, ...(await conflictsOpenWithWindows(tx, windowIds)).map((c) => c.id)]);
  }
  const recompute = spans.length > 0 ? await conflictsRecompute(tx, spans, opts.now, reasonOf(opts.source, opts.user), opts.procedure, opts.planning) : null;
  if (recompute) await trail((await conflictsOpenWithWindows(tx, windowIds)).map((c) => c.id));
  return { planChangeId: planChange.id, undoUntil: new Date(planChangeUndoUntil(opts.now.getTime())), recompute, windows };
}

/**
 * Applies the changes in the caller's transaction as one plan change: each window a new revision with `source`
 * and the plan change id; then the conflict recompute runs in the same transaction. Holds the delivery lock of
 * every Afnemer involved. Who may change which window is the caller's to check; this checks that the windows
 * exist (404), are not cancelled (409) and stay within their own bounds (400), and stores nothing otherwise.
 * A window that already is as asked gets no revision; the plan change is recorded all the same.
 */
export async function windowsChange(
  tx: Tx,
  changes: WindowChange[],
  opts: { source: PlanChangeSource; user: UserRow; now: Date; procedure?: ProcedureSettings; planning?: PlanningCache },
): Promise<WindowsChangeResult> {
  return windowsChangeApply(tx, changes, opts);
}

/**
 * The effect of these changes without storing anything: conflicts created, worsened and solved (and eased), as
 * the upload dry run reports them, plus each window before and after. Refuses as windowsChange would.
 */
export async function windowsChangePreview(sql: Sql, _planning: PlanningCache, changes: WindowChange[], user: UserRow, _now: Date): Promise<PlanChangePreview> {
  const byId = changesCheck(
    await sendWindowsByIds(
      sql,
      changes.map((c) => c.windowId),
    ),
    changes,
  );
  const groups = new Map<string, NewSendWindow[]>();
  const windows: WindowChangeJson[] = [];
  for (const c of changes) {
    const before = byId.get(c.windowId)!;
    const after = changed(before, c);
    // As a delivery of the same kenmerk it replaces the stored window in the dry run.
    const row: NewSendWindow = {
      afnemer: after.afnemerOin,
      kenmerk: after.kenmerk,
      omschrijving: after.omschrijving,
      berichttype: after.berichttype,
      start: after.startAt,
      end: after.endAt,
      aantalBerichten: after.aantalBerichten,
      status: after.status as 'concept' | 'definitief',
      vroegsteStart: after.vroegsteStart,
      laatsteEind: after.laatsteEind,
    };
    groups.set(after.afnemerOin, [...(groups.get(after.afnemerOin) ?? []), row]);
    windows.push({ windowId: after.id, kenmerk: after.kenmerk, afnemer: after.afnemerOin, before: state(before), after: state(after) });
  }
  const effect = await deliveryDryRun(
    sql,
    [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)),
    afnemerScope(user),
  );
  return { ...effect, windows };
}

/**
 * Undoes a plan change in the caller's transaction: every window it changed gets its previous revision back, as a
 * new plan change with source 'ongedaan gemaakt' (revisions, recompute and case-file trail as any change).
 * Refused (403) for anyone but its maker or the capacity manager; (409) after 15 minutes, when undone already, or
 * when one of its windows changed since. Two undos at once: the second waits for the first and is refused.
 */
export async function planChangeUndo(
  tx: Tx,
  id: number,
  opts: { user: UserRow; now: Date; procedure?: ProcedureSettings; planning?: PlanningCache },
): Promise<WindowsChangeResult & { undoOf: number }> {
  const change = await planChangeLock(tx, id);
  if (!change) throw new ProblemError(404, 'Deze planwijziging bestaat niet.');
  const windows = await planChangeWindows(tx, id);
  const refusal = planChangeUndoRefusal(
    {
      createdAt: change.createdAt.getTime(),
      userId: change.userId,
      undoneAt: change.undoneAt?.getTime() ?? null,
      changedSince: windows.filter((w) => w.currentRevision !== w.revision).map((w) => w.kenmerk),
    },
    opts.user,
    opts.now.getTime(),
  );
  if (refusal) throw new ProblemError(refusal.status, refusal.message);
  const restore: WindowChange[] = windows.map((w) => {
    const p = w.previous;
    if (!p || p.status === 'geannuleerd') throw new ProblemError(409, `Van verzendmoment ${w.kenmerk} is geen eerdere stand om terug te zetten.`);
    return { windowId: w.windowId, start: new Date(p.startAt), end: new Date(p.endAt), aantalBerichten: Number(p.aantalBerichten), status: p.status };
  });
  await planChangeMarkUndone(tx, id, opts.now);
  if (restore.length === 0) {
    const empty = await planChangeInsert(tx, { at: opts.now, userId: opts.user.id, source: 'ongedaan gemaakt', undoOf: id });
    return { planChangeId: empty.id, undoUntil: new Date(planChangeUndoUntil(opts.now.getTime())), recompute: null, windows: [], undoOf: id };
  }
  return { ...(await windowsChangeApply(tx, restore, { ...opts, source: 'ongedaan gemaakt', undoOf: id })), undoOf: id };
}
