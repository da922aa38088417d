/**
 * The advice of step 3: who moves, from the Afnemers' assessments, and to when. Texts name windows by kenmerk with
 * their current and proposed times, and Afnemers by OIN (the shell shows names: afnemerNamesIn).
 */

import type { Advice, AssessmentLevel, Assessment, ProcedureWindow, WindowMove } from './types.js';
import { ASSESSMENT_ASPECTS } from './types.js';
import { dutchList } from './dutch-text.js';
import { spanDutch } from '../time/dutch-text.js';

const LEVEL_SCORES: Readonly<Record<AssessmentLevel, number>> = { laag: 1, middel: 2, hoog: 3 };

/** The combined urgency of an Afnemer that did not respond by the step-3 deadline: below every real score (4). */
export const NO_RESPONSE_SCORE = 0;

/**
 * Returns an Afnemer's combined urgency: the sum over the four aspects of urgency score × impact score
 * (laag 1, middel 2, hoog 3), so between 4 and 36.
 * Edge: everything 'laag' gives 4; urgency 'hoog' with impact 'laag' scores 3, the same as the reverse.
 */
export function assessmentScore(assessment: Pick<Assessment, 'aspects'>): number {
  return ASSESSMENT_ASPECTS.reduce((sum, aspect) => {
    const { urgency, impact } = assessment.aspects[aspect];
    return sum + LEVEL_SCORES[urgency] * LEVEL_SCORES[impact];
  }, 0);
}

interface Candidate {
  readonly afnemer: string;
  readonly score: number;
  readonly silent: boolean;
  readonly latestDelivery: number;
}

/**
 * Returns the draft advice: the Afnemer with the lowest combined urgency moves all its windows in the
 * conflict, each to its proposed moment; on a tie the one that delivered last (latest `deliveredAt` of its
 * windows) moves, and on a further tie the lowest OIN; null when there are no assessments and nobody in `noResponse`.
 * Afnemers in `noResponse` (no assessment by the deadline) weigh in with NO_RESPONSE_SCORE, so they move first.
 * Edge: an assessed Afnemer without windows counts as delivered never (earliest), and is then advised
 * to move no windows; windows of Afnemers without an assessment are ignored; a window without a proposal is
 * named in the text as having no free moment and gets no move.
 */
export function adviceDraft(
  assessments: Readonly<Record<string, Pick<Assessment, 'aspects'>>>,
  windows: readonly ProcedureWindow[],
  noResponse: readonly string[] = [],
): Advice | null {
  const latest = (afnemer: string) => windows.filter((w) => w.afnemer === afnemer).reduce((max, w) => Math.max(max, w.deliveredAt), Number.NEGATIVE_INFINITY);
  const candidates: Candidate[] = [
    ...Object.entries(assessments).map(([afnemer, assessment]) => ({
      afnemer,
      score: assessmentScore(assessment),
      silent: false,
      latestDelivery: latest(afnemer),
    })),
    ...noResponse
      .filter((afnemer) => !(afnemer in assessments))
      .map((afnemer) => ({ afnemer, score: NO_RESPONSE_SCORE, silent: true, latestDelivery: latest(afnemer) })),
  ];
  if (candidates.length === 0) return null;

  candidates.sort(
    (a, b) =>
      a.score - b.score ||
      (b.latestDelivery > a.latestDelivery ? 1 : b.latestDelivery < a.latestDelivery ? -1 : 0) ||
      (a.afnemer < b.afnemer ? -1 : a.afnemer > b.afnemer ? 1 : 0),
  );
  const [mover, ...others] = candidates as [Candidate, ...Candidate[]];
  const moving = windows.filter((w) => w.afnemer === mover.afnemer).sort((a, b) => a.id - b.id);
  const moves = adviceProposedMoves(moving);

  return {
    moveWindowIds: moving.map((w) => w.id),
    moveAfnemers: [mover.afnemer],
    text: `Advies: ${adviceMovesText(mover.afnemer, moving, moves)} ${rationale(mover, others)}`,
    drafted: true,
    moves,
    noResponse: candidates
      .filter((c) => c.silent)
      .map((c) => c.afnemer)
      .sort(),
  };
}

