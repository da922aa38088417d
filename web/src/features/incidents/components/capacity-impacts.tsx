import { roleMay } from '@cd/shared/access';
import { planChangeUndoerMay } from '@cd/shared/plan-changes';
import type { MaintenanceChangeJson } from '@cd/shared';
import { useState } from 'react';
import {
  type CapacityDropDone,
  CapacityDropForm,
  CapacityDropNotice,
  capacityDropValues,
  PreviewedChangeDialog,
  UndoButton,
} from '../../../components/capacity-drop-form';
import { effectSentence } from '../../../components/change-preview';
import { Dialog } from '../../../components/dialog';
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

type Impact = IncidentDetailJson['capacityImpacts'][number];
type Done = CapacityDropDone;
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
  // The drop's own change, for whoever may undo it (its maker or the capacity manager); UndoButton shows it while its term runs.
  const undoableChange = (m: Impact) => (may && m.lastChange && planChangeUndoerMay(user, m.lastChange.changedById) ? m.lastChange : null);
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
      <CapacityDropNotice done={message} testId="incident-capacity-saved" mayUndo={may} onUndo={setUndoing} />
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
                  <UndoButton
                    until={undo.undoableUntil}
                    className="button button--ghost button--small"
                    context={f.period(m.start, m.end)}
                    testId="incident-capacity-undo"
                    onClick={() => setUndoing({ id: undo.id, action: 'create' })}
                  />
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

/** A drop from the next whole hour (Amsterdam's offset is whole hours), for four hours, at half capacity. */
function lowerValues() {
  const startMs = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  return capacityDropValues({ start: startMs, end: startMs + 4 * 3_600_000, factor: 0.5 });
}

function LowerForm({ incidentId, onCancel, onDone }: { incidentId: number; onCancel: () => void; onDone: (d: Done) => void }) {
  const t = useT(incidentMessages);
  const [initial] = useState(lowerValues);
  return (
    <CapacityDropForm
      testId="incident-capacity-form"
      initial={initial}
      texts={{
        timeHint: t('incidentCapacity.timeHint'),
        start: t('incidentCapacity.start'),
        end: t('incidentCapacity.end'),
        remaining: t('incidentCapacity.remaining'),
        remainingHint: t('incidentCapacity.remainingHint'),
        reason: t('incidentCapacity.reason'),
        reasonHint: t('incidentCapacity.reasonHint'),
        errStart: t('incidentCapacity.errStart'),
        errEnd: t('incidentCapacity.errEnd'),
        errFactor: t('incidentCapacity.errFactor'),
        check: t('incidentCapacity.check'),
        confirm: t('incidentCapacity.confirmLower'),
      }}
      variables={(d): { id: number; body: CapacityImpactBody } => ({ id: incidentId, body: { ...d, reason: d.reason || undefined } })}
      preview={usePreviewLowerCapacity()}
      commit={useLowerCapacity()}
      onDone={(r) => onDone({ text: `${t('incidentCapacity.lowered')} ${effectSentence(t, r.effect)}`, change: r.change })}
      onCancel={onCancel}
    />
  );
}

function LiftDialog({ incidentId, impact, onClose, onDone }: { incidentId: number; impact: Impact | null; onClose: () => void; onDone: (d: Done) => void }) {
  const t = useT(incidentMessages);
  const f = useFormat();
  return (
    <PreviewedChangeDialog
      target={impact}
      variables={(m) => ({ id: incidentId, impactId: m.id })}
      preview={usePreviewLiftCapacityImpact()}
      commit={useLiftCapacityImpact()}
      title={t('incidentCapacity.liftTitle')}
      lead={(m) => t('incidentCapacity.liftLead', { period: f.period(m.start, m.end), percent: f.percent(m.factor) })}
      confirmLabel={t('incidentCapacity.lift')}
      onDone={(r) => onDone({ text: `${t('incidentCapacity.lifted')} ${effectSentence(t, r.effect)}`, change: r.change })}
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
  return (
    <PreviewedChangeDialog
      target={change}
      variables={(c) => ({ id: incidentId, changeId: c.id })}
      preview={usePreviewUndoCapacityChange()}
      commit={useUndoCapacityChange()}
      title={t('incidentCapacity.undoTitle')}
      lead={(c) => t(c.action === 'create' ? 'incidentCapacity.undoLead.create' : 'incidentCapacity.undoLead.delete')}
      confirmLabel={t('change.undo')}
      onDone={(r) => onDone({ text: `${t('incidentCapacity.undone')} ${effectSentence(t, r.effect)}`, change: null })}
      onClose={onClose}
    />
  );
}
