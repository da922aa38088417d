import {
  casesByConflicts,
  conflictsOpenWithWindows,
  eventAppend,
  levellingAnswersInsert,
  levellingProposalAccept,
  levellingProposalLock,
  levellingAnswersOf,
  notify,
  sendWindowsByIds,
  usersOfAfnemers,
  type Queryable,
  type Sql,
  type Tx,
  type UserRow,
} from '@cd/db';
import type { LevellingProposalJson, PlanChangePreview, PlanningHorizon } from '@cd/shared';
import { accessScope } from '@cd/shared/access';
import { horizonFields, horizonRequire } from '../lib/horizon.js';
import { ProblemError } from '../lib/problem.js';
import { moveStale } from '../views/levelling.js';
import type { PlanningCache } from './planning-cache.js';
import type { ProcedureSettings } from './procedure.js';
import { windowsChange, windowsChangePreview, type WindowChange, type WindowsChangeResult } from './window-moves.js';

type Move = LevellingProposalJson['moves'][number];

const dutchCount = (n: number) => (n === 1 ? 'één verschuiving' : `${n} verschuivingen`);

/**
 * The capacity manager accepts a proposal, in the caller's transaction: nothing moves, but each affected Afnemer's
 * planners are told of their moves (in the app and by e-mail), and the case file of every open conflict a move's
 * window is in records the offer. 404 for an unknown proposal; 409 when it was accepted before (also by a
 * concurrent acceptance, which waits for the proposal's lock) or offers no moves.
 */
export async function levellingAccept(tx: Tx, id: number, user: UserRow, now: Date): Promise<void> {
  const p = await levellingProposalLock(tx, id);
  if (!p) throw new ProblemError(404, 'Dit voorstel bestaat niet.');
  if (p.acceptedAt) throw new ProblemError(409, 'Dit voorstel is al aanvaard; de planners hebben hun verschuivingen al gekregen.');
  const moves = p.moves as Move[];
  if (moves.length === 0) throw new ProblemError(409, 'Dit voorstel heeft geen verschuivingen; er is niets aan te bieden.');
  await levellingProposalAccept(tx, id, user.id, now);

  const afnemers = [...new Set(moves.map((m) => m.afnemer))].sort();
  const planners = await usersOfAfnemers(tx, 'planner', afnemers);
  for (const oin of afnemers) {
    const own = moves.filter((m) => m.afnemer === oin);
    const kenmerken = own.map((m) => m.kenmerk).join(', ');
    await notify(
      tx,
      planners.filter((u) => u.afnemerOin === oin),
      {
        conflictId: null,
        title: `Voorgestelde verschuivingen: ${dutchCount(own.length)} voor uw verzendmomenten`,
        body:
          `De capaciteitsmanager (${user.email}) stelt een genivelleerd plan voor dat de overbelasting wegneemt. ` +
          `Voor uw verzendmomenten: ${dutchCount(own.length)} (${kenmerken}). Er is nog niets verschoven: bekijk het effect ` +
          'onder "Voorgestelde verschuivingen" en accepteer of wijs elke verschuiving af.',
        subject: { kind: 'levelling', ref: String(id) },
      },
      now,
    );
  }

  // The case file of each open conflict a moved window is in shows the offer, by Afnemer, time and volume only.
  const conflicts = await conflictsOpenWithWindows(
    tx,
    moves.map((m) => m.windowId),
  );
  const cases = await casesByConflicts(
    tx,
    conflicts.map((c) => c.id),
  );
  const actor = { id: user.id, email: user.email, role: user.role, afnemerOin: user.afnemerOin };
  const windowsOf = new Map(conflicts.map((c) => [c.id, c]));
  const inConflict = await conflictWindowIds(
    tx,
    conflicts.map((c) => c.id),
  );
  for (const k of cases.sort((a, b) => a.conflictId - b.conflictId)) {
    if (!windowsOf.has(k.conflictId)) continue;
    const ids = inConflict.get(k.conflictId) ?? new Set<number>();
    const offered = moves.filter((m) => ids.has(m.windowId)).map((m) => ({ afnemer: m.afnemer, from: m.from, to: m.to, volume: m.volume }));
    await eventAppend(
      tx,
      { conflictId: k.conflictId, actor, action: 'levelling-offer', from: k.step, to: k.step, payload: { proposalId: id, moves: offered } },
      now,
    );
  }
}

async function conflictWindowIds(sql: Queryable, ids: number[]): Promise<Map<number, Set<number>>> {
  const rows = await sql<{ id: number; windowIds: number[] }[]>`select id::int, window_ids::int[] from conflicts where id = any(${ids}::bigint[])`;
  return new Map(rows.map((r) => [r.id, new Set(r.windowIds)]));
}

/**
 * The moves of `windowIds` in the proposal, checked for this planner: 404 for an unknown or not yet accepted
 * proposal or a window without a move in it, 403 for another Afnemer's move, 409 for a move answered before or
 * whose window changed since the proposal (a stale move is never carried out). Nothing is stored.
 */
