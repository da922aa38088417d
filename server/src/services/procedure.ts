import {
  afnemersList,
  caseLoad,
  caseOverdueNoticed,
  caseSave,
  casesLockMany,
  casesOverdueUnnoticed,
  casesByConflicts,
  casesSaveMany,
  eventsAppendMany,
  notifyMany,
  conflictsOpenWithoutCase,
  contactsOfAfnemers,
  eventAppend,
  notify,
  outboxQueue,
  sendWindowsByIds,
  usersByRole,
  usersOfAfnemers,
  type Queryable,
  type Recipient,
  type Tx,
  type UserRow,
} from '@cd/db';
import {
  afnemerNamesIn,
  answersMissing,
  mentionsOin,
  procedureAfnemersUpdate,
  procedureApply,
  procedureInitial,
  procedureOverdueNotice,
  procedureReach,
  CONTACT_ROLE_LABELS,
  conflictSharedSentence,
  PROCEDURE_STEP_LABELS,
  REACH_ROUTES,
  type ContactRole,
  type ProcedureAction,
  type ProcedureEvent,
  type ProcedureState,
  type ProcedureWindow,
  type Reach,
  type ReachPurpose,
  type StepDeadlines,
  type WindowMove,
} from '@cd/shared';
import { deadlineLongDutch, instantLongDutch as dayText } from '@cd/shared/time';

const SYSTEM = { email: 'systeem', role: 'admin' as const, afnemer: null };

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

/** Afnemer names by OIN, for texts people read. */
export async function afnemerNames(sql: Queryable): Promise<Map<string, string>> {
  return new Map((await afnemersList(sql)).map((a) => [a.oin, a.name]));
}

/**
 * Asks the involved Afnemers for an assessment or an answer to the advice: those with an account with the answering
 * role in the app and by e-mail, those without at their Bijlage-1 contacts by e-mail (the outbox), and records in
 * the case file who was reached and how.
 */
async function reachAfnemers(
  tx: Tx,
  conflictId: number,
  afnemers: readonly string[],
  purpose: ReachPurpose,
  message: { title: string; body: string; contactBody: string },
  actingUserId: number,
  from: ProcedureState['step'],
  now: Date,
) {
  const route = REACH_ROUTES[purpose];
  const users = await usersOfAfnemers(tx, route.role, [...afnemers]);
  const accounts = new Map<string, string[]>();
  for (const u of users) accounts.set(u.afnemerOin, [...(accounts.get(u.afnemerOin) ?? []), u.email]);
  const contacts = (await contactsOfAfnemers(tx, [...afnemers], [...route.contacts])).map((c) => ({
    afnemer: c.afnemerOin!,
    role: c.role,
    email: c.email,
  }));
  const reach = procedureReach(afnemers, purpose, accounts, contacts);
  const names = await afnemerNames(tx);
  const viaAccount = users.filter((u) => reach.some((r) => r.via === 'account' && r.afnemer === u.afnemerOin) && u.id !== actingUserId);
  await notifyNamed(tx, viaAccount, { conflictId, title: message.title, body: message.body }, now);
  for (const r of reach.filter((x): x is Reach & { via: 'contact' } => x.via === 'contact')) {
    const intro =
      `U ontvangt dit bericht als contact "${CONTACT_ROLE_LABELS[r.role as ContactRole]}" van ${names.get(r.afnemer) ?? r.afnemer} ` +
      '(Bijlage 1 van het DAP MijnOverheid). Uw organisatie heeft geen account voor deze stap in het capaciteitsdashboard.';
    for (const email of r.emails) {
      await outboxQueue(tx, email, { title: afnemerNamesIn(message.title, names), body: afnemerNamesIn(`${intro}\n\n${message.contactBody}`, names) }, now);
    }
  }
  await eventAppend(tx, { conflictId, actor: null, action: 'reached', from, to: from, payload: { purpose, reach } }, now);
}

/** The planners of these Afnemers, by Afnemer (each list by user id): one query for all conflicts of a recompute. */
async function plannersByAfnemer(tx: Tx, afnemers: Iterable<string>): Promise<Map<string, (Recipient & { afnemerOin: string })[]>> {
  const wanted = [...new Set(afnemers)];
  const byAfnemer = new Map<string, (Recipient & { afnemerOin: string })[]>();
  if (wanted.length === 0) return byAfnemer;
  for (const u of (await usersOfAfnemers(tx, 'planner', wanted)).sort((a, b) => a.id - b.id)) {
    byAfnemer.set(u.afnemerOin, [...(byAfnemer.get(u.afnemerOin) ?? []), u]);
  }
  return byAfnemer;
}

