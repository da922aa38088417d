import type { LevellingMovesAccepted } from '@cd/shared';
import { type ReactNode, useState } from 'react';
import { MovePreviewDialog, UndoNotice } from '../../../components/move-preview-dialog';
import { useT } from '../../../lib/i18n';
import { useUndoPlanChange } from '../../plan-changes/api/undo-plan-change';
import { type MovesChoice, useAcceptMoves, useMovesPreview } from '../api';
import { levellingMessages } from '../messages';

export interface AcceptFlow {
  /** Opens the preview (dry run) of accepting these moves. */
  start: (choice: MovesChoice) => void;
  /** What was moved, with "Ongedaan maken" for 15 minutes; null before an acceptance. */
  notice: ReactNode;
  /** The preview dialog with "Bevestigen"; render it once. */
  dialog: ReactNode;
}

/**
 * Accepting offered moves, wherever a planner meets them (the levelling page, a conflict's case file): the preview
 * of the same dry run as any move, the confirmation, and the undo notice afterwards.
 */
export function useAcceptFlow(): AcceptFlow {
  const t = useT(levellingMessages);
  const [choice, setChoice] = useState<MovesChoice | null>(null);
  const [done, setDone] = useState<LevellingMovesAccepted | null>(null);
  const [undoneMsg, setUndoneMsg] = useState(false);
  const preview = useMovesPreview(choice);
  const accept = useAcceptMoves();
  const undo = useUndoPlanChange();

  const confirm = () => {
    if (!choice) return;
    accept.mutate(choice, {
      onSuccess: (r) => {
        setDone(r);
        setUndoneMsg(false);
        setChoice(null);
      },
    });
  };

  return {
    start: (c) => {
      accept.reset();
      setChoice(c);
    },
    notice: done && (
      <UndoNotice
        message={undoneMsg ? t('lv.undoneMsg') : t('lv.done', { count: done.windows.map((w) => w.kenmerk).join(', ') })}
        undoUntil={undoneMsg ? new Date(0).toISOString() : done.planChange.undoUntil}
        undoing={undo.isPending}
        undoError={undo.error}
        onUndo={() => undo.mutate(done.planChange.id, { onSuccess: () => setUndoneMsg(true) })}
      />
    ),
    dialog: (
      <MovePreviewDialog
        open={choice !== null}
        title={t('lv.previewTitle')}
        preview={preview.data}
        loading={preview.isLoading}
        previewError={preview.error}
        confirming={accept.isPending}
        confirmError={accept.error}
        onConfirm={confirm}
        onClose={() => setChoice(null)}
      />
    ),
  };
}
