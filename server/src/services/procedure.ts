import {
  afnemersList,
  caseLoad,
  caseOverdueNoticed,
  caseSave,
  casesOverdueUnnoticed,
  casesByConflicts,
  conflictsOpenWithoutCase,
  eventAppend,
  notify,
  sendWindowsByIds,
  usersByRole,
  type Recipient,
  type Tx,
  type UserRow,
} from '@cd/db';
import {
  afnemerNamesIn,
  mentionsOin,
  procedureAfnemersUpdate,
  procedureApply,
  procedureInitial,
  procedureOverdueNotice,
  PROCEDURE_STEP_LABELS,
  type ProcedureAction,
  type ProcedureEvent,
  type ProcedureState,
  type ProcedureWindow,
  type StepDeadlines,
} from '@cd/shared';

const SYSTEM = { email: 'systeem', role: 'admin' as const, afnemer: null };
const dayText = (ms: number) =>
  new Date(ms).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' });

export interface ProcedureSettings {
  deadlines?: Partial<StepDeadlines>;
}

/**
 * Notifies `users` (in the app and by e-mail), with Afnemers named by name where the procedure's texts (advice,
 * overdue notices) name them by OIN.
 */
async function notifyNamed(tx: Tx, users: Recipient[], n: { conflictId: number; title: string; body: string }, now: Date) {
  if (users.length === 0) return;
  if (mentionsOin(n.title) || mentionsOin(n.body)) {
    const names = new Map((await afnemersList(tx)).map((a) => [a.oin, a.name]));
    n = { ...n, title: afnemerNamesIn(n.title, names), body: afnemerNamesIn(n.body, names) };
  }
  await notify(tx, users, n, now);
}

async function planners(tx: Tx, afnemers: readonly string[]) {
  return usersByRole(tx, ['planner'], [...afnemers]);
}

/** Opens the case file of newly detected conflicts at step 1 and tells the planners involved. */
export async function casesOpen(
  tx: Tx,
  conflicts: { id: number; start: number; afnemers: readonly string[] }[],
  now: Date,
  settings: ProcedureSettings,
) {
  for (const c of conflicts) {
    const state = procedureInitial(c.id, c.afnemers, now.getTime(), settings.deadlines);
    await caseSave(tx, c.id, state.step, state, new Date(state.deadline));
    await eventAppend(tx, { conflictId: c.id, actor: null, action: 'detected', from: null, to: state.step, payload: { afnemers: c.afnemers } }, now);
    await notifyNamed(tx, await planners(tx, c.afnemers), {
      conflictId: c.id,
      title: `Capaciteitsconflict op ${dayText(c.start)}`,
      body: `Uw verzendmomenten overschrijden samen met die van ${c.afnemers.length - 1} andere Afnemer(s) de capaciteit van de Berichtenbox. ` +
        `Stap 1: probeer uw planning te verplaatsen, uiterlijk ${dayText(state.deadline)}.`,
    }, now);
  }
}

/** Keeps the involved Afnemers of persisting conflicts current in their case files (and any draft advice). */
export async function casesInvolvedUpdate(
  tx: Tx,
  conflicts: { id: number; afnemers: readonly string[]; windowIds: number[] }[],
  now: Date,
) {
  const cases = new Map((await casesByConflicts(tx, conflicts.map((c) => c.id))).map((c) => [c.conflictId, c]));
  for (const c of conflicts) {
    const row = cases.get(c.id);
    if (!row) continue;
    const state = row.state as ProcedureState;
    if (state.afnemers.join() === c.afnemers.join()) continue;
    const windows = (await sendWindowsByIds(tx, c.windowIds)).map((w) => ({ id: w.id, afnemer: w.afnemerOin, deliveredAt: w.updatedAt.getTime() }));
    const next = procedureAfnemersUpdate(state, c.afnemers, windows);
    await caseSave(tx, c.id, next.step, next, row.deadline);
    await eventAppend(tx, { conflictId: c.id, actor: null, action: 'involved-changed', from: state.step, to: state.step, payload: { before: state.afnemers, after: c.afnemers } }, now);
  }
}

/** Closes the case files of conflicts the recompute no longer finds, and tells those involved. */
export async function casesResolve(tx: Tx, ids: number[], reason: string, now: Date) {
  for (const id of ids) {
    const row = await caseLoad(tx, id, true);
    if (!row) continue;
    const state = row.state as ProcedureState;
    const result = procedureApply(state, { type: 'resolve', reason }, { actor: SYSTEM, now: now.getTime(), windows: [] });
    if (!result.ok) continue;
    await caseSave(tx, id, result.state.step, result.state, null);
    await eventAppend(tx, { conflictId: id, actor: null, action: 'resolve', from: result.event.from, to: result.event.to, payload: { reason } }, now);
    await notifyNamed(tx, await planners(tx, state.afnemers), {
      conflictId: id,
      title: 'Capaciteitsconflict opgelost',
      body: `Het conflict is opgelost: ${reason}. (Stond in: ${PROCEDURE_STEP_LABELS[state.step]}.)`,
    }, now);
  }
}

