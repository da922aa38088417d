import { ConflictEffectLists, ConflictEffectStats } from '../../../components/conflict-effect';
import type { PlanChangePreview } from '@cd/shared';
import { shiftWords } from '@cd/shared/plan-changes';
import { type ReactNode, useEffect, useId } from 'react';
import { Dialog } from '../../../components/dialog';
import { ErrorMessage, Loading, Notice } from '../../../components/feedback';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useI18n, useT } from '../../../lib/i18n';
import { type ConflictActionOutcomeJson, usePostConflictActionDryRun } from '../api/post-conflict-action-dry-run';
import type { ConflictAction } from '../types';

/** Each window that moves: kenmerk, old and new time, the shift in words, and its number of messages. */
function WindowMoves({ windows }: { windows: PlanChangePreview['windows'] }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useI18n();
  const name = useAfnemerName();
  return (
    <table className="table" data-testid="preview-windows">
      <caption>{t('proc.previewWindows')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('windows.kenmerk')}</th>
          <th scope="col">{t('proc.previewFrom')}</th>
          <th scope="col">{t('proc.previewTo')}</th>
          <th scope="col" className="num">
            {t('windows.messages')}
          </th>
        </tr>
      </thead>
      <tbody>
        {windows.map((w) => (
          <tr key={w.windowId}>
            <th scope="row">
              {w.kenmerk} <span className="cell-sub">{name(w.afnemer)}</span>
            </th>
            <td>{f.period(w.before.start, w.before.eind)}</td>
            <td>
              {f.period(w.after.start, w.after.eind)}{' '}
              <span className="cell-sub">{shiftWords(Date.parse(w.before.start), Date.parse(w.after.start), lang)}</span>
            </td>
            <td className="num">{f.number(w.after.aantalBerichten)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The effect of a dry run: the windows that move, conflicts created, worsened, solved and eased, and whether this one goes. */
export function DryRunEffect({ outcome }: { outcome: ConflictActionOutcomeJson }) {
  const t = useT();
  const result = outcome.effect;
  if (!result) {
    return (
      <div className="preview" data-testid="action-preview">
        <Notice kind="info">{outcome.message ?? t('proc.previewNothing')}</Notice>
      </div>
    );
  }
  const solves = outcome.conflictSolved === true;
  return (
    <div className="preview" data-testid="action-preview">
      {outcome.awaitingAnswers > 0 && (
        <Notice kind="info">
          <span data-testid="preview-awaiting">
            {outcome.awaitingAnswers === 1 ? t('proc.previewWhenAllAcceptOne') : t('proc.previewWhenAllAccept', { count: outcome.awaitingAnswers })}
          </span>
        </Notice>
      )}
      {result.windows.length > 0 && <WindowMoves windows={result.windows} />}
      <ConflictEffectStats effect={result} testId="preview" />
      {solves ? <Notice kind="success">{t('proc.previewSolves')}</Notice> : <Notice kind="warning">{outcome.message ?? t('proc.previewStaysOpen')}</Notice>}
      <ConflictEffectLists effect={result} createdTitle={t('proc.previewCreatedTitle')} />
    </div>
  );
}

/**
 * Confirm an action that moves windows: on opening it asks the server for a dry run of `action` and shows its
 * effect; only the confirm button carries it out.
 */
export function ActionPreviewDialog({
  open,
  title,
  conflict,
  action,
  lead,
  confirmLabel,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  conflict: { id: number };
  action: ConflictAction | null;
  lead?: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const headingId = useId();
  const dryRun = usePostConflictActionDryRun();
  const { mutate, reset } = dryRun;
  useEffect(() => {
    if (open && action) mutate({ id: conflict.id, action });
    if (!open) reset();
  }, [open, action, conflict.id, mutate, reset]);
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <div className="actions">
          <button type="button" className="button button--primary" disabled={busy || !dryRun.isSuccess} onClick={onConfirm}>
            {busy ? t('common.busy') : confirmLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      }
    >
      {lead}
      {/* Focusable, so keyboard users can scroll a long preview: the dialog's body has no other focusable content. */}
      <section className="preview-effect" tabIndex={0} aria-labelledby={headingId}>
        <h3 id={headingId}>{t('proc.previewTitle')}</h3>
        {dryRun.isPending || dryRun.isIdle ? (
          <Loading label={t('proc.previewLoading')} />
        ) : dryRun.isError ? (
          <ErrorMessage error={dryRun.error} onRetry={() => action && mutate({ id: conflict.id, action })} />
        ) : dryRun.data.outcome ? (
          <DryRunEffect outcome={dryRun.data.outcome} />
        ) : (
          <Notice kind="info">{t('proc.previewNothing')}</Notice>
        )}
      </section>
    </Dialog>
  );
}
