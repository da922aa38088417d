import type { PlanChangeRef } from '@cd/shared';
import { useEffect, useState } from 'react';
import { errorMessage, Notice } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { usePostPlanChangeUndo } from '../api/post-plan-change-undo';

/** After a move: "Ongedaan maken" until the plan change's undo period ends, then nothing. */
export function UndoNotice({ planChange }: { planChange: PlanChangeRef }) {
  const t = useT();
  const f = useFormat();
  const undo = usePostPlanChangeUndo();
  const until = Date.parse(planChange.undoUntil);
  const [open, setOpen] = useState(() => Date.now() < until);
  useEffect(() => {
    const left = until - Date.now();
    if (left <= 0) return setOpen(false);
    const timer = setTimeout(() => setOpen(false), left);
    return () => clearTimeout(timer);
  }, [until]);
  if (undo.isSuccess) {
    return (
      <Notice kind="success" role="status">
        <p>{t('proc.undone')}</p>
      </Notice>
    );
  }
  if (!open) return null;
  return (
    <Notice kind="info" role="status">
      <p>{t('proc.undoUntil', { time: f.time(until) })}</p>
      {undo.isError && <p role="alert">{errorMessage(undo.error, t)}</p>}
      <div className="actions" data-action="undo">
        <button type="button" className="button button--secondary button--small" disabled={undo.isPending} onClick={() => undo.mutate(planChange.id)}>
          {undo.isPending ? t('common.busy') : t('proc.undo')}
        </button>
      </div>
    </Notice>
  );
}
