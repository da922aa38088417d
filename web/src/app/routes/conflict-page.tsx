import { roleMay } from '@cd/shared/access';
import { lazy, Suspense, useState } from 'react';
import { PageTitle } from '../../components/page';
import { ConflictCaseFile } from '../../features/conflicts/components/conflict-case-file';
import type { LoadRange } from '../../features/load/components/load-range';
import { useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useCurrentUser } from '../../lib/session';
import { HOUR_MS } from '@cd/shared/time';
import { LoadPanel } from './load-panel';

// A planner's offered moves of a levelled plan: in their own chunk, fetched only for a planner.
const ConflictOffers = lazy(() => import('../../features/levelling/components/conflict-offers'));

/** One conflict's case file, with the load chart around it. */
export default function ConflictPage({ id }: { id: number }) {
  const t = useT();
  const user = useCurrentUser();
  return (
    <>
      <p className="back-link">
        <Link to="/conflicten">
          <span aria-hidden="true">‹ </span>
          {t('caseFile.back')}
        </Link>
      </p>
      <PageTitle title={t('conflicts.number', { id })} lead={t('caseFile.lead')}>
        {t('caseFile.title', { id })}
      </PageTitle>
      {roleMay(user.role, 'levelling.answer-move') && (
        <Suspense fallback={null}>
          <ConflictOffers conflictId={id} />
        </Suspense>
      )}
      <ConflictCaseFile conflictId={id} chart={(c) => <ConflictChart key={c.id} start={Date.parse(c.start)} end={Date.parse(c.end)} />} />
    </>
  );
}

function ConflictChart({ start, end }: { start: number; end: number }) {
  const t = useT();
  const [range, setRange] = useState<LoadRange>(() => {
    const margin = Math.max(6 * HOUR_MS, end - start);
    return { from: Math.floor((start - margin) / HOUR_MS) * HOUR_MS, to: Math.ceil((end + margin) / HOUR_MS) * HOUR_MS };
  });
  return <LoadPanel range={range} onRangeChange={setRange} title={t('caseFile.chartTitle')} />;
}