export type ActionOutcome =
  | { ok: true; state: ProcedureState; event: ProcedureEvent }
  | { ok: false; status: 403 | 409 | 400; message: string };

const STATUS = { forbidden: 403, illegal: 409, invalid: 400 } as const;

/**
 * Applies a user's action to a locked case file and records the event; notifications go to whoever must act
 * next. The caller carries out window moves and recomputes.
 */
export async function caseAct(
  tx: Tx,
  conflictId: number,
  action: ProcedureAction,
  user: UserRow,
  windows: ProcedureWindow[],
  now: Date,
  settings: ProcedureSettings,
): Promise<ActionOutcome> {
  const row = await caseLoad(tx, conflictId, true);
  if (!row) return { ok: false, status: 409, message: 'Dit conflict heeft geen dossier.' };
  const state = row.state as ProcedureState;
  const actor = { email: user.email, role: user.role, afnemer: user.afnemerOin };
  const result = procedureApply(state, action, { actor, now: now.getTime(), windows, deadlines: settings.deadlines });
  if (!result.ok) return { ok: false, status: STATUS[result.kind], message: result.message };
  const next = result.state;
  await caseSave(tx, conflictId, next.step, next, next.deadline === null ? null : new Date(next.deadline));
  await eventAppend(tx, { conflictId, actor: { id: user.id, email: user.email, role: user.role, afnemerOin: user.afnemerOin }, action: action.type, from: result.event.from, to: result.event.to, payload: result.event.payload }, now);

  const label = PROCEDURE_STEP_LABELS[next.step];
  const tell = async (users: { id: number; email: string }[], title: string, body: string) =>
    notifyNamed(tx, users.filter((u) => u.id !== user.id), { conflictId, title, body }, now);
  switch (action.type) {
    case 'contact-logius':
      await tell(await usersByRole(tx, ['capacity-manager'], null), 'Planner neemt contact op over een conflict', `${user.email}: ${action.message}`);
      break;
    case 'open-assessment':
      await tell(await planners(tx, next.afnemers), 'Gezamenlijke afweging geopend', `Logius vraagt uw afweging van urgentie en impact (${label}).`);
      break;
    case 'submit-assessment':
      if (next.step === 'joint-assessment' && next.draftAdvice) {
        await tell(await usersByRole(tx, ['capacity-manager'], null), 'Alle afwegingen zijn binnen', `Conceptadvies: ${next.draftAdvice.text}`);
      }
      break;
    case 'confirm-advice':
      if (next.step === 'planning-adjusted') await tell(await planners(tx, next.afnemers), 'Advies vastgesteld', next.advice.text);
      break;
    case 'escalate':
      await tell(await usersByRole(tx, ['klantraad-manager'], [...next.afnemers]), 'Conflict geëscaleerd naar de Klantraad', action.adviceText);
      await tell(await usersByRole(tx, ['capacity-manager', 'service-manager'], null), 'Conflict geëscaleerd', action.adviceText);
      break;
    case 'escalate-level':
      await tell(await usersByRole(tx, ['service-manager', 'capacity-manager'], null), `Opgeschaald: ${label}`, action.reason);
      await tell(await usersByRole(tx, ['klantraad-manager'], [...next.afnemers]), `Opgeschaald: ${label}`, action.reason);
      break;
    case 'decide':
      await tell([...(await planners(tx, next.afnemers)), ...(await usersByRole(tx, ['klantraad-manager'], [...next.afnemers]))], 'Logius heeft besloten', action.decision);
      break;
    default:
      break;
  }
  return { ok: true, state: next, event: result.event };
}

/** Gives open conflicts without a case file one at step 1; returns how many. */
export async function casesBackfill(tx: Tx, now: Date, settings: ProcedureSettings): Promise<number> {
  const missing = await conflictsOpenWithoutCase(tx);
  await casesOpen(tx, missing.map((c) => ({ id: c.id, start: c.startAt.getTime(), afnemers: c.afnemers })), now, settings);
  return missing.length;
}

/**
 * Tells whoever must act now that a step of a conflict ran past its deadline, once per deadline (in the app and
 * by e-mail), and returns the conflicts told about. Safe to run on every server instance at once: a case being
 * handled by one is skipped by the others.
 */
export async function casesOverdueNotify(tx: Tx, now: Date): Promise<number[]> {
  const told: number[] = [];
  for (const row of await casesOverdueUnnoticed(tx, now)) {
    const notice = procedureOverdueNotice(row.state as ProcedureState, now.getTime(), row.conflictId);
    if (notice) {
      const users = [
        ...(notice.plannersOf.length > 0 ? await planners(tx, notice.plannersOf) : []),
        ...(notice.klantraadOf.length > 0 ? await usersByRole(tx, ['klantraad-manager'], notice.klantraadOf) : []),
        ...(notice.logius.length > 0 ? await usersByRole(tx, notice.logius, null) : []),
      ];
      await notifyNamed(tx, users, { conflictId: row.conflictId, title: notice.title, body: notice.body }, now);
      told.push(row.conflictId);
    }
    await caseOverdueNoticed(tx, row.conflictId);
  }
  return told;
}
