import type { ChangeEffect, MaintenanceChangeJson, MaintenanceWindowJson } from '@cd/shared';
import { useId, useMemo, useState } from 'react';
import {
  type CapacityDrop,
  type CapacityDropDone,
  CapacityDropForm,
  CapacityDropNotice,
  type CapacityDropTexts,
  capacityDropValues,
  PreviewedChangeDialog,
} from '../../../components/capacity-drop-form';
import { effectSentence } from '../../../components/change-preview';
import { Dialog } from '../../../components/dialog';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { type MessageKey, useT } from '../../../lib/i18n';
import { amsterdamMidnightOf, amsterdamParts, amsterdamToMs } from '@cd/shared/time';
import { type MaintenanceInput, useCreateMaintenanceWindow, usePreviewCreateMaintenanceWindow } from '../api/create-maintenance-window';
import { useDeleteMaintenanceWindow, usePreviewDeleteMaintenanceWindow } from '../api/delete-maintenance-window';
import { useMaintenanceWindows } from '../api/get-maintenance-windows';
import { usePreviewUndoMaintenanceChange, useUndoMaintenanceChange } from '../api/undo-maintenance-change';
import { usePreviewUpdateMaintenanceWindow, useUpdateMaintenanceWindow } from '../api/update-maintenance-window';
import { ScrollRegion } from '../../../components/scroll-region';
import { type MaintenanceKey, type MaintenanceT, maintenanceMessages } from '../messages';
import { FormField } from '../../../components/form-field';

type Kind = MaintenanceWindowJson['kind'];
const KIND_LABEL: Record<Kind, MaintenanceKey> = {
  onderhoud: 'maintenance.kind.onderhoud',
  release: 'maintenance.kind.release',
  incident: 'maintenance.kind.incident',
};

type Editing = { mode: 'new' } | { mode: 'edit'; window: MaintenanceWindowJson } | null;
type Done = CapacityDropDone;

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
      <CapacityDropNotice done={message} testId="maintenance-saved" mayUndo={canEdit} onUndo={setUndoing} />
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
  return (
    <PreviewedChangeDialog
      target={change}
      variables={(c) => c.id}
      preview={usePreviewUndoMaintenanceChange()}
      commit={useUndoMaintenanceChange()}
      title={t('maintenance.undoTitle')}
      lead={(c) => t(`maintenance.undoLead.${c.action}`)}
      confirmLabel={t('change.undo')}
      onDone={(r) => onDone({ text: doneText(t, 'maintenance.undone', r.effect), change: null })}
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

/** A new window starts tomorrow evening (18:00 to 22:00, Amsterdam time) at half capacity. */
function newWindowValues() {
  const tomorrow = amsterdamParts(amsterdamMidnightOf(Date.now(), 1));
  return capacityDropValues({
    start: amsterdamToMs(tomorrow.year, tomorrow.month, tomorrow.day, 18),
    end: amsterdamToMs(tomorrow.year, tomorrow.month, tomorrow.day, 22),
    factor: 0.5,
  });
}

function MaintenanceForm({ editing, onCancel, onDone }: { editing: NonNullable<Editing>; onCancel: () => void; onDone: (done: Done) => void }) {
  const t = useT(maintenanceMessages);
  const id = useId();
  const w = editing.mode === 'edit' ? editing.window : null;
  const [initial] = useState(() => (w ? capacityDropValues(w) : newWindowValues()));
  const [kind, setKind] = useState<Kind>(w?.kind ?? 'onderhoud');
  const texts: CapacityDropTexts = {
    timeHint: t('maintenance.timeHint'),
    start: t('maintenance.start'),
    end: t('maintenance.end'),
    remaining: t('maintenance.remainingLabel'),
    remainingHint: t('maintenance.remainingHint'),
    reason: t('maintenance.reason'),
    errStart: t('maintenance.errStart'),
    errEnd: t('maintenance.errEnd'),
    errFactor: t('maintenance.errFactor'),
    errReason: t('maintenance.errReason'),
    check: t('maintenance.check'),
    confirm: t('maintenance.confirm'),
    footnote: t('maintenance.recomputeHint'),
  };
  const kindField = (fieldError: (field: string) => string | undefined) => (
    <FormField id={`${id}-kind`} label={t('maintenance.kind')} error={fieldError('kind')}>
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
  );
  const body = (d: CapacityDrop): MaintenanceInput => ({ ...d, kind });
  const previewCreate = usePreviewCreateMaintenanceWindow();
  const create = useCreateMaintenanceWindow();
  const previewUpdate = usePreviewUpdateMaintenanceWindow();
  const update = useUpdateMaintenanceWindow();
  const common = { initial, texts, onCancel, children: kindField };
  return w ? (
    <CapacityDropForm
      {...common}
      variables={(d) => ({ id: w.id, ...body(d) })}
      preview={previewUpdate}
      commit={update}
      onDone={(r) => onDone({ text: doneText(t, 'maintenance.updated', r.effect), change: r.change })}
    />
  ) : (
    <CapacityDropForm
      {...common}
      variables={body}
      preview={previewCreate}
      commit={create}
      onDone={(r) => onDone({ text: doneText(t, 'maintenance.created', r.effect), change: r.change })}
    />
  );
}

function RemoveDialog({ window: w, onClose, onDone }: { window: MaintenanceWindowJson | null; onClose: () => void; onDone: (done: Done) => void }) {
  const t = useT(maintenanceMessages);
  const f = useFormat();
  return (
    <PreviewedChangeDialog
      target={w}
      variables={(x) => x.id}
      preview={usePreviewDeleteMaintenanceWindow()}
      commit={useDeleteMaintenanceWindow()}
      title={t('maintenance.removeTitle')}
      lead={(x) => t('maintenance.removeBody', { period: f.period(x.start, x.end), reason: x.reason })}
      confirmLabel={t('common.delete')}
      onDone={(r) => onDone({ text: doneText(t, 'maintenance.removed', r.effect), change: r.change })}
      onClose={onClose}
    />
  );
}
