import { incidentStatusNext, PRIORITIES, type Priority } from '@cd/shared/constants';
import { fromLocalInputValue, toLocalInputValue } from '@cd/shared/time';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { ErrorMessage, Loading } from '../../../components/feedback';
import { type FieldControl, FormField, formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';
import { Section } from '../../../components/page';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type IncidentActionBody, useActOnIncident } from '../api/act-on-incident';
import { type IncidentDetailJson, useIncident } from '../api/get-incident';
import '../../../components/details.css';
import { CALAMITY_REASON_LABEL, CALAMITY_STATUS_LABEL, INCIDENT_STATUS_LABEL } from '../labels';
import { CapacityImpacts } from './capacity-impacts';
import { PriorityBadge } from './priority-badge';
import { CalamityMeter, TimeLeft, useNow } from './time-left';
import { type IncidentKey, type IncidentT, incidentMessages } from '../messages';

/** The actions this screen offers, in the order of the buttons; the API says which of them the user may take now. */
const ACTIONS = ['priority', 'update', 'status', 'agree-resolution', 'propose-calamity', 'confirm-calamity', 'declare-crisis', 'close'] as const;
type ScreenAction = (typeof ACTIONS)[number];
const ACTION_LABEL: Record<ScreenAction, IncidentKey> = {
  priority: 'incidentAction.priority',
  update: 'incidentAction.update',
  status: 'incidentAction.status',
  'agree-resolution': 'incidentAction.agree-resolution',
  'propose-calamity': 'incidentAction.propose-calamity',
  'confirm-calamity': 'incidentAction.confirm-calamity',
  'declare-crisis': 'incidentAction.declare-crisis',
  close: 'incidentAction.close',
};
const REASONS = Object.keys(CALAMITY_REASON_LABEL) as (keyof typeof CALAMITY_REASON_LABEL)[];

