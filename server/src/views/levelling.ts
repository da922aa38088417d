import type { LevellingProposalRow } from '@cd/db';
import type { LevellingProposalJson } from '@cd/shared';

/** A stored levelling proposal as the API shows it. */
export function proposalJson(p: LevellingProposalRow): LevellingProposalJson {
  return {
    id: p.id,
    from: p.periodFrom.toISOString(),
    to: p.periodTo.toISOString(),
    createdBy: p.createdByEmail,
    createdAt: p.createdAt.toISOString(),
    moves: p.moves as LevellingProposalJson['moves'],
    remaining: p.remaining as LevellingProposalJson['remaining'],
    figures: p.figures as LevellingProposalJson['figures'],
    dryRun: p.dryRun as LevellingProposalJson['dryRun'],
  };
}
