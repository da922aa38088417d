import type { Queryable } from '../client.js';

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
    select p.id::int, p.period_from, p.period_to, u.email as created_by_email, p.created_at, p.moves, p.remaining, p.figures, p.dry_run
    from levelling_proposals p join users u on u.id = p.created_by
    where p.id = ${id}`;
  return row ?? null;
}