/**
 * The notifications of several conflicts, each to the planners of its Afnemers (by user id), with Afnemers named by
 * name where a text names them by OIN; for notifyMany.
 */
async function plannerNotices(tx: Tx, notices: { conflictId: number; afnemers: readonly string[]; title: string; body: string }[]) {
  const planners = await plannersByAfnemer(
    tx,
    notices.flatMap((n) => n.afnemers),
  );
  const names = notices.some((n) => mentionsOin(n.title) || mentionsOin(n.body)) ? await afnemerNames(tx) : null;
  return notices.flatMap((n) => {
    const users = n.afnemers.flatMap((a) => planners.get(a) ?? []).sort((a, b) => a.id - b.id);
    const title = names ? afnemerNamesIn(n.title, names) : n.title;
    const body = names ? afnemerNamesIn(n.body, names) : n.body;
    return users.map((u) => ({ userId: u.id, email: u.email, conflictId: n.conflictId, title, body }));
  });
}

/** Opens the case files of newly detected conflicts at step 1 and tells the planners involved: a statement per kind. */
export async function casesOpen(tx: Tx, conflicts: { id: number; start: number; afnemers: readonly string[] }[], now: Date, settings: ProcedureSettings) {
  if (conflicts.length === 0) return;
  const states = conflicts.map((c) => procedureInitial(c.id, c.afnemers, now.getTime(), settings.deadlines));
  await casesSaveMany(
    tx,
    states.map((state, i) => ({ conflictId: conflicts[i]!.id, state, deadline: new Date(state.deadline) })),
  );
  await eventsAppendMany(
    tx,
    conflicts.map((c, i) => ({ conflictId: c.id, action: 'detected', from: null, to: states[i]!.step, payload: { afnemers: c.afnemers } })),
    now,
  );
  const notices = await plannerNotices(
    tx,
    conflicts.map((c, i) => ({
      conflictId: c.id,
      afnemers: c.afnemers,
      title: `Capaciteitsconflict op ${dayText(c.start)}`,
      body:
        `${conflictSharedSentence(c.afnemers.length - 1)} ` +
        `Stap 1: probeer uw planning te verplaatsen, uiterlijk ${deadlineLongDutch(states[i]!.deadline)}.`,
    })),
  );
  await notifyMany(tx, notices, now);
}

/** Keeps the involved Afnemers of persisting conflicts current in their case files (and any draft advice). */
export async function casesInvolvedUpdate(tx: Tx, conflicts: { id: number; afnemers: readonly string[]; windowIds: number[] }[], now: Date) {
  if (conflicts.length === 0) return;
  const cases = new Map(
    (
      await casesByConflicts(
        tx,
        conflicts.map((c) => c.id),
      )
    ).map((c) => [c.conflictId, c]),
  );
  const changed = conflicts.filter((c) => {
    const row = cases.get(c.id);
    return row !== undefined && row.state.afnemers.join() !== c.afnemers.join();
  });
  if (changed.length === 0) return;
  const windowsById = new Map((await sendWindowsByIds(tx, [...new Set(changed.flatMap((c) => c.windowIds))])).map((w) => [w.id, w]));
  const saved: { conflictId: number; state: ProcedureState; deadline: Date | null }[] = [];
  const events: { conflictId: number; action: string; from: string; to: string; payload: object }[] = [];
  for (const c of changed) {
    const row = cases.get(c.id)!;
    const state = row.state;
    // A draft advice recomputed here proposes no moments (the suggestions are worked out when it is confirmed).
    const windows = c.windowIds.flatMap((id) => {
      const w = windowsById.get(id);
      return w
        ? [{ id: w.id, afnemer: w.afnemerOin, deliveredAt: w.updatedAt.getTime(), kenmerk: w.kenmerk, start: w.startAt.getTime(), end: w.endAt.getTime() }]
        : [];
    });
    const next = procedureAfnemersUpdate(state, c.afnemers, windows);
    saved.push({ conflictId: c.id, state: next, deadline: row.deadline });
    events.push({ conflictId: c.id, action: 'involved-changed', from: state.step, to: state.step, payload: { before: state.afnemers, after: c.afnemers } });
  }
  await casesSaveMany(tx, saved);
  await eventsAppendMany(tx, events, now);
}

