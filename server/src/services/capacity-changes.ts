import {
  capacityProfileSet,
  conflictsAfnemerCount,
  incidentCapacityImpacts,
  maintenanceById,
  maintenanceChangeById,
  maintenanceChangeRecord,
  maintenanceChangeUndone,
  maintenanceCreate,
  maintenanceDelete,
  maintenanceLastChangeId,
  maintenanceOwner,
  maintenanceRestore,
  maintenanceSnapshot,
  maintenanceUpdate,
  planWindowsExtent,
  type CapacityProfileRow,
  type MaintenanceChangeRow,
  type MaintenanceInput,
  type MaintenanceSnapshot,
  type Queryable,
  type Sql,
  type Tx,
} from '@cd/db';
import {
  capacityDateOf,
  capacityDateStart,
  capacityProfilesUntil,
  capacityScheduleFromProfiles,
  MAINTENANCE_UNDO_MINUTES,
  PLAN_CHANGE_UNDO_FORBIDDEN,
  planChangeUndoerMay,
  planChangeUndoUntil,
  type CapacityProfileJson,
  type ChangeEffect,
  type ChangedInterval,
  type MaintenanceChangeJson,
  type MaintenanceWindow,
  type PlanningDryRunResult,
  type Role,
} from '@cd/shared';
import { ProblemError } from '../lib/problem.js';
import { capacityProfileAt, capacityProfilesRead, type CapacityProfiles } from './capacity-schedule.js';
import { conflictsRecompute, type ChangedSpan, type RecomputeResult } from './conflicts-recompute.js';
import { planningDryRun } from './dry-run.js';
import { noticeOfPlannedSpan, plannedSpanOf } from './notices.js';
import type { PlanningCache } from './planning-cache.js';
import type { ProcedureSettings } from './procedure.js';

/** What a recomputation stored, as the save notice tells it. */
export async function changeEffect(tx: Queryable, result: RecomputeResult): Promise<ChangeEffect> {
  return { created: result.created.length, afnemers: await conflictsAfnemerCount(tx, result.created), solved: result.resolved.length };
}

// ---------- capacity profiles ----------

const untilOf = new WeakMap<CapacityProfiles, Map<number, string | null>>();

/** A stored profile as the API shows it, with the date until which it held. */
export function profileJson(p: CapacityProfileRow, profiles: CapacityProfiles): CapacityProfileJson {
  let until = untilOf.get(profiles);
  if (!until) untilOf.set(profiles, (until = capacityProfilesUntil(profiles.rows)));
  return { ...p, until: until.get(p.id) ?? null, setAt: p.setAt.toISOString() };
}

/** The profile to store: new rates and levels, in force from a date that is not in the past. */
export interface ProfileChange {
  ratesPerHour: number[];
  threshold: number;
  warningLevel: number;
  effectiveFrom: string | undefined;
  restoredFrom: number | null;
}

function effectiveDate(date: string | undefined, now: Date): string {
  const today = capacityDateOf(now.getTime());
  if (date === undefined) return today;
  if (date < today) {
    throw new ProblemError(400, 'Een capaciteitsprofiel kan niet met terugwerkende kracht ingaan.', [
      { field: 'effectiveFrom', message: `Kies vandaag (${today}) of later.` },
    ]);
  }
  return date;
}

/** What storing the profile would do to the conflicts; nothing is written. */
export async function profileDryRun(sql: Sql, change: ProfileChange, now: Date): Promise<PlanningDryRunResult> {
  const effectiveFrom = effectiveDate(change.effectiveFrom, now);
  const [profiles, extent] = await Promise.all([capacityProfilesRead(sql), planWindowsExtent(sql)]);
  const from = capacityDateStart(effectiveFrom);
  const candidate = { ...change, id: Number.MAX_SAFE_INTEGER, effectiveFrom };
  const schedule = capacityScheduleFromProfiles([...profiles.rows, candidate]);
  return planningDryRun(sql, { spans: [{ from, to: Math.max(from, extent?.to ?? from) }], schedule: () => schedule });
}