/** One incident as everyone involved sees it: the SNO clock, the priority (set or proposed), updates and history, and only the buttons of the actions the user may take. */
export function IncidentDetail({ id }: { id: number }) {
  const t = useT(incidentMessages);
  const query = useIncident(id);
  if (query.isLoading) return <Loading label={t('incidents.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  return <IncidentView incident={query.data!} />;
}

function IncidentView({ incident: i }: { incident: IncidentDetailJson }) {
  const t = useT(incidentMessages);
  const f = useFormat();
  const name = useAfnemerName();
  const now = useNow(15_000);
  const [acting, setActing] = useState<ScreenAction | null>(null);
  const offered = ACTIONS.filter((a) => i.actions.includes(a));
  const agreement = i.resolutionAgreement;
  return (
    <>
      <Section title={t('incidentDetail.facts')} id="incident-facts-title">
        <dl className="facts" data-testid="incident-facts">
          <dt>{t('incidents.priority')}</dt>
          <dd data-testid="incident-priority">
            <PriorityBadge incident={i} />{' '}
            {i.prioritised ? (
              <span className="cell-sub">
                {i.prioritisedBy ? t('incidentDetail.prioritisedBy', { by: i.prioritisedBy, at: f.dateTimeShort(i.prioritisedAt ?? i.reportedAt) }) : null}
                {i.proposedPriority && i.proposedPriority !== i.priority ? ` · ${t('incidentDetail.proposedWas', { priority: i.proposedPriority })}` : ''}
              </span>
            ) : (
              <span className="cell-sub">{t('incidentDetail.awaitingPriority')}</span>
            )}
          </dd>
          <dt>{t('incidents.status')}</dt>
          <dd data-testid="incident-status">{t(INCIDENT_STATUS_LABEL[i.status])}</dd>
          <dt>{t('incidentDetail.sno')}</dt>
          <dd data-testid="sno-clock">
            <TimeLeft incident={i} now={now} />
            {agreement && (
              <span className="cell-sub" data-testid="resolution-agreement">
                {t('incidentDetail.agreement', {
                  with: agreement.agreedWith,
                  by: agreement.agreedBy ?? '–',
                  at: f.dateTimeShort(agreement.agreedAt),
                  reason: agreement.reason,
                })}
              </span>
            )}
            {i.calamity.usedFraction !== null && i.status !== 'gesloten' && <CalamityMeter usedFraction={i.calamity.usedFraction} />}
          </dd>
          <dt>{t('incidentDetail.calamity')}</dt>
          <dd data-testid="incident-calamity">
            {t(CALAMITY_STATUS_LABEL[i.calamity.status])}
            {i.calamity.reason && ` · ${t(CALAMITY_REASON_LABEL[i.calamity.reason])}`}
          </dd>
          <dt>{t('incidents.afnemers')}</dt>
          <dd>{i.afnemers.map(name).join(', ')}</dd>
          <dt>{t('incidentDetail.reported')}</dt>
          <dd>
            {f.dateTimeShort(i.reportedAt)}
            {i.reportedBy && ` · ${i.reportedBy}`}
          </dd>
          {i.description && (
            <>
              <dt>{t('incidentReport.description')}</dt>
              <dd className="prewrap">{i.description}</dd>
            </>
          )}
          {i.closingReport && (
            <>
              <dt>{t('incidentDetail.closingReport')}</dt>
              <dd className="prewrap" data-testid="closing-report">
                {i.closingReport}
              </dd>
            </>
          )}
        </dl>
        {offered.length > 0 && (
          <div className="actions" data-testid="incident-actions">
            {offered.map((a) => (
              <button key={a} type="button" className="button button--secondary" onClick={() => setActing(a)}>
                {t(ACTION_LABEL[a])}
              </button>
            ))}
          </div>
        )}
      </Section>
      <CapacityImpacts incident={i} />
      <Section title={t('incidentDetail.updates')} id="incident-updates-title">
        {i.updates.length === 0 ? (
          <p className="muted">{t('incidentDetail.noUpdates')}</p>
        ) : (
          <ol className="timeline" data-testid="incident-updates">
            {[...i.updates].reverse().map((u) => (
              <li key={`${u.at}-${u.text}`}>
                <span className="cell-sub">
                  {f.dateTimeShort(u.at)} · {u.by ?? '–'}
                </span>
                <p className="prewrap">{u.text}</p>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title={t('incidentDetail.history')} id="incident-history-title">
        <ol className="timeline">
          {i.events.map((e) => (
            <li key={e.id}>
              <span className="cell-sub">
                {f.dateTimeShort(e.at)} · {e.actor ?? t('incidentDetail.system')}
              </span>{' '}
              {eventText(e, t, f)}
            </li>
          ))}
        </ol>
      </Section>
      <Dialog open={acting !== null} title={acting ? t(ACTION_LABEL[acting]) : ''} onClose={() => setActing(null)}>
        {acting && <ActionForm key={acting} incident={i} action={acting} onDone={() => setActing(null)} />}
      </Dialog>
    </>
  );
}

function eventText(e: IncidentDetailJson['events'][number], t: IncidentT, f: ReturnType<typeof useFormat>): string {
  const p = e.payload as Record<string, string | undefined>;
  switch (e.action) {
    case 'reported':
      return t('incidentEvent.reported');
    case 'priority':
      return t('incidentEvent.priority', { from: p.from ?? '', to: p.to ?? '', reason: p.reason ?? '' });
    case 'agree-resolution':
      return t('incidentEvent.agreeResolution', { to: p.to ? f.dateTimeShort(p.to) : '', with: p.agreedWith ?? '', reason: p.reason ?? '' });
    case 'calamity-proposed':
      return t('incidentEvent.calamityProposed');
    case 'confirm-calamity':
      return t('incidentEvent.calamityConfirmed');
    case 'close':
      return t('incidentEvent.closed');
    case 'status':
      return t('incidentEvent.status', { to: p.to ?? '' });
    case 'update':
      return t('incidentEvent.update');
    case 'capacity-lowered':
      return t('incidentEvent.capacityLowered', { percent: f.percent(Number(p.factor)), period: f.period(p.start ?? '', p.end ?? '') });
    case 'capacity-restored':
      return t('incidentEvent.capacityRestored', { period: f.period(p.start ?? '', p.end ?? '') });
    case 'capacity-lowering-undone':
      return t('incidentEvent.capacityLoweringUndone', { period: f.period(p.start ?? '', p.end ?? '') });
    case 'capacity-restoring-undone':
      return t('incidentEvent.capacityRestoringUndone', { period: f.period(p.start ?? '', p.end ?? '') });
    default:
      return e.action;
  }
}

function ActionForm({ incident: i, action, onDone }: { incident: IncidentDetailJson; action: ScreenAction; onDone: () => void }) {
  const t = useT(incidentMessages);
  const id = useId();
  const act = useActOnIncident();
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [priority, setPriority] = useState<Priority>(i.priority);
  // Closing is its own action (with an afmelding); the status action offers the other moves the status allows.
  const moves = incidentStatusNext(i.status).filter((s): s is 'in-behandeling' | 'opgelost' => s !== 'gesloten' && s !== 'gemeld');
  const [status, setStatus] = useState(moves[0] ?? 'opgelost');
  const [due, setDue] = useState(toLocalInputValue(i.resolutionDueAt));
  const [agreedWith, setAgreedWith] = useState('');
  const [reason, setReason] = useState<(typeof REASONS)[number]>('imago');
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const { serverErrors, fieldError } = formErrors(act.error, localError);
  const field = (name: string, label: string, input: (control: FieldControl) => ReactNode) => (
    <FormField id={`${id}-${name}`} label={label} error={fieldError(name)} full>
      {input}
    </FormField>
  );
  const required = (value: string, name: string) => {
    if (value.trim()) return true;
    setLocalError({ field: name, message: t('incidentAction.required') });
    return false;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    let body: IncidentActionBody;
    switch (action) {
      case 'update':
        if (!required(text, 'text')) return;
        body = { type: 'update', text: text.trim() };
        break;
      case 'status':
        body = { type: 'status', status, note: note.trim() };
        break;
      case 'close':
        if (!required(text, 'closingReport')) return;
        body = { type: 'close', closingReport: text.trim() };
        break;
      case 'priority':
        if (!required(text, 'reason')) return;
        body = { type: 'priority', priority, reason: text.trim() };
        break;
      case 'agree-resolution': {
        const ms = fromLocalInputValue(due);
        if (ms === null) return setLocalError({ field: 'resolutionDueAt', message: t('incidentAction.errDue') });
        if (!required(agreedWith, 'agreedWith') || !required(text, 'reason')) return;
        body = { type: 'agree-resolution', resolutionDueAt: new Date(ms).toISOString(), agreedWith: agreedWith.trim(), reason: text.trim() };
        break;
      }
      case 'propose-calamity':
        body = { type: 'propose-calamity', reason, note: note.trim() };
        break;
      case 'confirm-calamity':
        body = { type: 'confirm-calamity', reason, note: note.trim() };
        break;
      case 'declare-crisis':
        if (!required(text, 'note')) return;
        body = { type: 'declare-crisis', note: text.trim() };
        break;
    }
    act.mutate({ id: i.id, body }, { onSuccess: onDone });
  };

  const textArea = (name: string, label: string) =>
    field(name, label, (props) => <textarea {...props} rows={4} value={text} onChange={(e) => setText(e.target.value)} />);
  const reasonSelect = () =>
    field('reason', t('incidentAction.calamityReason'), (props) => (
      <select {...props} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {t(CALAMITY_REASON_LABEL[r])}
          </option>
        ))}
      </select>
    ));
  const noteArea = () =>
    field('note', t('incidentAction.note'), (props) => <textarea {...props} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />);

  return (
    <form onSubmit={submit} noValidate className="form-grid" data-testid={`incident-action-${action}`}>
      {action === 'update' && textArea('text', t('incidentAction.updateText'))}
      {action === 'close' && (
        <>
          <p className="field-hint form-grid__full">{t('incidentAction.closeHint')}</p>
          {textArea('closingReport', t('incidentAction.closingReport'))}
        </>
      )}
      {action === 'status' && (
        <>
          {field('status', t('incidents.status'), (props) => (
            <select {...props} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
              {moves.map((s) => (
                <option key={s} value={s}>
                  {t(INCIDENT_STATUS_LABEL[s])}
                </option>
              ))}
            </select>
          ))}
          {noteArea()}
        </>
      )}
      {action === 'priority' && (
        <>
          {!i.prioritised && i.proposedPriority && (
            <p className="field-hint form-grid__full">{t('incidentAction.proposedBy', { priority: i.proposedPriority })}</p>
          )}
          {field('priority', t('incidents.priority'), (props) => (
            <select {...props} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          ))}
          {textArea('reason', t('incidentAction.priorityReason'))}
        </>
      )}
      {action === 'agree-resolution' && (
        <>
          <p className="field-hint form-grid__full">{t('incidentAction.agreeHint')}</p>
          {field('resolutionDueAt', t('incidentAction.agreedDue'), (props) => (
            <input {...props} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
          ))}
          {field('agreedWith', t('incidentAction.agreedWith'), (props) => (
            <input {...props} value={agreedWith} maxLength={200} onChange={(e) => setAgreedWith(e.target.value)} />
          ))}
          {textArea('reason', t('incidentAction.agreeReason'))}
        </>
      )}
      {(action === 'propose-calamity' || action === 'confirm-calamity') && (
        <>
          {reasonSelect()}
          {noteArea()}
        </>
      )}
      {action === 'declare-crisis' && textArea('note', t('incidentAction.crisisNote'))}
      <FormFooter
        busy={act.isPending}
        submitLabel={t(ACTION_LABEL[action])}
        error={act.isError && serverErrors.length === 0 ? act.error : undefined}
        onCancel={onDone}
      />
    </form>
  );
}
