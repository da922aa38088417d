import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type Conflict, type ProcedureSummaryJson, stepOf } from '../types';
import { STEP_LABEL } from './labels';

export function StatusBadge({ conflict }: { conflict: Conflict }) {
  const t = useT();
  return conflict.status === 'open' ? (
    <span className="badge badge--open">{t('conflicts.statusOpen')}</span>
  ) : (
    <span className="badge badge--resolved">{t('conflicts.statusResolved')}</span>
  );
}

export function StepBadge({ procedure }: { procedure: ProcedureSummaryJson | null | undefined }) {
  const t = useT();
  const step = stepOf(procedure);
  if (!step) return <span className="badge">{procedure?.stepLabel ?? t('conflicts.stepUnknown')}</span>;
  return <span className={`badge badge--step badge--${step}`}>{t(STEP_LABEL[step])}</span>;
}

/** "Termijn: do 14 jan 17:00 (over 2 dagen)", red and marked when overdue. */
export function Deadline({ procedure }: { procedure: Pick<ProcedureSummaryJson, 'deadline' | 'overdue'> | null | undefined }) {
  const t = useT();
  const f = useFormat();
  if (!procedure?.deadline) return <span className="muted">–</span>;
  return (
    <span className={procedure.overdue ? 'deadline deadline--overdue' : 'deadline'}>
      {procedure.overdue && <span className="deadline__flag">{t('conflicts.overdue')}: </span>}
      {f.deadline(procedure.deadline)} <span className="muted">({f.relative(procedure.deadline)})</span>
    </span>
  );
}
