import type { LevellingAnswerRow, LevellingProposalRow, SendWindowRow } from '@cd/db';
import type { LevellingAnswerJson, LevellingOffer, LevellingProposalJson, LevellingProposalList } from '@cd/shared';

type Move = LevellingProposalJson['moves'][number];

/** One planner's answer to a move as the API shows it. */
export function answerJson(a: LevellingAnswerRow): LevellingAnswerJson {
  return {
    windowId: a.windowId,
    afnemer: a.afnemerOin,
    answer: a.answer,
    by: a.userEmail,
    at: a.answeredAt.toISOString(),
    planChangeId: a.planChangeId,
    undone: a.undone,
  };
}

/** A stored levelling proposal as the API shows it, with who accepted it and who answered which move. */
export function proposalJson(p: LevellingProposalRow, answers: LevellingAnswerRow[] = []): LevellingProposalJson {
  return {
    id: p.id,
    from: p.periodFrom.toISOString(),
    to: p.periodTo.toISOString(),
    createdBy: p.createdByEmail,
    createdAt: p.createdAt.toISOString(),
    moves: p.moves as Move[],
    remaining: p.remaining as LevellingProposalJson['remaining'],
    figures: p.figures as LevellingProposalJson['figures'],
    dryRun: p.dryRun as LevellingProposalJson['dryRun'],
    acceptedBy: p.acceptedByEmail,
    acceptedAt: p.acceptedAt?.toISOString() ?? null,
    answers: answers.filter((a) => a.proposalId === p.id).map(answerJson),
  };
}

/**
 * An accepted proposal as offered to one Afnemer (every Afnemer: null): its moves with their answers, where each
 * window stands now and whether it changed since the proposal (then the move can no longer be carried out).
 */
export function offerJson(p: LevellingProposalRow, afnemer: string | null, answers: LevellingAnswerRow[], windows: Map<number, SendWindowRow>): LevellingOffer {
  const mine = (p.moves as Move[]).filter((m) => afnemer === null || m.afnemer === afnemer);
  return {
    proposalId: p.id,
    from: p.periodFrom.toISOString(),
    to: p.periodTo.toISOString(),
    acceptedBy: p.acceptedByEmail ?? '',
    acceptedAt: (p.acceptedAt ?? p.createdAt).toISOString(),
    moves: mine.map((m) => {
      const answer = answers.find((a) => a.proposalId === p.id && a.windowId === m.windowId);
      const w = windows.get(m.windowId);
      const current = w ? { start: w.startAt.toISOString(), end: w.endAt.toISOString() } : m.from;
      return { ...m, answer: answer ? answerJson(answer) : null, current, stale: moveStale(m, w) };
    }),
  };
}

/** True when the window no longer stands where the proposal found it (or is gone or cancelled). */
export function moveStale(m: Move, w: SendWindowRow | undefined): boolean {
  return !w || w.status === 'geannuleerd' || w.startAt.getTime() !== Date.parse(m.from.start) || w.endAt.getTime() !== Date.parse(m.from.end);
}

/** A proposal in the capacity manager's list: its period, its moves and how many were answered. */
export function proposalSummaryJson(p: LevellingProposalRow, answers: LevellingAnswerRow[]): LevellingProposalList['items'][number] {
  const own = answers.filter((a) => a.proposalId === p.id);
  return {
    id: p.id,
    from: p.periodFrom.toISOString(),
    to: p.periodTo.toISOString(),
    createdBy: p.createdByEmail,
    createdAt: p.createdAt.toISOString(),
    moves: p.moves.length,
    acceptedAt: p.acceptedAt?.toISOString() ?? null,
    accepted: own.filter((a) => a.answer === 'geaccepteerd' && !a.undone).length,
    declined: own.filter((a) => a.answer === 'afgewezen').length,
  };
}
