import type { ChangeEffect, MaintenanceChangeJson, MaintenanceWindowJson } from '@cd/shared';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { ChangePreview, ConfirmChangeDialog, effectSentence } from '../../../components/change-preview';
import { Dialog } from '../../../components/dialog';
import { EmptyState, ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { type MessageKey, useT } from '../../../lib/i18n';
import { amsterdamMidnightOf, amsterdamParts, amsterdamToMs, fromLocalInputValue, toLocalInputValue } from '@cd/shared/time';
import { type MaintenanceInput, useCreateMaintenanceWindow, usePreviewCreateMaintenanceWindow } from '../api/create-maintenance-window';
import { useDeleteMaintenanceWindow, usePreviewDeleteMaintenanceWindow } from '../api/delete-maintenance-window';
import { useMaintenanceWindows } from '../api/get-maintenance-windows';
import { usePreviewUndoMaintenanceChange, useUndoMaintenanceChange } from '../api/undo-maintenance-change';
import { usePreviewUpdateMaintenanceWindow, useUpdateMaintenanceWindow } from '../api/update-maintenance-window';
import { ScrollRegion } from '../../../components/scroll-region';
import { type MaintenanceKey, type MaintenanceT, maintenanceMessages } from '../messages';
import { FormField, formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';

type Kind = MaintenanceWindowJson['kind'];
const KIND_LABEL: Record<Kind, MaintenanceKey> = {
  onderhoud: 'maintenance.kind.onderhoud',
  release: 'maintenance.kind.release',
  incident: 'maintenance.kind.incident',
};

type Editing = { mode: 'new' } | { mode: 'edit'; window: MaintenanceWindowJson } | null;
/** What was just stored, as the notice tells it; `change` can be undone until its time is up. */
type Done = { text: string; change: MaintenanceChangeJson | null };

const doneText = (t: MaintenanceT, key: MessageKey | MaintenanceKey, effect: ChangeEffect) => `${t(key)} ${effectSentence(t, effect)}`;

/**
 * The maintenance calendar: windows that lower capacity, by month; add, change and remove (capacity manager),
 * each first shown with its effect on the conflicts, then confirmed, then undoable for a while.
 */
export function MaintenanceCalendar({ canEdit }: { canEdit: boolean }) {
  const t = useT(maintenanceMessages);
  const f = useFormat();
  const [showPast, setShowPast] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<MaintenanceWindowJson | null>(null);
  const [message, setMessage] = useState<Done | null>(null);
  const [undoing, setUndoing] = useState<MaintenanceChangeJson | null>(null);
  const from = useMemo(() => new Date(amsterdamMidnightOf(Date.now(), showPast ? -365 : 0)).toISOString(), [showPast]);
  const query = useMaintenanceWindows({ from });

  const months = useMemo(() => {
    const groups = new Map<string, MaintenanceWindowJson[]>();
    for (const w of [...(query.data ?? [])].sort((a, b) => a.start.localeCompare(b.start))) {
      const p = amsterdamParts(Date.parse(w.start));
      const key = `${p.year}-${String(p.month).padStart(2, '0')}`;
      groups.set(key, [...(groups.get(key) ?? []), w]);
    }
    return [...groups.entries()];
  }, [query.data]);

  const monthName = (key: string) =>
    new Intl.DateTimeFormat(f.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${key}-15T00:00:00Z`));

  return (
    <div>
      <div className="toolbar">
        {canEdit && (
          <button type="button" className="button button--primary" onClick={() => setEditing({ mode: 'new' })}>
            {t('maintenance.add')}
          </button>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={showPast} onChange={(e) => setShowPast(e.target.checked)} />
          {t('maintenance.showPast')}
        </label>
      </div>
      {message && (
        <Notice kind="success" role="status">
          <p data-testid="maintenance-saved">{message.text}</p>
          {canEdit && message.change && Date.parse(message.change.undoableUntil) > Date.now() && (
            <button type="button" className="button button--secondary button--small" onClick={() => setUndoing(message.change)}>
              {t('change.undo')} <span className="muted">{t('change.undoUntil', { time: f.time(message.change.undoableUntil) })}</span>
            </button>
          )}
        </Notice>
      )}
      {query.isLoading ? (
        <Loading label={t('maintenance.loading')} />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : months.length === 0 ? (
        <EmptyState title={t('maintenance.empty')}>{canEdit && <p>{t('maintenance.emptyBody')}</p>}</EmptyState>
      ) : (
        months.map(([key, windows]) => (
          <section key={key} className="month" aria-labelledby={`month-${key}`}>
            <h3 id={`month-${key}`}>{monthName(key)}</h3>
            <ScrollRegion label={t('maintenance.caption', { month: monthName(key) })}>
              <table className="table">
                <caption className="visually-hidden">{t('maintenance.caption', { month: monthName(key) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('maintenance.period')}</th>
                    <th scope="col">{t('maintenance.kind')}</th>
                    <th scope="col" className="num">
                      {t('maintenance.remaining')}
                    </th>
                    <th scope="col">{t('maintenance.reason')}</th>
                    {canEdit && (
                      <th scope="col">
                        <span className="visually-hidden">{t('windows.actions')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {windows.map((w) => (
                    <tr key={w.id}>
                      <th scope="row">{f.period(w.start, w.end)}</th>
                      <td>
                        <span className={`badge badge--${w.kind}`}>{t(KIND_LABEL[w.kind])}</span>
                      </td>
                      <td className="num">{f.percent(w.factor)}</td>
                      <td>
                        {w.reason}
                        {w.createdBy && <span className="cell-sub">{w.createdBy}</span>}
                      </td>
                      {canEdit && (
                        <td className="cell-actions">
                          <button type="button" className="button button--ghost button--small" onClick={() => setEditing({ mode: 'edit', window: w })}>
                            {t('common.edit')}
                            <span className="visually-hidden"> {f.period(w.start, w.end)}</span>
                          </button>
                          <button type="button" className="button button--ghost button--small button--danger" onClick={() => setRemoving(w)}>
                            {t('common.delete')}
                            <span className="visually-hidden"> {f.period(w.start, w.end)}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>
        ))
      )}
      <MaintenanceDialog
        editing={editing}
        onClose={() => setEditing(null)}
        onDone={(done) => {
          setEditing(null);
          setMessage(done);
        }}
      />
      <RemoveDialog
        window={removing}
        onClose={() => setRemoving(null)}
        onDone={(done) => {
          setRemoving(null);
          setMessage(done);
        }}
      />
      <UndoDialog
        change={undoing}
        onClose={() => setUndoing(null)}
        onDone={(done) => {
          setUndoing(null);
          setMessage(done);
        }}
      />
    </div>
  );
}

/** Undoing a change: its effect first, then a confirm. */
function UndoDialog({ change, onClose, onDone }: { change: MaintenanceChangeJson | null; onClose: () => void; onDone: (done: Done) => void }) {
  const t = useT(maintenanceMessages);
  const preview = usePreviewUndoMaintenanceChange();
  const undo = useUndoMaintenanceChange();
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetUndo } = undo;
  useEffect(() => {
    resetPreview();
    resetUndo();
    if (change) runPreview(change.id);
  }, [change, runPreview, resetPreview, resetUndo]);
  return (
    <ConfirmChangeDialog
      open={change !== null}
      title={t('maintenance.undoTitle')}
      lead={change ? t(`maintenance.undoLead.${change.action}`) : undefined}
      preview={preview}
      confirmLabel={t('change.undo')}
      confirming={undo.isPending}
      error={undo.error}
      onConfirm={() => change && undo.mutate(change.id, { onSuccess: (r) => onDone({ text: doneText(t, 'maintenance.undone', r.effect), change: null }) })}
      onClose={onClose}
    />
  );
}

function MaintenanceDialog({ editing, onClose, onDone }: { editing: Editing; onClose: () => void; onDone: (done: Done) => void }) {
  const t = useT(maintenanceMessages);
  return (
    <Dialog open={editing !== null} title={editing?.mode === 'edit' ? t('maintenance.editTitle') : t('maintenance.addTitle')} onClose={onClose}>
      {editing && <MaintenanceForm key={editing.mode === 'edit' ? editing.window.id : 'new'} editing={editing} onCancel={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function MaintenanceForm({ editing, onCancel, onDone }: { editing: NonNullable<Editing>; onCancel: () => void; onDone: (done: Done) => void }) {
  const t = useT(maintenanceMessages);
  const id = useId();
  const create = useCreateMaintenanceWindow();
  const update = useUpdateMaintenanceWindow();
  const previewCreate = usePreviewCreateMaintenanceWindow();
  const previewUpdate = usePreviewUpdateMaintenanceWindow();
  // The body whose effect is shown, waiting for a confirm.
  const [pending, setPending] = useState<MaintenanceInput | null>(null);
  const w = editing.mode === 'edit' ? editing.window : null;
  const tomorrow = amsterdamParts(amsterdamMidnightOf(Date.now(), 1));
  const [start, setStart] = useState(toLocalInputValue(w?.start ?? amsterdamToMs(tomorrow.year, tomorrow.month, tomorrow.day, 18)));
  const [end, setEnd] = useState(toLocalInputValue(w?.end ?? amsterdamToMs(tomorrow.year, tomorrow.month, tomorrow.day, 22)));
  const [kind, setKind] = useState<Kind>(w?.kind ?? 'onderhoud');
  const [remaining, setRemaining] = useState(String(Math.round((w?.factor ?? 0.5) * 100)));
  const [reason, setReason] = useState(w?.reason ?? '');
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const mutation = w ? update : create;
  const preview = w ? previewUpdate : previewCreate;
  const failed = preview.error ?? mutation.error;
  const { serverErrors, fieldError } = formErrors(failed, localError);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = fromLocalInputValue(start);
    const en = fromLocalInputValue(end);
    const factor = Number(remaining) / 100;
    if (s === null) return setLocalError({ field: 'start', message: t('maintenance.errStart') });
    if (en === null || en <= s) return setLocalError({ field: 'end', message: t('maintenance.errEnd') });
    if (!(factor >= 0 && factor <= 1)) return setLocalError({ field: 'factor', message: t('maintenance.errFactor') });
    if (!reason.trim()) return setLocalError({ field: 'reason', message: t('maintenance.errReason') });
    setLocalError(null);
    const body: MaintenanceInput = { start: new Date(s).toISOString(), end: new Date(en).toISOString(), kind, factor, reason: reason.trim() };
    mutation.reset();
    if (w) previewUpdate.mutate({ id: w.id, ...body }, { onSuccess: () => setPending(body) });
    else previewCreate.mutate(body, { onSuccess: () => setPending(body) });
  };

  const confirm = () => {
    if (!pending) return;
    if (w) update.mutate({ id: w.id, ...pending }, { onSuccess: (r) => onDone({ text: doneText(t, 'maintenance.updated', r.effect), change: r.change }) });
    else create.mutate(pending, { onSuccess: (r) => onDone({ text: doneText(t, 'maintenance.created', r.effect), change: r.change }) });
  };

  if (pending && preview.data) {
    return (
      <div>
        <ChangePreview result={preview.data} />
        {mutation.isError && (
          <p className="field-error" role="alert">
            {errorMessage(mutation.error, t)}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button button--primary" disabled={mutation.isPending} onClick={confirm}>
            {mutation.isPending ? t('common.busy') : t('maintenance.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setPending(null)}>
            {t('change.back')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="form-grid">
      <p className="field-hint form-grid__full">{t('maintenance.timeHint')}</p>
      <FormField id={`${id}-start`} label={t('maintenance.start')} error={fieldError('start')}>
        {(control) => <input {...control} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required />}
      </FormField>
      <FormField id={`${id}-end`} label={t('maintenance.end')} error={fieldError('end')}>
        {(control) => <input {...control} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} required />}
      </FormField>
      <FormField id={`${id}-kind`} label={t('maintenance.kind')}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(Object.keys(KIND_LABEL) as Kind[]).map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-factor`} label={t('maintenance.remainingLabel')} hint={t('maintenance.remainingHint')} error={fieldError('factor')}>
        {(control) => <input {...control} type="number" min={0} max={100} step={5} value={remaining} onChange={(e) => setRemaining(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-reason`} label={t('maintenance.reason')} error={fieldError('reason')} full>
        {(control) => <textarea {...control} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />}
      </FormField>
      <FormFooter
        busy={preview.isPending}
        busyLabel={t('change.checking')}
        submitLabel={t('maintenance.check')}
        error={failed && serverErrors.length === 0 ? failed : undefined}
        onCancel={onCancel}
      />
      <p className="field-hint form-grid__full">{t('maintenance.recomputeHint')}</p>
    </form>
  );
}

function RemoveDialog({ window: w, onClose, onDone }: { window: MaintenanceWindowJson | null; onClose: () => void; onDone: (done: Done) => void }) {
  const t = useT(maintenanceMessages);
  const f = useFormat();
  const del = useDeleteMaintenanceWindow();
  const preview = usePreviewDeleteMaintenanceWindow();
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetDelete } = del;
  useEffect(() => {
    resetPreview();
    resetDelete();
    if (w) runPreview(w.id);
  }, [w, runPreview, resetPreview, resetDelete]);
  return (
    <ConfirmChangeDialog
      open={w !== null}
      title={t('maintenance.removeTitle')}
      lead={w ? t('maintenance.removeBody', { period: f.period(w.start, w.end), reason: w.reason }) : undefined}
      preview={preview}
      confirmLabel={t('common.delete')}
      confirming={del.isPending}
      error={del.error}
      onConfirm={() => w && del.mutate(w.id, { onSuccess: (r) => onDone({ text: doneText(t, 'maintenance.removed', r.effect), change: r.change }) })}
      onClose={onClose}
    />
  );
}