/** Stores the profile and recomputes every conflict in the same transaction. */
export async function profileSave(
  sql: Sql,
  change: ProfileChange,
  userId: number,
  now: Date,
  reason: string,
  settings: ProcedureSettings | undefined,
  planning?: PlanningCache,
) {
  const effectiveFrom = effectiveDate(change.effectiveFrom, now);
  return sql.begin(async (tx: Tx) => {
    const before = await capacityProfilesRead(tx);
    const replaced = capacityProfileAt(before, capacityDateStart(effectiveFrom)).id;
    const saved = await capacityProfileSet(tx, { ...change, effectiveFrom, userId });
    const result = await conflictsRecompute(tx, 'all', now, reason, settings, planning);
    const after = await capacityProfilesRead(tx);
    return { ...profileJson(saved, after), effect: await changeEffect(tx, result), replaced };
  });
}

// ---------- maintenance ----------

export function maintenanceChangeJson(c: MaintenanceChangeRow): MaintenanceChangeJson {
  const snap = (s: MaintenanceSnapshot | null) =>
    s && { start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), factor: s.factor, reason: s.reason, kind: s.kind };
  return {
    id: c.id,
    maintenanceId: c.maintenanceId,
    action: c.action,
    before: snap(c.before),
    after: snap(c.after),
    changedBy: c.changedBy,
    changedAt: c.changedAt.toISOString(),
    undoableUntil: new Date(planChangeUndoUntil(c.changedAt.getTime())).toISOString(),
    undoneBy: c.undoneBy,
    undoneAt: c.undoneAt?.toISOString() ?? null,
  };
}

/** Windows of releases and incidents are changed through their owner, so the two never disagree. */
export async function maintenanceOwnedElsewhere(tx: Queryable, id: number) {
  const owner = await maintenanceOwner(tx, id);
  if (owner === 'release') throw new ProblemError(409, 'Dit venster hoort bij een release; wijzig het via /api/v1/releases.');
  if (owner === 'incident') throw new ProblemError(409, 'Dit venster hoort bij een incident; wijzig het via de capaciteitsimpact van het incident.');
}

/**
 * Whose change it is: plain maintenance (incidentId null, through /maintenance-windows) or an incident's capacity drop
 * (through the incident). Each side may only dry-run and undo its own changes.
 */
export interface WindowOwner {
  incidentId: number | null;
}
const PLAIN: WindowOwner = { incidentId: null };
/** The incident a recorded change belongs to, or null for plain maintenance (changes from before incidents were recorded have none). */
const changeIncident = (c: MaintenanceChangeRow) => c.after?.incidentId ?? c.before?.incidentId ?? null;

/** A maintenance change: create (no id), update (id and input) or delete (id, no input). */
export type MaintenanceEdit =
  | { action: 'create'; input: MaintenanceInput }
  | { action: 'update'; id: number; input: MaintenanceInput }
  | { action: 'delete'; id: number };

const notFound = () => new ProblemError(404, 'Dit onderhoudsvenster bestaat niet.');
const asCore = (id: number, m: { start: Date; end: Date; factor: number }): MaintenanceWindow => ({
  id,
  start: m.start.getTime(),
  end: m.end.getTime(),
  factor: m.factor,
});
/** Each window's own span: a change far apart recomputes two stretches, not all in between. */
const spanOf = (...ms: { start: Date; end: Date }[]): ChangedInterval[] => ms.map((m) => ({ from: m.start.getTime(), to: m.end.getTime() }));

/** What the maintenance change would do to the conflicts; nothing is written. */
export async function maintenanceDryRun(sql: Sql, edit: MaintenanceEdit, owner: WindowOwner = PLAIN): Promise<PlanningDryRunResult> {
  if (edit.action === 'create') {
    const added = asCore(-1, edit.input);
    return planningDryRun(sql, { spans: spanOf(edit.input), maintenance: (stored) => [...stored, added] });
  }
  if (owner.incidentId === null) await maintenanceOwnedElsewhere(sql, edit.id);
  else if (!(await incidentCapacityImpacts(sql, owner.incidentId)).some((m) => m.id === edit.id)) throw notFound();
  const old = await maintenanceById(sql, edit.id);
  if (!old) throw notFound();
  const oldSpan = { start: old.startAt, end: old.endAt };
  if (edit.action === 'delete') {
    return planningDryRun(sql, { spans: spanOf(oldSpan), maintenance: (stored) => stored.filter((m) => m.id !== edit.id) });
  }
  const changed = asCore(edit.id, edit.input);
  return planningDryRun(sql, { spans: spanOf(oldSpan, edit.input), maintenance: (stored) => [...stored.filter((m) => m.id !== edit.id), changed] });
}

