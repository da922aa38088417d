import type { PrognosePatch, SendWindow } from '@cd/shared';
import { useId, useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { MovePreviewDialog, UndoNotice } from '../../../components/move-preview-dialog';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { fromLocalInputValue, toLocalInputValue } from '@cd/shared/time';
import { type SendWindowChangedJson, usePatchWindow } from '../../plan-changes/api/patch-window';
import { useWindowChangePreview } from '../../plan-changes/api/preview-window-change';
import { useUndoPlanChange } from '../../plan-changes/api/undo-plan-change';

/**
 * Editing one window: a form (start, end, messages, status), then the preview of its effect, then confirm.
 * Only what differs from the stored window is sent.
 */
export function WindowEditFlow({
  window: w,
  onClose,
  onDone,
}: {
  window: SendWindow | null;
  onClose: () => void;
  onDone: (changed: SendWindowChangedJson, before: SendWindow) => void;
}) {
  const [pending, setPending] = useState<PrognosePatch | null>(null);
  const preview = useWindowChangePreview(w && pending ? { id: w.id, patch: pending } : null);
  const save = usePatchWindow();
  const t = useT();
  const close = () => {
    setPending(null);
    save.reset();
    onClose();
  };
  return (
    <>
      {/* The native dialog reports its close also when it hides for the preview: only a close while editing ends the flow. */}
      <EditDialog key={w?.id ?? 0} window={pending ? null : w} onClose={pending ? () => {} : close} onPreview={setPending} />
      <MovePreviewDialog
        open={w !== null && pending !== null}
        title={w ? t('move.titleEdit', { kenmerk: w.kenmerk }) : ''}
        preview={preview.data}
        loading={preview.isLoading}
        previewError={preview.error}
        confirming={save.isPending}
        confirmError={save.error}
        onClose={close}
        onConfirm={() => {
          if (!w || !pending) return;
          save.mutate(
            { id: w.id, patch: pending },
            {
              onSuccess: (changed) => {
                setPending(null);
                save.reset();
                onDone(changed, w);
              },
            },
          );
        }}
      />
    </>
  );
}

function EditDialog({ window: w, onClose, onPreview }: { window: SendWindow | null; onClose: () => void; onPreview: (p: PrognosePatch) => void }) {
  const t = useT();
  const id = useId();
  const [start, setStart] = useState(() => (w ? toLocalInputValue(w.start) : ''));
  const [end, setEnd] = useState(() => (w ? toLocalInputValue(w.eind) : ''));
  const [count, setCount] = useState(() => (w ? String(w.aantalBerichten) : ''));
  const [status, setStatus] = useState<'concept' | 'definitief'>(() => (w?.status === 'definitief' ? 'definitief' : 'concept'));
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (!w) return;
    const s = fromLocalInputValue(start);
    const e = fromLocalInputValue(end);
    if (s === null || e === null) return setError(t('windows.editInvalidTime'));
    const patch: PrognosePatch = {};
    if (s !== Date.parse(w.start)) patch.start = new Date(s).toISOString();
    if (e !== Date.parse(w.eind)) patch.eind = new Date(e).toISOString();
    const n = Number(count.replace(/\./g, ''));
    if (n !== w.aantalBerichten) patch.aantalBerichten = n;
    if (status !== w.status) patch.status = status;
    if (Object.keys(patch).length === 0) return setError(t('windows.editNothing'));
    setError(null);
    onPreview(patch);
  };

  return (
    <Dialog
      open={w !== null}
      title={w ? t('windows.editTitle', { kenmerk: w.kenmerk }) : ''}
      onClose={onClose}
      footer={
        <>
          <button type="submit" form={`${id}-form`} className="button button--primary">
            {t('windows.editPreview')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p>{t('windows.editLead')}</p>
      <form
        id={`${id}-form`}
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('windows.start')}</label>
          <input id={`${id}-start`} type="datetime-local" step={900} value={start} onChange={(e) => setStart(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>{t('windows.end')}</label>
          <input id={`${id}-end`} type="datetime-local" step={900} value={end} onChange={(e) => setEnd(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-count`}>{t('windows.messages')}</label>
          <input id={`${id}-count`} type="number" min={1} step={1} inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('windows.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as 'concept' | 'definitief')}>
            <option value="concept">{t('status.concept')}</option>
            <option value="definitief">{t('status.definitief')}</option>
          </select>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}

/** The notice after an edit, with "Ongedaan maken" for as long as the plan change may be undone. */
export function WindowEditedNotice({ changed, before, onUndone }: { changed: SendWindowChangedJson; before: SendWindow; onUndone: (text: string) => void }) {
  const t = useT();
  const f = useFormat();
  const undo = useUndoPlanChange();
  return (
    <UndoNotice
      message={t('windows.edited', { kenmerk: changed.kenmerk, period: f.period(changed.start, changed.eind), n: f.number(changed.aantalBerichten) })}
      undoUntil={changed.planChange.undoUntil}
      undoing={undo.isPending}
      undoError={undo.error}
      onUndo={() =>
        undo.mutate(changed.planChange.id, {
          onSuccess: () => onUndone(t('move.undone', { kenmerk: changed.kenmerk, period: f.period(before.start, before.eind) })),
        })
      }
    />
  );
}
