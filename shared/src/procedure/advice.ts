/**
 * The draft advice of step 3: who moves, from the Afnemers' assessments.
 */

import type { Advice, AssessmentLevel, Assessment, ProcedureWindow } from './types.js';
import { ASSESSMENT_ASPECTS } from './types.js';
import { dutchList } from './dutch-text.js';

const LEVEL_SCORES: Readonly<Record<AssessmentLevel, number>> = { laag: 1, middel: 2, hoog: 3 };

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
  readonly latestDelivery: number;
}

/**
 * Returns the draft advice: the Afnemer with the lowest combined urgency moves all its windows in the
 * conflict; on a tie the one that delivered last (latest `deliveredAt` of its windows) moves, and on a
 * further tie the lowest OIN; null when there are no assessments.
 * Edge: an assessed Afnemer without windows counts as delivered never (earliest), and is then advised
 * to move no windows; windows of Afnemers without an assessment are ignored.
 */
export function adviceDraft(
  assessments: Readonly<Record<string, Pick<Assessment, 'aspects'>>>,
  windows: readonly ProcedureWindow[],
): Advice | null {
  const candidates: Candidate[] = Object.entries(assessments).map(([afnemer, assessment]) => ({
    afnemer,
    score: assessmentScore(assessment),
    latestDelivery: windows
      .filter((w) => w.afnemer === afnemer)
      .reduce((latest, w) => Math.max(latest, w.deliveredAt), Number.NEGATIVE_INFINITY),
  }));
  if (candidates.length === 0) return null;

  candidates.sort(
    (a, b) =>
      a.score - b.score ||
      (b.latestDelivery > a.latestDelivery ? 1 : b.latestDelivery < a.latestDelivery ? -1 : 0) ||
      (a.afnemer < b.afnemer ? -1 : a.afnemer > b.afnemer ? 1 : 0),
  );
  const [mover, ...others] = candidates as [Candidate, ...Candidate[]];
  const moveWindowIds = windows
    .filter((w) => w.afnemer === mover.afnemer)
    .map((w) => w.id)
    .sort((a, b) => a - b);

  return {
    moveWindowIds,
    moveAfnemers: [mover.afnemer],
    text: adviceText(mover, others, moveWindowIds),
    drafted: true,
  };
}

function adviceText(mover: Candidate, others: readonly Candidate[], moveWindowIds: readonly number[]): string {
  const what =
    moveWindowIds.length === 0
      ? 'verplaatst zijn vensters (er staan er geen in dit conflict)'
      : `verplaatst venster(s) ${moveWindowIds.join(', ')}`;
  const against =
    others.length === 0
      ? ''
      : ` tegen ${dutchList(others.map((o) => `${o.score} van Afnemer ${o.afnemer}`))}`;
  const tied = others.filter((o) => o.score === mover.score);
  let tieNote = '';
  if (tied.length > 0) {
    tieNote = tied.some((o) => o.latestDelivery === mover.latestDelivery)
      ? ' Bij gelijke urgentie en gelijke aanlevering verplaatst de Afnemer met het laagste OIN.'
      : ' Bij gelijke urgentie verplaatst de Afnemer die het laatst aanleverde.';
  }
  return `Advies: Afnemer ${mover.afnemer} ${what} (gecombineerde urgentie ${mover.score}${against}).${tieNote}`;
}