/** Closes the case files of conflicts the recompute no longer finds, and tells those involved: a statement per kind. */
export async function casesResolve(tx: Tx, ids: number[], reason: string, now: Date) {
  if (ids.length === 0) return;
  const cases = new Map((await casesLockMany(tx, ids)).map((c) => [c.conflictId, c]));
  const saved: { conflictId: number; state: ProcedureState; deadline: Date | null }[] = [];
  const events: { conflictId: number; action: string; from: string | null; to: string; payload: object }[] = [];
  const notices: { conflictId: number; afnemers: readonly string[]; title: string; body: string }[] = [];
  for (const id of ids) {
    const row = cases.get(id);
    if (!row) continue;
    const state = row.state;
    const result = procedureApply(state, { type: 'resolve', reason }, { actor: SYSTEM, now: now.getTime(), windows: [] });
    if (!result.ok) continue;
    saved.push({ conflictId: id, state: result.state, deadline: null });
    events.push({ conflictId: id, action: 'resolve', from: result.event.from, to: result.event.to, payload: { reason } });
    notices.push({
      conflictId: id,
      afnemers: state.afnemers,
      title: 'Capaciteitsconflict opgelost',
      body: `Het conflict is opgelost: ${reason}. (Stond in: ${PROCEDURE_STEP_LABELS[state.step]}.)`,
    });
  }
  await casesSaveMany(tx, saved);
  await eventsAppendMany(tx, events, now);
  await notifyMany(tx, await plannerNotices(tx, notices), now);
}

export type ActionOutcome =
  | {
      ok: true;
      state: ProcedureState;
      event: ProcedureEvent;
      /** Window moves the action orders now: an advice every Afnemer accepted, or Logius' decision. */
      carryOut: { moves: WindowMove[]; source: 'besluit Klantraad' | 'besluit Logius' } | null;
      /**
       * An acceptance that is not the last: the advice's moves as they will be carried out once every Afnemer accepts,
       * and how many answers are still missing then (for the dry run's preview); null otherwise.
       */
      awaiting: { moves: WindowMove[]; missing: number } | null;
    }
  | { ok: false; status: 403 | 409 | 400; message: string };

const STATUS = { forbidden: 403, illegal: 409, invalid: 400 } as const;

/** Stores a state and its trail entry; `user` null for the system. */
async function caseStore(
  tx: Tx,
  conflictId: number,
  result: { state: ProcedureState; event: ProcedureEvent },
  user: UserRow | null,
  action: string,
  now: Date,
) {
  const next = result.state;
  await caseSave(tx, conflictId, next.step, next, next.deadline === null ? null : new Date(next.deadline));
  const actor = user && { id: user.id, email: user.email, role: user.role, afnemerOin: user.afnemerOin };
  await eventAppend(tx, { conflictId, actor, action, from: result.event.from, to: result.event.to, payload: result.event.payload }, now);
}

/**
 * Makes the system's due transition of a locked case (an overdue step 5 becomes step 6) and tells the
 * klantraad-managers and Logius; returns the state after it.
 */
async function caseDue(tx: Tx, conflictId: number, state: ProcedureState, now: Date, settings: ProcedureSettings): Promise<ProcedureState> {
  if (state.step !== 'escalated' || state.deadline > now.getTime()) return state;
  const result = procedureApply(state, { type: 'deadline-passed' }, { actor: SYSTEM, now: now.getTime(), windows: [], deadlines: settings.deadlines });
  if (!result.ok) return state;
  await caseStore(tx, conflictId, result, null, 'deadline-passed', now);
  const notice = procedureOverdueNotice(state, now.getTime(), conflictId);
  if (notice) {
    const users = [...(await usersByRole(tx, ['klantraad-manager'], notice.klantraadOf)), ...(await usersByRole(tx, notice.logius, null))];
    await notifyNamed(tx, users, { conflictId, title: notice.title, body: notice.body }, now);
  }
  return result.state;
}

/**
 * Applies a user's action to a locked case file and records the event; first the system's due transition (an
 * overdue step 5 moves to step 6). Asks whoever must act next: Afnemers without an account by e-mail at their
 * Bijlage-1 contacts. The caller carries out `carryOut` and then calls caseAfterCarryOut.
 * `windowsFor` gives the conflict's windows for the locked, due state, so the caller can leave out the proposals
 * (suggestions, the costly part) when the action drafts no advice in that state.
 */
