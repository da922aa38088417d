import '../../../components/details.css';
import { INCIDENT_CHANNELS, INCIDENT_KINDS, PRIORITIES, type Priority } from '@cd/shared/constants';
import { roleMay } from '@cd/shared/access';
import { type FormEvent, useContext, useId, useState } from 'react';
import { DialogLauncher } from '../../../components/dialog';
import { FieldError, FormField, formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';
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
  const { serverErrors, fieldError } = formErrors(report.error, localError);

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
      <FormField id={`${id}-title`} label={t('incidentReport.titleField')} error={fieldError('title')} full>
        {(control) => <input {...control} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-description`} label={t('incidentReport.description')} full>
        {(control) => <textarea {...control} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-channel`} label={t('incidentReport.channel')}>
        {(control) => (
          <select {...control} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {INCIDENT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`incidentReport.channel.${c}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id={`${id}-priority`}
        label={sets ? t('incidentReport.priority') : t('incidentReport.proposedPriority')}
        hint={sets ? t('incidentReport.priorityHint') : t('incidentReport.proposedPriorityHint')}
        error={fieldError(sets ? 'priority' : 'proposedPriority')}
      >
        {(control) => (
          <select {...control} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {user.afnemer ? (
        <p className="field-hint form-grid__full">{t('incidentReport.ownAfnemer', { afnemer: user.afnemer.name })}</p>
      ) : (
        <fieldset className="field form-grid__full" aria-describedby={fieldError('afnemers') ? `${id}-afnemers-err` : undefined}>
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
          <FieldError id={`${id}-afnemers`} error={fieldError('afnemers')} />
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
