import { noticeSend, type Tx } from '@cd/db';
import { instantFormatAmsterdamDutch } from '@cd/shared';

export interface PlannedSpan {
  source: 'onderhoud' | 'release';
  /** The release's name or the maintenance reason. */
  name: string;
  start: Date;
  end: Date;
  factor: number;
}

/**
 * Tells every subscriber to maintenance notices that maintenance or a release was planned, moved or cancelled
 * (section 2.2 and 5.2: Logius informs the Afnemers of maintenance with impact), whether or not a window conflicts
 * with it. An undo is told the same way: what the window is now.
 */
export async function noticeOfPlannedSpan(
  tx: Tx,
  s: PlannedSpan,
  verb: 'gepland' | 'verplaatst' | 'geschrapt',
  before: { start: Date; end: Date } | null,
  at: Date,
) {
  const what = s.source === 'release' ? `Release "${s.name}"` : `Onderhoud "${s.name}"`;
  const when = `van ${instantFormatAmsterdamDutch(s.start)} tot ${instantFormatAmsterdamDutch(s.end)}`;
  const was = before ? ` (was ${instantFormatAmsterdamDutch(before.start)} tot ${instantFormatAmsterdamDutch(before.end)})` : '';
  await noticeSend(
    tx,
    {
      kind: 'onderhoud',
      source: s.source,
      title: `${what} ${verb}: ${instantFormatAmsterdamDutch(s.start)}`,
      body:
        verb === 'geschrapt'
          ? `${what} ${when} is geschrapt: in die tijd is de volledige capaciteit van de Berichtenbox weer beschikbaar.`
          : `${what} is ${verb}: ${when}${was}. In die tijd is ${Math.round(s.factor * 100)}% van de capaciteit van de Berichtenbox beschikbaar.`,
      userId: null,
      withheldReason: null,
    },
    at,
  );
}

/** A stored maintenance window's snapshot as the span a notice names; null for an incident's window (told through the incident). */
export function plannedSpanOf(s: { start: string; end: string; factor: number; reason: string; kind: string } | null): PlannedSpan | null {
  if (!s || s.kind === 'incident') return null;
  return { source: s.kind === 'release' ? 'release' : 'onderhoud', name: s.reason, start: new Date(s.start), end: new Date(s.end), factor: s.factor };
}