const REASONS = { create: 'Onderhoudsvenster toegevoegd', update: 'Onderhoudsvenster gewijzigd', delete: 'Onderhoudsvenster verwijderd' } as const;

/** Stores the maintenance change, its place in the trail and the recomputed conflicts, in one transaction. */
export async function maintenanceSave(
  sql: Sql,
  edit: MaintenanceEdit,
  userId: number,
  now: Date,
  settings: ProcedureSettings | undefined,
  planning?: PlanningCache,
) {
  return sql.begin(async (tx: Tx) => {
    let id: number;
    let span: Exclude<ChangedSpan, 'all'>;
    let before: MaintenanceSnapshot | null = null;
    if (edit.action === 'create') {
      id = await maintenanceCreate(tx, edit.input, userId);
      span = spanOf(edit.input);
    } else {
      id = edit.id;
      await maintenanceOwnedElsewhere(tx, id);
      const old = await maintenanceById(tx, id);
      before = await maintenanceSnapshot(tx, id);
      if (!old || !before) throw notFound();
      const ok = edit.action === 'update' ? await maintenanceUpdate(tx, id, edit.input) : await maintenanceDelete(tx, id);
      if (!ok) throw notFound();
      span = edit.action === 'update' ? spanOf(edit.input, { start: old.startAt, end: old.endAt }) : spanOf({ start: old.startAt, end: old.endAt });
    }
    const after = edit.action === 'delete' ? null : await maintenanceSnapshot(tx, id);
    const changeId = await maintenanceChangeRecord(tx, { maintenanceId: id, action: edit.action, before, after, userId, at: now });
    const result = await conflictsRecompute(tx, span, now, REASONS[edit.action], settings, planning);
    // Subscribers hear of planned, moved or cancelled maintenance; an incident's window is a disruption, told through the incident.
    const cancelled = edit.action === 'delete' ? plannedSpanOf(before) : null;
    if (cancelled) await noticeOfPlannedSpan(tx, cancelled, 'geschrapt', null, now);
    if (edit.action !== 'delete' && edit.input.kind !== 'incident') {
      const moved = before !== null && (Date.parse(before.start) !== edit.input.start.getTime() || Date.parse(before.end) !== edit.input.end.getTime());
      if (edit.action === 'create' || moved) {
        const planned = { source: edit.input.kind === 'release' ? ('release' as const) : ('onderhoud' as const), name: edit.input.reason, ...edit.input };
        await noticeOfPlannedSpan(tx, planned, edit.action === 'create' ? 'gepland' : 'verplaatst', before ? snapshotSpan(before) : null, now);
      }
    }
    return {
      id,
      change: maintenanceChangeJson((await maintenanceChangeById(tx, changeId))!),
      effect: await changeEffect(tx, result),
    };
  });
}

/** Who asks to undo: the maker of the change, or a role that may undo anyone's (planChangeUndoerMay). */
export interface Undoer {
  id: number;
  role: Role;
}

/**
 * Checks that `by` may undo the change now; returns it. Throws 404, 403 (not the maker nor the capacity manager, the
 * rule every plan change follows) or 409 with the reason in Dutch.
 */
