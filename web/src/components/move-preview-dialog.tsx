import { ConflictEffectLists, ConflictEffectStats } from './conflict-effect';
import type { PlanChangePreview } from '@cd/shared';
import { shiftWords } from '@cd/shared/plan-changes';
import { useEffect, useState } from 'react';
import { useFormat } from '../lib/format';
import { type MessageKey, useI18n, useT } from '../lib/i18n';
import { Dialog } from './dialog';
import { ErrorMessage, errorMessage, Loading, Notice } from './feedback';

export interface MovePreviewDialogProps {
  open: boolean;
  title: string;
  /** The dry run of the change: the windows before and after and the effect on the conflicts. */
  preview: PlanChangePreview | undefined;
  loading: boolean;
  previewError: unknown;
  confirming: boolean;
  confirmError: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * Before any move or edit of windows: per window the kenmerk, the old and new time with the shift in words
 * ("13 dagen later"), the messages, and what the change does to the conflicts (created, worsened, solved); then the
 * user confirms. Nothing is stored until then.
 */
export function MovePreviewDialog(props: MovePreviewDialogProps) {
  const { open, title, preview, loading, previewError, confirming, confirmError, onConfirm, onClose } = props;
  const t = useT();
  const f = useFormat();
  const { lang } = useI18n();
  const nothing = preview ? preview.created.length + preview.worsened.length + preview.solved.length + preview.eased.length === 0 : false;
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button--primary" disabled={!preview || confirming} onClick={onConfirm}>
            {confirming ? t('common.busy') : t('move.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {loading ? (
        <Loading label={t('move.previewLoading')} />
      ) : previewError ? (
        <ErrorMessage error={previewError} title={t('move.previewFailed')} />
      ) : preview ? (
        <>
          {preview.windows.map((w) => (
            <dl key={w.windowId} className="move-window" data-testid="move-window">
              <div>
                <dt>{t('move.kenmerk')}</dt>
                <dd className="kenmerk">{w.kenmerk}</dd>
              </div>
              <div>
                <dt>{t('move.old')}</dt>
                <dd>{f.period(w.before.start, w.before.eind)}</dd>
              </div>
              <div>
                <dt>{t('move.new')}</dt>
                <dd>{f.period(w.after.start, w.after.eind)}</dd>
              </div>
              <div>
                <dt>{t('move.shift')}</dt>
                <dd data-testid="move-shift">{shiftWords(Date.parse(w.before.start), Date.parse(w.after.start), lang)}</dd>
              </div>
              <div>
                <dt>{t('move.messages')}</dt>
                <dd>
                  {w.before.aantalBerichten === w.after.aantalBerichten
                    ? f.number(w.after.aantalBerichten)
                    : `${f.number(w.before.aantalBerichten)} → ${f.number(w.after.aantalBerichten)}`}
                </dd>
              </div>
              {w.before.status !== w.after.status && (
                <div>
                  <dt>{t('move.status')}</dt>
                  <dd>{`${t(`status.${w.before.status}` as MessageKey)} → ${t(`status.${w.after.status}` as MessageKey)}`}</dd>
                </div>
              )}
            </dl>
          ))}
          <h3>{t('move.effectTitle')}</h3>
          <ConflictEffectStats effect={preview} testId="move" />
          {nothing && <Notice kind="info">{t('move.noEffect')}</Notice>}
          <ConflictEffectLists
            effect={preview}
            createdTitle={t('move.createdTitle')}
            worsenedTitle={t('move.worsenedTitle')}
            solvedTitle={t('move.solvedTitle')}
          />
          {confirmError != null && (
            <p className="field-error" role="alert">
              {errorMessage(confirmError, t)}
            </p>
          )}
        </>
      ) : null}
    </Dialog>
  );
}

/**
 * After a move: what happened, and "Ongedaan maken" until the plan change's undo period ends (15 minutes).
 */
export function UndoNotice({
  message,
  undoUntil,
  onUndo,
  undoing,
  undoError,
}: {
  message: string;
  undoUntil: string;
  onUndo: () => void;
  undoing: boolean;
  undoError: unknown;
}) {
  const t = useT();
  const f = useFormat();
  const until = Date.parse(undoUntil);
  const [open, setOpen] = useState(() => Date.now() < until);
  useEffect(() => {
    const left = until - Date.now();
    setOpen(left > 0);
    if (left <= 0) return;
    const timer = setTimeout(() => setOpen(false), left);
    return () => clearTimeout(timer);
  }, [until]);
  return (
    <Notice kind="success" role="status">
      <p>{message}</p>
      {open && (
        <p className="undo">
          <button type="button" className="button button--secondary button--small" disabled={undoing} onClick={onUndo}>
            {undoing ? t('common.busy') : t('move.undo')}
          </button>{' '}
          <span className="muted">{t('move.undoUntil', { time: f.time(until) })}</span>
        </p>
      )}
      {undoError != null && (
        <p className="field-error" role="alert">
          {errorMessage(undoError, t)}
        </p>
      )}
    </Notice>
  );
}