export async function caseAct(
  tx: Tx,
  conflictId: number,
  action: ProcedureAction,
  user: UserRow,
  windowsFor: (state: ProcedureState) => Promise<ProcedureWindow[]>,
  now: Date,
  settings: ProcedureSettings,
): Promise<ActionOutcome> {
  const row = await caseLoad(tx, conflictId, true);
  if (!row) return { ok: false, status: 409, message: 'Dit conflict heeft geen dossier.' };
  const state = await caseDue(tx, conflictId, row.state, now, settings);
  const windows = await windowsFor(state);
  const actor = { email: user.email, role: user.role, afnemer: user.afnemerOin };
  const result = procedureApply(state, action, { actor, now: now.getTime(), windows, deadlines: settings.deadlines });
  if (!result.ok) return { ok: false, status: STATUS[result.kind], message: result.message };
  const next = result.state;
  await caseStore(tx, conflictId, result, user, action.type, now);

  const label = PROCEDURE_STEP_LABELS[next.step];
  const tell = async (users: { id: number; email: string }[], title: string, body: string) =>
    notifyNamed(
      tx,
      users.filter((u) => u.id !== user.id),
      { conflictId, title, body },
      now,
    );
  const logius = () => usersByRole(tx, ['capacity-manager', 'service-manager'], null);
  let carryOut: Extract<ActionOutcome, { ok: true }>['carryOut'] = null;
  let awaiting: Extract<ActionOutcome, { ok: true }>['awaiting'] = null;
  switch (action.type) {
    case 'contact-logius':
      await tell(await usersByRole(tx, ['capacity-manager'], null), 'Planner neemt contact op over een conflict', `${user.email}: ${action.message}`);
      break;
    case 'open-assessment':
      await reachAfnemers(
        tx,
        conflictId,
        next.afnemers,
        'assessment',
        {
          title: `Gezamenlijke afweging geopend: conflict ${conflictId}`,
          body: `Logius vraagt uw afweging van urgentie en impact (${label}).`,
          contactBody:
            `Logius vraagt uw afweging van urgentie en impact van het aanpassen van uw planning bij capaciteitsconflict ${conflictId}, ` +
            `op vier aspecten: administratief, financieel, juridisch en imago. Antwoord de capaciteitsmanager van Logius per e-mail; ` +
            `die legt uw afweging namens u vast. Zonder reactie uiterlijk ${deadlineLongDutch(next.deadline!)} geldt "geen reactie".`,
        },
        user.id,
        next.step,
        now,
      );
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
      if (next.step === 'escalated') {
        await reachAfnemers(
          tx,
          conflictId,
          next.afnemers,
          'advice',
          {
            title: `Advies ter besluit: conflict ${conflictId}`,
            body: `${next.advice.text}\n\nReden van de escalatie: ${action.reason}\nAanvaard of wijs het advies af, uiterlijk ${deadlineLongDutch(next.deadline)}.`,
            contactBody:
              `De planners escaleren capaciteitsconflict ${conflictId} op één advies naar de managers in de Klantraad Interactie.\n\n` +
              `${next.advice.text}\n\nReden van de escalatie: ${action.reason}\n\nLaat de capaciteitsmanager van Logius per e-mail weten ` +
              `of uw organisatie het advies aanvaardt of (met reden) afwijst, uiterlijk ${deadlineLongDutch(next.deadline)}; daarna voert Logius de regie.`,
          },
          user.id,
          next.step,
          now,
        );
        await tell(await logius(), 'Conflict geëscaleerd naar de Klantraad', `${next.advice.text}\n\nReden: ${action.reason}`);
      }
      break;
    case 'accept-advice':
    case 'reject-advice': {
      const payload = result.event.payload;
      if (payload.type !== 'accept-advice' && payload.type !== 'reject-advice') break;
      if (payload.carryOut) carryOut = { moves: [...payload.carryOut], source: 'besluit Klantraad' };
      else if (payload.type === 'accept-advice' && next.step === 'escalated') {
        awaiting = { moves: [...(next.advice.moves ?? [])], missing: answersMissing(next).length };
      }
      if (next.step === 'logius-decides') {
        await tell(await logius(), 'Advies afgewezen: Logius voert de regie', `${payload.answer.afnemer}: ${payload.answer.reason ?? ''}`);
      }
      break;
    }
    case 'escalate-level':
      await tell(await logius(), `Opgeschaald: ${label}`, action.reason);
      await tell(await usersByRole(tx, ['klantraad-manager'], [...next.afnemers]), `Opgeschaald: ${label}`, action.reason);
      break;
    case 'decide': {
      const payload = result.event.payload;
      if (payload.type === 'decide' && payload.decision.moves.length > 0) carryOut = { moves: [...payload.decision.moves], source: 'besluit Logius' };
      await tell(
        [...(await planners(tx, next.afnemers)), ...(await usersByRole(tx, ['klantraad-manager'], [...next.afnemers]))],
        'Logius heeft besloten',
        action.text,
      );
      break;
    }
    default:
      break;
  }
  return { ok: true, state: next, event: result.event, carryOut, awaiting };
}