async function undoable(tx: Queryable, changeId: number, now: Date, lock: boolean, owner: WindowOwner, by: Undoer): Promise<MaintenanceChangeRow> {
  const change = await maintenanceChangeById(tx, changeId, lock);
  if (!change) throw new ProblemError(404, 'Deze wijziging bestaat niet.');
  const incidentId = changeIncident(change);
  if (owner.incidentId !== null && incidentId !== owner.incidentId) throw new ProblemError(404, 'Deze wijziging hoort niet bij dit incident.');
  if (owner.incidentId === null && incidentId !== null) {
    throw new ProblemError(409, 'Deze wijziging hoort bij een incident; maak haar ongedaan via de capaciteitsimpact van het incident.');
  }
  if (!planChangeUndoerMay(by, change.changedById)) throw new ProblemError(403, PLAN_CHANGE_UNDO_FORBIDDEN);
  if (change.undoneAt) throw new ProblemError(409, 'Deze wijziging is al ongedaan gemaakt.');
  // Half-open, as every plan change: at exactly the end of the term it is too late.
  if (now.getTime() >= planChangeUndoUntil(change.changedAt.getTime())) {
    throw new ProblemError(409, `Een wijziging kan tot ${MAINTENANCE_UNDO_MINUTES} minuten daarna ongedaan worden gemaakt; deze termijn is voorbij.`);
  }
  if ((await maintenanceLastChangeId(tx, change.maintenanceId)) !== change.id) {
    throw new ProblemError(409, 'Dit onderhoudsvenster is daarna nog gewijzigd; maak eerst die latere wijziging ongedaan.');
  }
  return change;
}

const snapshotSpan = (s: MaintenanceSnapshot) => ({ start: new Date(s.start), end: new Date(s.end) });

/** What undoing the change would do to the conflicts; nothing is written. */
export async function maintenanceUndoDryRun(sql: Sql, changeId: number, by: Undoer, now: Date, owner: WindowOwner = PLAIN): Promise<PlanningDryRunResult> {
  const change = await undoable(sql, changeId, now, false, owner, by);
  const restored = change.before ? asCore(change.maintenanceId, { ...snapshotSpan(change.before), factor: change.before.factor }) : null;
  const spans = [change.before, change.after].filter((s) => s !== null).map(snapshotSpan);
  return planningDryRun(sql, {
    spans: spanOf(...spans),
    maintenance: (stored) => [...stored.filter((m) => m.id !== change.maintenanceId), ...(restored ? [restored] : [])],
  });
}

/** Undoes the change (puts the window back as it was before it), marks it undone and recomputes, in one transaction. */
export async function maintenanceUndo(
  sql: Sql,
  changeId: number,
  by: Undoer,
  now: Date,
  settings: ProcedureSettings | undefined,
  planning?: PlanningCache,
  owner: WindowOwner = PLAIN,
  /** Runs in the same transaction once the change is undone: the owner's own trail. */
  afterUndo?: (tx: Tx, change: MaintenanceChangeRow) => Promise<void>,
) {
  return sql.begin(async (tx: Tx) => {
    // One undo at a time per change: the row lock makes a second, concurrent undo wait and then see it undone.
    const change = await undoable(tx, changeId, now, true, owner, by);
    const id = change.maintenanceId;
    const b = change.before;
    if (change.action === 'create') await maintenanceDelete(tx, id);
    else if (change.action === 'update') await maintenanceUpdate(tx, id, { ...snapshotSpan(b!), factor: b!.factor, reason: b!.reason, kind: b!.kind });
    else await maintenanceRestore(tx, id, b!);
    await maintenanceChangeUndone(tx, change.id, by.id, now);
    if (afterUndo) await afterUndo(tx, change);
    const spans = [change.before, change.after].filter((s) => s !== null).map(snapshotSpan);
    const result = await conflictsRecompute(tx, spanOf(...spans), now, 'Onderhoudswijziging ongedaan gemaakt', settings, planning);
    // Subscribers hear what the undo did: a window planned by mistake is cancelled, a move goes back, a deletion returns.
    const restored = plannedSpanOf(change.before);
    const undone = plannedSpanOf(change.after);
    if (change.action === 'create' && undone) await noticeOfPlannedSpan(tx, undone, 'geschrapt', null, now);
    else if (change.action === 'delete' && restored) await noticeOfPlannedSpan(tx, restored, 'gepland', null, now);
    else if (restored && undone && (restored.start.getTime() !== undone.start.getTime() || restored.end.getTime() !== undone.end.getTime())) {
      await noticeOfPlannedSpan(tx, restored, 'verplaatst', { start: undone.start, end: undone.end }, now);
    }
    return { change: maintenanceChangeJson((await maintenanceChangeById(tx, change.id))!), effect: await changeEffect(tx, result) };
  });
}