async function movesChosen(
  sql: Queryable,
  p: { id: number; acceptedAt: Date | null; moves: unknown[] } | null,
  windowIds: number[],
  user: UserRow,
  opts: { staleAllowed?: boolean } = {},
): Promise<{ moves: Move[]; changes: WindowChange[] }> {
  if (!p) throw new ProblemError(404, 'Dit voorstel bestaat niet.');
  if (!p.acceptedAt) throw new ProblemError(404, 'Dit voorstel is nog niet aanvaard; er zijn geen verschuivingen aangeboden.');
  const all = p.moves as Move[];
  const ids = [...new Set(windowIds)];
  const moves = ids.map((id) => {
    const m = all.find((x) => x.windowId === id);
    if (!m) throw new ProblemError(404, `Verzendmoment ${id} heeft geen verschuiving in dit voorstel.`);
    return m;
  });
  const own = accessScope(user, 'levelling.answer-move');
  const foreign = moves.find((m) => own !== null && m.afnemer !== own);
  if (foreign) throw new ProblemError(403, `De verschuiving van ${foreign.kenmerk} hoort bij een andere Afnemer.`);
  // An acceptance that was undone since leaves the move open again.
  const answered = (await levellingAnswersOf(sql, [p.id])).filter((a) => ids.includes(a.windowId) && !a.undone);
  if (answered.length > 0) {
    const a = answered[0]!;
    const kenmerk = moves.find((m) => m.windowId === a.windowId)!.kenmerk;
    throw new ProblemError(409, `De verschuiving van ${kenmerk} is al ${a.answer} door ${a.userEmail}; er is niets gewijzigd.`);
  }
  const windows = new Map((await sendWindowsByIds(sql, ids)).map((w) => [w.id, w]));
  const stale = moves.filter((m) => moveStale(m, windows.get(m.windowId)));
  if (stale.length > 0 && !opts.staleAllowed) {
    throw new ProblemError(
      409,
      `Verzendmoment ${stale.map((m) => m.kenmerk).join(', ')} is sinds het voorstel gewijzigd; de verschuiving past niet meer en is niet uitgevoerd. Vraag de capaciteitsmanager om een nieuw voorstel.`,
    );
  }
  const changes = moves.map((m) => ({ windowId: m.windowId, start: new Date(m.to.start), end: new Date(m.to.end) }));
  return { moves, changes };
}

function horizonCheck(horizon: PlanningHorizon, changes: WindowChange[]) {
  horizonRequire(
    horizon,
    changes.flatMap((c) => horizonFields(c)),
  );
}

/** The effect of accepting these moves (the same dry run as any move), without storing anything. */
export async function levellingMovesPreview(
  sql: Sql,
  planning: PlanningCache,
  proposal: { id: number; acceptedAt: Date | null; moves: unknown[] } | null,
  windowIds: number[],
  opts: { user: UserRow; now: Date; horizon: PlanningHorizon },
): Promise<PlanChangePreview> {
  const { changes } = await movesChosen(sql, proposal, windowIds, opts.user);
  horizonCheck(opts.horizon, changes);
  return windowsChangePreview(sql, planning, changes, opts.user, opts.now);
}

/**
 * A planner accepts these moves, in the caller's transaction: one plan change of source 'nivellering' (trail,
 * recompute, 15 minutes' undo as any move) and an answer per move. The proposal's lock makes concurrent answers
 * to one proposal wait their turn, and the Afnemer's delivery lock is held from the stale check to the move, so
 * a window edited meanwhile is never moved from where it no longer stands.
 */
export async function levellingMovesAccept(
  tx: Tx,
  id: number,
  windowIds: number[],
  opts: { user: UserRow; now: Date; horizon: PlanningHorizon; procedure?: ProcedureSettings },
): Promise<WindowsChangeResult> {
  const p = await levellingProposalLock(tx, id);
  const oins = [...new Set((p?.moves as Move[] | undefined)?.filter((m) => windowIds.includes(m.windowId)).map((m) => m.afnemer) ?? [])].sort();
  for (const oin of oins) await tx`select pg_advisory_xact_lock(hashtext('deliveries'), hashtext(${oin}))`;
  const { moves, changes } = await movesChosen(tx, p, windowIds, opts.user);
  horizonCheck(opts.horizon, changes);
  const done = await windowsChange(tx, changes, { source: 'nivellering', user: opts.user, now: opts.now, procedure: opts.procedure });
  const fresh = await levellingAnswersInsert(tx, {
    proposalId: id,
    moves: moves.map((m) => ({ windowId: m.windowId, afnemer: m.afnemer })),
    answer: 'geaccepteerd',
    userId: opts.user.id,
    at: opts.now,
    planChangeId: done.planChangeId,
  });
  if (fresh.length !== moves.length) throw new ProblemError(409, 'Deze verschuiving is intussen al beantwoord; er is niets gewijzigd.');
  return done;
}

/** A planner declines these moves, in the caller's transaction: an answer per move, nothing moves. */
export async function levellingMovesDecline(tx: Tx, id: number, windowIds: number[], user: UserRow, now: Date): Promise<void> {
  const p = await levellingProposalLock(tx, id);
  // A move whose window changed since may still be declined.
  const { moves } = await movesChosen(tx, p, windowIds, user, { staleAllowed: true });
  const fresh = await levellingAnswersInsert(tx, {
    proposalId: id,
    moves: moves.map((m) => ({ windowId: m.windowId, afnemer: m.afnemer })),
    answer: 'afgewezen',
    userId: user.id,
    at: now,
    planChangeId: null,
  });
  if (fresh.length !== moves.length) throw new ProblemError(409, 'Deze verschuiving is intussen al beantwoord; er is niets gewijzigd.');
}