/**
 * Records in the case file what carrying out did, once the recompute ran: the conflict solved, or not. An accepted
 * advice that leaves the conflict moves it to step 6 (advice-fell-short); a decision that leaves it keeps step 6
 * with the new deadline. Returns the message for the response.
 */
export async function caseAfterCarryOut(
  tx: Tx,
  conflictId: number,
  carried: { source: 'besluit Klantraad' | 'besluit Logius'; windows: number; solved: boolean },
  user: UserRow,
  now: Date,
  settings: ProcedureSettings,
): Promise<string> {
  const row = await caseLoad(tx, conflictId, true);
  const state = row?.state;
  await eventAppend(
    tx,
    {
      conflictId,
      actor: { id: user.id, email: user.email, role: user.role, afnemerOin: user.afnemerOin },
      action: 'carried-out',
      from: state?.step ?? null,
      to: state?.step ?? 'resolved',
      payload: { source: carried.source, windows: carried.windows, conflictRemains: !carried.solved },
    },
    now,
  );
  const what = carried.source === 'besluit Klantraad' ? 'Het aanvaarde advies is uitgevoerd' : 'Het besluit is uitgevoerd';
  if (carried.solved || !state)
    return `${what}: ${carried.windows === 1 ? 'één venster' : `${carried.windows} vensters`} verplaatst; het conflict is opgelost.`;
  if (state.step === 'escalated') {
    const result = procedureApply(state, { type: 'advice-fell-short' }, { actor: SYSTEM, now: now.getTime(), windows: [], deadlines: settings.deadlines });
    if (result.ok) {
      await caseStore(tx, conflictId, result, null, 'advice-fell-short', now);
      await notifyNamed(
        tx,
        await usersByRole(tx, ['capacity-manager', 'service-manager'], null),
        {
          conflictId,
          title: `Advies uitgevoerd, conflict ${conflictId} blijft: Logius voert de regie`,
          body: `${what}, maar de overbelasting is niet weg. Schaal op of leg een besluit vast, uiterlijk ${deadlineLongDutch(result.state.deadline!)}.`,
        },
        now,
      );
      return `${what}: ${carried.windows === 1 ? 'één venster' : `${carried.windows} vensters`} verplaatst, maar het conflict blijft bestaan. Logius voert nu de regie (stap 6), uiterlijk ${deadlineLongDutch(result.state.deadline!)}.`;
    }
  }
  const deadline = state.deadline === null ? '' : `; de nieuwe termijn loopt tot ${deadlineLongDutch(state.deadline)}`;
  return `${what}: ${carried.windows === 1 ? 'één venster' : `${carried.windows} vensters`} verplaatst, maar het conflict blijft bestaan. Het blijft in stap 6${deadline}.`;
}

/** Gives open conflicts without a case file one at step 1; returns how many. */
export async function casesBackfill(tx: Tx, now: Date, settings: ProcedureSettings): Promise<number> {
  const missing = await conflictsOpenWithoutCase(tx);
  await casesOpen(
    tx,
    missing.map((c) => ({ id: c.id, start: c.startAt.getTime(), afnemers: c.afnemers })),
    now,
    settings,
  );
  return missing.length;
}

/**
 * Tells whoever must act now that a step of a conflict ran past its deadline, once per deadline (in the app and
 * by e-mail), and returns the conflicts told about; an overdue step 5 is moved to step 6 (Logius leads). Safe to run on every server instance at once: a case being
 * handled by one is skipped by the others.
 */
export async function casesOverdueNotify(tx: Tx, now: Date, settings: ProcedureSettings = {}): Promise<number[]> {
  const told: number[] = [];
  for (const row of await casesOverdueUnnoticed(tx, now)) {
    const state = row.state;
    if (state.step === 'escalated') {
      // The klantraad-managers' time ran out: Logius leads now (step 6, with its own deadline, noticed in turn).
      await caseDue(tx, row.conflictId, state, now, settings);
      told.push(row.conflictId);
      continue;
    }
    const notice = procedureOverdueNotice(state, now.getTime(), row.conflictId);
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
