import { conflictsOpenDuring, notify, usersByRole, type Tx } from '@cd/db';
import { instantFormatAmsterdamDutch } from '@cd/shared';
import { conflictsRecompute, type RecomputeResult } from './conflicts-recompute.js';
import { noticeOfPlannedSpan } from './notices.js';
import type { PlanningCache } from './planning-cache.js';
import type { ProcedureSettings } from './procedure.js';

export interface ReleaseSpan {
  name: string;
  start: Date;
  end: Date;
  factor: number;
}

/**
 * Re-runs the conflict check after a release's capacity window changed (in the same transaction) and tells the
 * planners whose windows conflict during the release now. New conflicts also open their procedure, which sends
 * its own step-1 message; this message says that the release is the cause.
 */
export async function releaseCapacityChanged(
  tx: Tx,
  release: ReleaseSpan,
  before: { start: Date; end: Date } | null,
  verb: 'gepland' | 'verplaatst' | 'gewijzigd' | 'geschrapt',
  now: Date,
  settings: ProcedureSettings = {},
  planning?: PlanningCache,
): Promise<{ recompute: RecomputeResult; notifiedAfnemers: string[] }> {
  const spans = [release, ...(before ? [before] : [])];
  const recompute = await conflictsRecompute(
    tx,
    spans.map((s) => ({ from: s.start.getTime(), to: s.end.getTime() })),
    now,
    `Release ${release.name} ${verb}`,
    settings,
    planning,
  );
  if (verb === 'geschrapt') return { recompute, notifiedAfnemers: [] };
  if (verb === 'gepland' || verb === 'verplaatst') {
    await noticeOfPlannedSpan(tx, { source: 'release', ...release }, verb, verb === 'verplaatst' ? before : null, now);
  }
  const during = await conflictsOpenDuring(tx, release.start, release.end);
  const byAfnemer = new Map<string, number[]>();
  for (const c of during) for (const a of c.afnemers) byAfnemer.set(a, [...(byAfnemer.get(a) ?? []), c.id]);
  for (const [afnemer, ids] of byAfnemer) {
    await notify(
      tx,
      await usersByRole(tx, ['planner'], [afnemer]),
      {
        conflictId: ids[0]!,
        title: `Release "${release.name}" ${verb}: uw verzendmomenten conflicteren`,
        body:
          `Tijdens de release van ${instantFormatAmsterdamDutch(release.start)} tot ${instantFormatAmsterdamDutch(release.end)} ` +
          `is ${Math.round(release.factor * 100)}% van de capaciteit beschikbaar. Conflict${ids.length > 1 ? 'en' : ''} ${ids.map((i) => `#${i}`).join(', ')}: ` +
          'verplaats waar mogelijk uw verzendmomenten.',
      },
      now,
    );
  }
  return { recompute, notifiedAfnemers: [...byAfnemer.keys()].sort() };
}
