import '../../../components/details.css';
import { INCIDENT_CHANNELS, INCIDENT_KINDS, PRIORITIES, type Priority } from '@cd/shared/constants';
import { roleMay } from '@cd/shared/access';
import { type FormEvent, useContext, useId, useState } from 'react';
import { DialogLauncher } from '../../../components/dialog';
import { FormFooter } from '../../../components/form-footer';
import { ApiError } from '../../../lib/api-client';
import { AfnemerNamesContext } from '../../../lib/afnemer-names';
import { useT } from '../../../lib/i18n';
import { navigate } from '../../../lib/router';
import { useCurrentUser } from '../../../lib/session';
import { type IncidentReport, useReportIncident } from '../api/report-incident';
import { incidentMessages } from '../messages';

type Kind = IncidentReport['kind'];
type Channel = IncidentReport['channel'];

/**
 * "Verstoring melden": a button for a role that may report, and its form. An Afnemer's user reports for its own
 * Afnemer and proposes a priority; Logius names the Afnemers and sets the priority (DAP 5.3 step 2).
 */
export function ReportIncident() {
  const t = useT(incidentMessages);
  const user = useCurrentUser();
  if (!roleMay(user.role, 'incident.report')) return null;
  return (
    <DialogLauncher label={t('incidentReport.open')} title={t('incidentReport.title')}>
      {(close) => <ReportForm onCancel={close} />}
    </DialogLauncher>
  );
}

function ReportForm({ onCancel }: { onCancel: () => void }) {
  const t = useT(incidentMessages);
  const id = useId();
  const user = useCurrentUser();
  const names = useContext(AfnemerNamesContext);
  const sets = roleMay(user.role, 'incident.prioritise');
  const report = useReportIncident();
  const [kind, setKind] = useState<Kind>(user.afnemer?.oin ? 'afnemer-systeem' : 'mijnoverheid');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [channel, setChannel] = useState<Channel>('telefoon');
  const [priority, setPriority] = useState<Priority>('P3');
  const [afnemers, setAfnemers] = useState<string[]>(user.afnemer ? [user.afnemer.oin] : []);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const serverErrors = report.error instanceof ApiError ? report.error.errors : [];
  const fieldError = (field: string) => (localError?.field === field ? localError.message : serverErrors.find((e) => e.field === field)?.message);
  const err = (field: string) => {
    const m = fieldError(field);
    return m ? (
      <p id={`${id}-${field}-err`} className="field-error">
        {m}
      </p>
    ) : null;
  };
  const described = (field: string, hint?: string) => [hint, fieldError(field) ? `${id}-${field}-err` : ''].filter(Boolean).join(' ') || undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setLocalError({ field: 'title', message: t('incidentReport.errTitle') });
    if (afnemers.length === 0) return setLocalError({ field: 'afnemers', message: t('incidentReport.errAfnemers') });
    setLocalError(null);
    const body: IncidentReport = {
      kind,
      title: title.trim(),
      description: description.trim(),
      channel,
      afnemers,
      ...(sets ? { priority } : { proposedPriority: priority }),
    };
    report.mutate(body, { onSuccess: (incident) => navigate(`/incidenten/${incident.id}`) });
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid">
      <fieldset className="field form-grid__full">
        <legend>{t('incidentReport.kind')}</legend>
        {INCIDENT_KINDS.map((k) => (
          <label key={k} className="radio">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(`incidentReport.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="field form-grid__full">
        <label htmlFor={`${id}-title`}>{t('incidentReport.titleField')}</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={!!fieldError('title')}
          aria-describedby={described('title')}
        />
        {err('title')}
      </div>
      <div className="field form-grid__full">
        <label htmlFor={`${id}-description`}>{t('incidentReport.description')}</label>
        <textarea id={`${id}-description`} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-channel`}>{t('incidentReport.channel')}</label>
        <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
          {INCIDENT_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`incidentReport.channel.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-priority`}>{sets ? t('incidentReport.priority') : t('incidentReport.proposedPriority')}</label>
        <p id={`${id}-priority-hint`} className="field-hint">
          {sets ? t('incidentReport.priorityHint') : t('incidentReport.proposedPriorityHint')}
        </p>
        <select
          id={`${id}-priority`}
          value={priority}
          onChange={(e) => setPriority(e.target.value as Priority)}
          aria-describedby={described(sets ? 'priority' : 'proposedPriority', `${id}-priority-hint`)}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        {err(sets ? 'priority' : 'proposedPriority')}
      </div>
      {user.afnemer ? (
        <p className="field-hint form-grid__full">{t('incidentReport.ownAfnemer', { afnemer: user.afnemer.name })}</p>
      ) : (
        <fieldset className="field form-grid__full" aria-describedby={described('afnemers')}>
          <legend>{t('incidentReport.afnemers')}</legend>
          {[...names.entries()].map(([oin, name]) => (
            <label key={oin} className="checkbox">
              <input
                type="checkbox"
                checked={afnemers.includes(oin)}
                onChange={(e) => setAfnemers((a) => (e.target.checked ? [...a, oin] : a.filter((x) => x !== oin)))}
              />
              {name}
            </label>
          ))}
          {err('afnemers')}
        </fieldset>
      )}
      <FormFooter
        busy={report.isPending}
        submitLabel={t('incidentReport.submit')}
        error={report.isError && serverErrors.length === 0 ? report.error : undefined}
        onCancel={onCancel}
      />
    </form>
  );
}
