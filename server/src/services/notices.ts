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
 * Tells every subscriber to maintenance notices that maintenance or a release was planned or moved (section 2.2 and
 * 5.2: Logius informs the Afnemers of maintenance with impact), whether or not a window conflicts with it.
 */
export async function noticeOfPlannedSpan(tx: Tx, s: PlannedSpan, verb: 'gepland' | 'verplaatst', before: { start: Date; end: Date } | null, at: Date) {
  const what = s.source === 'release' ? `Release "${s.name}"` : `Onderhoud "${s.name}"`;
  const when = `van ${instantFormatAmsterdamDutch(s.start)} tot ${instantFormatAmsterdamDutch(s.end)}`;
  const was = before ? ` (was ${instantFormatAmsterdamDutch(before.start)} tot ${instantFormatAmsterdamDutch(before.end)})` : '';
  await noticeSend(
    tx,
    {
      kind: 'onderhoud',
      source: s.source,
      title: `${what} ${verb}: ${instantFormatAmsterdamDutch(s.start)}`,
      body: `${what} is ${verb}: ${when}${was}. In die tijd is ${Math.round(s.factor * 100)}% van de capaciteit van de Berichtenbox beschikbaar.`,
      userId: null,
      withheldReason: null,
    },
    at,
  );
}
