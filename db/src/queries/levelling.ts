import type { Queryable, Tx } from '../client.js';

export interface LevellingProposalRow {
  id: number;
  periodFrom: Date;
  periodTo: Date;
  createdByEmail: string;
  createdAt: Date;
  moves: unknown[];
  remaining: unknown[];
  figures: Record<string, unknown>;
  dryRun: Record<string, unknown>;
  acceptedByEmail: string | null;
  acceptedAt: Date | null;
}

export interface LevellingProposalNew {
  periodFrom: Date;
  periodTo: Date;
  userId: number;
  moves: unknown[];
  remaining: unknown[];
  figures: Record<string, unknown>;
  dryRun: Record<string, unknown>;
}

/** Stores a levelling proposal; returns its id. */
export async function levellingProposalInsert(tx: Queryable, p: LevellingProposalNew, at: Date): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into levelling_proposals (period_from, period_to, created_by, created_at, moves, remaining, figures, dry_run)
    values (${p.periodFrom}, ${p.periodTo}, ${p.userId}, ${at}, ${tx.json(p.moves as never)}, ${tx.json(p.remaining as never)},
      ${tx.json(p.figures as never)}, ${tx.json(p.dryRun as never)})
    returning id::int`;
  return row!.id;
}

/** One stored levelling proposal, or null. */
export async function levellingProposalById(sql: Queryable, id: number): Promise<LevellingProposalRow | null> {
  const [row] = await sql<LevellingProposalRow[]>`
    select ${proposalColumns(sql)}
    from levelling_proposals p join users u on u.id = p.created_by left join users a on a.id = p.accepted_by
    where p.id = ${id}`;
  return row ?? null;
}

const proposalColumns = (sql: Queryable) =>
  sql`p.id::int, p.period_from, p.period_to, u.email as created_by_email, p.created_at, p.moves, p.remaining, p.figures, p.dry_run,
    a.email as accepted_by_email, p.accepted_at`;

/** The proposal locked for this transaction (a second acceptance, or a planner's answer, waits here), or null. */
export async function levellingProposalLock(tx: Tx, id: number): Promise<{ id: number; acceptedAt: Date | null; moves: unknown[] } | null> {
  const [row] = await tx<{ id: number; acceptedAt: Date | null; moves: unknown[] }[]>`
    select id::int, accepted_at, moves from levelling_proposals where id = ${id} for update`;
  return row ?? null;
}

/** The newest proposals, newest first. */
export function levellingProposalsRecent(sql: Queryable, limit: number) {
  return sql<LevellingProposalRow[]>`
    select ${proposalColumns(sql)}
    from levelling_proposals p join users u on u.id = p.created_by left join users a on a.id = p.accepted_by
    order by p.created_at desc, p.id desc
    limit ${limit}`;
}

/** Whether the proposal was accepted, and its moves, without a lock (for a dry run), or null. */
export async function levellingProposalState(sql: Queryable, id: number): Promise<{ id: number; acceptedAt: Date | null; moves: unknown[] } | null> {
  const [row] = await sql<
    { id: number; acceptedAt: Date | null; moves: unknown[] }[]
  >`select id::int, accepted_at, moves from levelling_proposals where id = ${id}`;
  return row ?? null;
}

/** Marks the proposal accepted by `userId` at `at`; false when it already was. */
export async function levellingProposalAccept(tx: Tx, id: number, userId: number, at: Date): Promise<boolean> {
  const rows = await tx`update levelling_proposals set accepted_by = ${userId}, accepted_at = ${at} where id = ${id} and accepted_at is null returning id`;
  return rows.length > 0;
}

/** Accepted proposals that offer moves to `afnemer` (any Afnemer: null) and whose period has not ended at `now`, newest first. */
export function levellingProposalsOffered(sql: Queryable, afnemer: string | null, now: Date) {
  return sql<LevellingProposalRow[]>`
    select ${proposalColumns(sql)}
    from levelling_proposals p join users u on u.id = p.created_by left join users a on a.id = p.accepted_by
    where p.accepted_at is not null and p.period_to > ${now}
      and (${afnemer}::text is null or p.moves @> ${sql.json([{ afnemer }] as never)})
    order by p.accepted_at desc, p.id desc
    limit 20`;
}

export type LevellingAnswer = 'geaccepteerd' | 'afgewezen';

export interface LevellingAnswerRow {
  proposalId: number;
  windowId: number;
  afnemerOin: string;
  answer: LevellingAnswer;
  userEmail: string;
  answeredAt: Date;
  planChangeId: number | null;
  undone: boolean;
}

/** Every answer to the moves of these proposals, in the order they were given. */
export function levellingAnswersOf(sql: Queryable, proposalIds: number[]) {
  return sql<LevellingAnswerRow[]>`
    select m.proposal_id::int, m.window_id::int, m.afnemer_oin, m.answer, u.email as user_email, m.answered_at,
      m.plan_change_id::int, (pc.undone_at is not null) as undone
    from levelling_move_answers m join users u on u.id = m.user_id left join plan_changes pc on pc.id = m.plan_change_id
    where m.proposal_id = any(${proposalIds}::bigint[])
    order by m.answered_at, m.window_id`;
}

/**
 * Records the answers to these moves; returns the window ids that had no answer yet, or whose acceptance was undone
 * since (that answer is replaced). A move answered before, also by a concurrent transaction that committed first,
 * is left out: its primary key lets one answer commit.
 */
export async function levellingAnswersInsert(
  tx: Tx,
  a: { proposalId: number; moves: { windowId: number; afnemer: string }[]; answer: LevellingAnswer; userId: number; at: Date; planChangeId: number | null },
): Promise<number[]> {
  const fresh: number[] = [];
  for (const m of a.moves) {
    const rows = await tx`
      insert into levelling_move_answers (proposal_id, window_id, afnemer_oin, answer, user_id, answered_at, plan_change_id)
      values (${a.proposalId}, ${m.windowId}, ${m.afnemer}, ${a.answer}, ${a.userId}, ${a.at}, ${a.planChangeId})
      on conflict (proposal_id, window_id) do update set
        answer = excluded.answer, user_id = excluded.user_id, answered_at = excluded.answered_at, plan_change_id = excluded.plan_change_id
        where levelling_move_answers.plan_change_id in (select id from plan_changes where undone_at is not null)
      returning window_id`;
    if (rows.length > 0) fresh.push(m.windowId);
  }
  return fresh;
}
