import { roleMay } from '@cd/shared/access';
import { SECURITY_SEVERITIES, type SecuritySeverity } from '@cd/shared/security-incidents';
import { type FormEvent, useId, useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { FormField, formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { useCurrentUser } from '../../../lib/session';
import { useReportSecurityIncident, useSecurityIncidents } from '../api/security-incidents';
import { levelText, severityKey, statusKey } from './labels';
import { securityIncidentMessages } from '../messages';

/** The security incidents the user may see: all for the security officer, the own Afnemer's reports for a planner. */
export function SecurityIncidentList() {
  const t = useT(securityIncidentMessages);
  const f = useFormat();
  const query = useSecurityIncidents();
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data ?? [];
  if (rows.length === 0) return <EmptyState title={t('sec.empty')} />;
  return (
    <ScrollRegion label={t('sec.listCaption')}>
      <table className="table" data-testid="security-incidents">
        <caption className="visually-hidden">{t('sec.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sec.reference')}</th>
            <th scope="col">{t('sec.titleField')}</th>
            <th scope="col">{t('sec.severity')}</th>
            <th scope="col">{t('sec.status')}</th>
            <th scope="col">{t('sec.reporter')}</th>
            <th scope="col">{t('sec.level')}</th>
            <th scope="col">{t('sec.reportedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} data-security-incident={s.reference}>
              <th scope="row">
                <Link to={`/beveiligingsincidenten/${s.id}`}>{s.reference}</Link>
              </th>
              <td>{s.title}</td>
              <td>{t(severityKey(s.severity))}</td>
              <td>{t(statusKey(s.status))}</td>
              <td>{s.afnemerName ?? t('sec.logius')}</td>
              <td data-testid="security-level">{levelText(t, s.level, s.levelTitle)}</td>
              <td>{f.dateTime(s.reportedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Report a security incident (DAP 6.2); a planner for its own Afnemer, the security officer for Logius. */
export function SecurityIncidentForm() {
  const t = useT(securityIncidentMessages);
  const id = useId();
  const user = useCurrentUser();
  const report = useReportSecurityIncident();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<SecuritySeverity>('middel');
  const [done, setDone] = useState<string | null>(null);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  if (!roleMay(user.role, 'security-incident.report')) return null;
  const { serverErrors, fieldError } = formErrors(report.error, localError);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!title.trim()) return setLocalError({ field: 'title', message: t('sec.errTitle') });
    if (!description.trim()) return setLocalError({ field: 'description', message: t('sec.errDescription') });
    setLocalError(null);
    report.mutate(
      { title: title.trim(), description: description.trim(), severity },
      {
        onSuccess: (s) => {
          setTitle('');
          setDescription('');
          setDone(t('sec.reported', { reference: s.reference }));
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="form-grid" aria-label={t('sec.formTitle')}>
      <FormField id={`${id}-title`} label={t('sec.titleField')} error={fieldError('title')}>
        {(control) => <input {...control} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} required />}
      </FormField>
      <FormField id={`${id}-severity`} label={t('sec.severity')}>
        {(control) => (
          <select {...control} value={severity} onChange={(e) => setSeverity(e.target.value as SecuritySeverity)}>
            {SECURITY_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(severityKey(s))}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-description`} label={t('sec.description')} error={fieldError('description')} full>
        {(control) => <textarea {...control} value={description} rows={4} maxLength={10_000} onChange={(e) => setDescription(e.target.value)} required />}
      </FormField>
      <FormFooter
        busy={report.isPending}
        submitLabel={t('sec.submit')}
        error={report.isError && serverErrors.length === 0 ? report.error : undefined}
        done={done}
      />
    </form>
  );
}