/** The proposed moves of these windows: each to its proposal, leaving out windows without one. */
export function adviceProposedMoves(windows: readonly ProcedureWindow[]): WindowMove[] {
  return windows.flatMap((w) => (w.proposal ? [{ windowId: w.id, start: w.proposal.start, end: w.proposal.end }] : []));
}

/**
 * Returns '<afnemer> verplaatst <kenmerk> (<now>) naar <then>, ...' for one Afnemer's windows.
 * Edge: no windows gives 'verplaatst geen vensters (er staan er geen in dit conflict)'; a window without a move
 * is named with 'geen vrij moment gevonden'.
 */
export function adviceMovesText(afnemer: string, windows: readonly ProcedureWindow[], moves: readonly WindowMove[]): string {
  if (windows.length === 0) return `${afnemer} verplaatst geen vensters (er staan er geen in dit conflict)`;
  const parts = windows.map((w) => {
    const move = moves.find((m) => m.windowId === w.id);
    const now = spanDutch(w.start, w.end);
    return move ? `${w.kenmerk} (${now}) naar ${spanDutch(move.start, move.end)}` : `${w.kenmerk} (${now}; geen vrij moment gevonden)`;
  });
  return `${afnemer} verplaatst ${dutchList(parts)}`;
}

function scoreText(c: Candidate): string {
  return c.silent ? 'geen (geen reactie)' : String(c.score);
}

function rationale(mover: Candidate, others: readonly Candidate[]): string {
  const against = others.length === 0 ? '' : ` tegen ${dutchList(others.map((o) => `${scoreText(o)} van ${o.afnemer}`))}`;
  const tied = others.filter((o) => o.score === mover.score);
  let tieNote = '';
  if (tied.length > 0) {
    tieNote = tied.some((o) => o.latestDelivery === mover.latestDelivery)
      ? ' Bij gelijke urgentie en gelijke aanlevering verplaatst de Afnemer met het laagste OIN.'
      : ' Bij gelijke urgentie verplaatst de Afnemer die het laatst aanleverde.';
  }
  return `(gecombineerde urgentie ${scoreText(mover)}${against}).${tieNote}`;
}

/**
 * Returns the advice with Logius' edits at confirmation: other windows (each to its proposal) or explicit moves
 * (which win), and/or its own text; the moving Afnemers follow the windows.
 * Edge: `drafted` stays true only when neither the text nor the moves differ from the draft; with other windows and
 * no text of its own, the text is written anew ('Advies (aangepast door Logius): ...').
 */
export function adviceEdit(
  draft: Advice,
  edit: { readonly text?: string | undefined; readonly moveWindowIds?: readonly number[] | undefined; readonly moves?: readonly WindowMove[] | undefined },
  windows: readonly ProcedureWindow[],
): Advice {
  const ids = edit.moves
    ? [...new Set(edit.moves.map((m) => m.windowId))].sort((a, b) => a - b)
    : edit.moveWindowIds
      ? [...new Set(edit.moveWindowIds)].sort((a, b) => a - b)
      : [...draft.moveWindowIds];
  const chosen = windows.filter((w) => ids.includes(w.id)).sort((a, b) => a.id - b.id);
  const moves = edit.moves ? [...edit.moves].sort((a, b) => a.windowId - b.windowId) : adviceProposedMoves(chosen);
  const draftMoves = draft.moves ?? [];
  const sameMoves =
    ids.length === draft.moveWindowIds.length &&
    ids.every((id) => draft.moveWindowIds.includes(id)) &&
    moves.length === draftMoves.length &&
    moves.every((m) => draftMoves.some((d) => d.windowId === m.windowId && d.start === m.start && d.end === m.end));
  const moveAfnemers = sameMoves ? [...draft.moveAfnemers] : [...new Set(chosen.map((w) => w.afnemer))].sort();
  const text =
    edit.text ??
    (sameMoves
      ? draft.text
      : `Advies (aangepast door Logius): ${moveAfnemers
          .map((afnemer) =>
            adviceMovesText(
              afnemer,
              chosen.filter((w) => w.afnemer === afnemer),
              moves,
            ),
          )
          .join('; ')}.`);
  return {
    moveWindowIds: ids,
    moveAfnemers,
    text,
    drafted: draft.drafted && sameMoves && text === draft.text,
    moves,
    noResponse: [...(draft.noResponse ?? [])],
  };
}
