import { roleMay } from '@cd/shared/access';
import { planChangeUndoerMay } from '@cd/shared/plan-changes';
import type { MaintenanceChangeJson } from '@cd/shared';
import { fromLocalInputValue, toLocalInputValue } from '@cd/shared/time';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ChangePreview, ConfirmChangeDialog, effectSentence } from '../../../components/change-preview';
import { Dialog } from '../../../components/dialog';
import { errorMessage, Notice } from '../../../components/feedback';
import { Section } from '../../../components/page';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import {
  type CapacityImpactBody,
  useLiftCapacityImpact,
  useLowerCapacity,
  usePreviewLiftCapacityImpact,
  usePreviewLowerCapacity,
  usePreviewUndoCapacityChange,
  useUndoCapacityChange,
} from '../api/capacity-impacts';
import type { IncidentDetailJson } from '../api/get-incident';
import { incidentMessages } from '../messages';
import { FormField, formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';

type Impact = IncidentDetailJson['capacityImpacts'][number];
/** What was just stored, as the notice tells it; `change` can be undone until its time is up. */
type Done = { text: string; change: MaintenanceChangeJson | null };
/** The change to undo: which one, and whether it lowered (create) or lifted (delete) capacity. */
type UndoTarget = Pick<MaintenanceChangeJson, 'id' | 'action'>;

/**
 * The capacity drops of an incident, and for whoever may (incident.capacity-impact) the buttons to lower capacity and
 * to lift a drop: each shows its effect on the conflicts first, asks for a confirm and can be undone for a while.
 */
export function CapacityImpacts({ incident: i }: { incident: IncidentDetailJson }) {
  const t = useT(incidentMessages);
  const f = useFormat();
  const user = useCurrentUser();
  const may = roleMay(user.role, 'incident.capacity-impact');
  // Lowering also needs an open incident: the API's list of actions says so.
  const mayLower = may && i.actions.includes('capacity-impact');
  const [lowering, setLowering] = useState(false);
  const [lifting, setLifting] = useState<Impact | null>(null);
  const [undoing, setUndoing] = useState<UndoTarget | null>(null);
  // The drop's own change, for whoever may undo it (its maker or the capacity manager) while its term runs.
  const undoableChange = (m: Impact) =>
    may && m.lastChange && Date.parse(m.lastChange.undoableUntil) > Date.now() && planChangeUndoerMay(user, m.lastChange.changedById) ? m.lastChange : null;
  const [message, setMessage] = useState<Done | null>(null);
  const done = (d: Done) => {
    setLowering(false);
    setLifting(null);
    setUndoing(null);
    setMessage(d);
  };
  if (!may && i.capacityImpacts.length === 0) return null;
  return (
    <Section title={t('incidentCapacity.title')} id="incident-capacity-title">
      {message && (
        <Notice kind="success" role="status">
          <p data-testid="incident-capacity-saved">{message.text}</p>
          {may && message.change && Date.parse(message.change.undoableUntil) > Date.now() && (
            <button type="button" className="button button--secondary button--small" onClick={() => setUndoing(message.change)}>
              {t('change.undo')} <span className="muted">{t('change.undoUntil', { time: f.time(message.change.undoableUntil) })}</span>
            </button>
          )}
        </Notice>
      )}
      {i.capacityImpacts.length === 0 ? (
        <p className="muted">{t('incidentCapacity.none')}</p>
      ) : (
        <ul className="timeline" data-testid="incident-capacity-impacts">
          {i.capacityImpacts.map((m) => {
            const undo = undoableChange(m);
            return (
              <li key={m.id}>
                <strong>{f.period(m.start, m.end)}</strong> · {t('incidentCapacity.remains', { percent: f.percent(m.factor) })}
                <span className="cell-sub">
                  {m.reason}
                  {m.createdBy && ` · ${m.createdBy}`}
                </span>
                {may && (
                  <button type="button" className="button button--ghost button--small button--danger" onClick={() => setLifting(m)}>
                    {t('incidentCapacity.lift')}
                    <span className="visually-hidden"> {f.period(m.start, m.end)}</span>
                  </button>
                )}
                {undo && (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    data-testid="incident-capacity-undo"
                    onClick={() => setUndoing({ id: undo.id, action: 'create' })}
                  >
                    {t('change.undo')}
                    <span className="visually-hidden"> {f.period(m.start, m.end)}</span>{' '}
                    <span className="muted">{t('change.undoUntil', { time: f.time(undo.undoableUntil) })}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {mayLower && (
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => setLowering(true)}>
            {t('incidentCapacity.lower')}
          </button>
        </div>
      )}
      <Dialog open={lowering} title={t('incidentCapacity.lowerTitle')} onClose={() => setLowering(false)}>
        {lowering && <LowerForm incidentId={i.id} onCancel={() => setLowering(false)} onDone={done} />}
      </Dialog>
      <LiftDialog incidentId={i.id} impact={lifting} onClose={() => setLifting(null)} onDone={done} />
      <UndoDialog incidentId={i.id} change={undoing} onClose={() => setUndoing(null)} onDone={done} />
    </Section>
  );
}

function LowerForm({ incidentId, onCancel, onDone }: { incidentId: number; onCancel: () => void; onDone: (d: Done) => void }) {
  const t = useT(incidentMessages);
  const id = useId();
  const lower = useLowerCapacity();
  const preview = usePreviewLowerCapacity();
  const [pending, setPending] = useState<CapacityImpactBody | null>(null);
  // From the next whole hour (Amsterdam's offset is whole hours), for four hours.
  const startMs = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  const [start, setStart] = useState(toLocalInputValue(startMs));
  const [end, setEnd] = useState(toLocalInputValue(startMs + 4 * 3_600_000));
  const [remaining, setRemaining] = useState('50');
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const failed = preview.error ?? lower.error;
  const { serverErrors, fieldError } = formErrors(failed, localError);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = fromLocalInputValue(start);
    const en = fromLocalInputValue(end);
    const factor = Number(remaining) / 100;
    if (s === null) return setLocalError({ field: 'start', message: t('incidentCapacity.errStart') });
    if (en === null || en <= s) return setLocalError({ field: 'end', message: t('incidentCapacity.errEnd') });
    if (remaining.trim() === '' || !(factor >= 0 && factor <= 1)) return setLocalError({ field: 'factor', message: t('incidentCapacity.errFactor') });
    setLocalError(null);
    const body: CapacityImpactBody = { start: new Date(s).toISOString(), end: new Date(en).toISOString(), factor, reason: reason.trim() || undefined };
    lower.reset();
    preview.mutate({ id: incidentId, body }, { onSuccess: () => setPending(body) });
  };

  if (pending && preview.data) {
    return (
      <div>
        <ChangePreview result={preview.data} />
        {lower.isError && (
          <p className="field-error" role="alert">
            {errorMessage(lower.error, t)}
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={lower.isPending}
            onClick={() =>
              lower.mutate(
                { id: incidentId, body: pending },
                { onSuccess: (r) => onDone({ text: `${t('incidentCapacity.lowered')} ${effectSentence(t, r.effect)}`, change: r.change }) },
              )
            }
          >
            {lower.isPending ? t('common.busy') : t('incidentCapacity.confirmLower')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setPending(null)}>
            {t('change.back')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="form-grid" data-testid="incident-capacity-form">
      <p className="field-hint form-grid__full">{t('incidentCapacity.timeHint')}</p>
      <FormField id={`${id}-start`} label={t('incidentCapacity.start')} error={fieldError('start')}>
        {(control) => <input {...control} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-end`} label={t('incidentCapacity.end')} error={fieldError('end')}>
        {(control) => <input {...control} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-factor`} label={t('incidentCapacity.remaining')} hint={t('incidentCapacity.remainingHint')} error={fieldError('factor')}>
        {(control) => <input {...control} type="number" min={0} max={100} step={5} value={remaining} onChange={(e) => setRemaining(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-reason`} label={t('incidentCapacity.reason')} hint={t('incidentCapacity.reasonHint')} error={fieldError('reason')} full>
        {(control) => <textarea {...control} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      <FormFooter
        busy={preview.isPending}
        busyLabel={t('change.checking')}
        submitLabel={t('incidentCapacity.check')}
        error={failed && serverErrors.length === 0 ? failed : undefined}
        onCancel={onCancel}
      />
    </form>
  );
}

function LiftDialog({ incidentId, impact, onClose, onDone }: { incidentId: number; impact: Impact | null; onClose: () => void; onDone: (d: Done) => void }) {
  const t = useT(incidentMessages);
  const f = useFormat();
  const lift = useLiftCapacityImpact();
  const preview = usePreviewLiftCapacityImpact();
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetLift } = lift;
  useEffect(() => {
    resetPreview();
    resetLift();
    if (impact) runPreview({ id: incidentId, impactId: impact.id });
  }, [impact, incidentId, runPreview, resetPreview, resetLift]);
  return (
    <ConfirmChangeDialog
      open={impact !== null}
      title={t('incidentCapacity.liftTitle')}
      lead={impact ? t('incidentCapacity.liftLead', { period: f.period(impact.start, impact.end), percent: f.percent(impact.factor) }) : undefined}
      preview={preview}
      confirmLabel={t('incidentCapacity.lift')}
      confirming={lift.isPending}
      error={lift.error}
      onConfirm={() =>
        impact &&
        lift.mutate(
          { id: incidentId, impactId: impact.id },
          { onSuccess: (r) => onDone({ text: `${t('incidentCapacity.lifted')} ${effectSentence(t, r.effect)}`, change: r.change }) },
        )
      }
      onClose={onClose}
    />
  );
}

function UndoDialog({
  incidentId,
  change,
  onClose,
  onDone,
}: {
  incidentId: number;
  change: UndoTarget | null;
  onClose: () => void;
  onDone: (d: Done) => void;
}) {
  const t = useT(incidentMessages);
  const undo = useUndoCapacityChange();
  const preview = usePreviewUndoCapacityChange();
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetUndo } = undo;
  useEffect(() => {
    resetPreview();
    resetUndo();
    if (change) runPreview({ id: incidentId, changeId: change.id });
  }, [change, incidentId, runPreview, resetPreview, resetUndo]);
  return (
    <ConfirmChangeDialog
      open={change !== null}
      title={t('incidentCapacity.undoTitle')}
      lead={change ? t(change.action === 'create' ? 'incidentCapacity.undoLead.create' : 'incidentCapacity.undoLead.delete') : undefined}
      preview={preview}
      confirmLabel={t('change.undo')}
      confirming={undo.isPending}
      error={undo.error}
      onConfirm={() =>
        change &&
        undo.mutate(
          { id: incidentId, changeId: change.id },
          { onSuccess: (r) => onDone({ text: `${t('incidentCapacity.undone')} ${effectSentence(t, r.effect)}`, change: null }) },
        )
      }
      onClose={onClose}
    />
  );
}
