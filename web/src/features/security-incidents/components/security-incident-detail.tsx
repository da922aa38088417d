import './security-report.css';
import { roleMay } from '@cd/shared/access';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { type SecurityIncident, useSecurityIncident, useSecurityIncidentAction } from '../api/security-incidents';
import { levelText, severityKey, statusKey } from './labels';
import { type SecurityIncidentT, securityIncidentMessages } from '../messages';

/** One security incident as an ad-hoc report (DAP 6.2): its facts, level and trail, printable; with the actions the user may take. */
export function SecurityIncidentDetail({ id }: { id: number }) {
  const t = useT(securityIncidentMessages);
  const f = useFormat();
  const query = useSecurityIncident(id);
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const s = query.data!;
  return (
    <article className="security-report" aria-labelledby="security-report-title">
      <h2 id="security-report-title">
        {s.reference}: {s.title}
      </h2>
      <dl className="facts">
        <dt>{t('sec.severity')}</dt>
        <dd>{t(severityKey(s.severity))}</dd>
        <dt>{t('sec.status')}</dt>
        <dd>{t(statusKey(s.status))}</dd>
        <dt>{t('sec.reporter')}</dt>
        <dd>{s.afnemerName ?? t('sec.logius')}</dd>
        <dt>{t('sec.reportedAt')}</dt>
        <dd>{f.dateTime(s.reportedAt)}</dd>
        {s.closedAt && (
          <>
            <dt>{t('sec.closedAt')}</dt>
            <dd>{f.dateTime(s.closedAt)}</dd>
          </>
        )}
        <dt>{t('sec.level')}</dt>
        <dd data-testid="security-level">{levelText(t, s.level, s.levelTitle)}</dd>
      </dl>
      <h3>{t('sec.description')}</h3>
      <p className="pre-wrap">{s.description}</p>
      <h3>{t('sec.trail')}</h3>
      <ol className="trail" data-testid="security-trail">
        {s.events.map((e) => (
          <li key={e.id}>
            {f.dateTime(e.at)} · {e.actor ?? '–'} · {eventText(t, e)}
          </li>
        ))}
      </ol>
      <div className="actions no-print">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('sec.print')}
        </button>
      </div>
      <SecurityActions incident={s} />
    </article>
  );
}

function eventText(t: SecurityIncidentT, e: SecurityIncident['events'][number]): string {
  const p = e.payload as Record<string, string | number>;
  if (e.action === 'reported') return t('sec.event.reported');
  if (e.action === 'escalated') return t('sec.event.escalated', { level: p.to ?? '', title: p.title ?? '', reason: p.reason ?? '' });
  if (e.action === 'status') return t('sec.event.status', { status: t(statusKey(p.to as never)), note: p.note ?? '' });
  return t('sec.event.note', { text: p.text ?? '' });
}

/** Escalate (both sides), and for the security officer status and notes: only the buttons the user may press. */
function SecurityActions({ incident: s }: { incident: SecurityIncident }) {
  const t = useT(securityIncidentMessages);
  const id = useId();
  const user = useCurrentUser();
  const act = useSecurityIncidentAction(s.id);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  if (s.status === 'afgesloten') return null;
  const mayEscalate = roleMay(user.role, 'security-incident.escalate') && s.nextLevelTitle !== null;
  const mayHandle = roleMay(user.role, 'security-incident.handle');
  if (!mayEscalate && !mayHandle) return null;
  const serverError =
    act.error instanceof ApiError ? (act.error.errors[0]?.message ?? errorMessage(act.error, t)) : act.error ? errorMessage(act.error, t) : null;
  const done = (m: string) => () => {
    setMessage(m);
    setReason('');
    setNote('');
  };
  const escalate = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    if (!reason.trim()) return setLocalError(t('sec.errReason'));
    setLocalError(null);
    act.mutate({ type: 'escalate', fromLevel: s.level, reason: reason.trim() }, { onSuccess: done(t('sec.escalated', { title: s.nextLevelTitle ?? '' })) });
  };
  return (
    <section className="no-print" aria-labelledby={`${id}-actions`}>
      <h3 id={`${id}-actions`}>{t('sec.actions')}</h3>
      {message && (
        <Notice kind="success" role="status">
          {message}
        </Notice>
      )}
      {(localError || serverError) && (
        <p className="field-error" role="alert">
          {localError ?? serverError}
        </p>
      )}
      {mayEscalate && (
        <form onSubmit={escalate} noValidate className="form-grid">
          <div className="field form-grid__full">
            <label htmlFor={`${id}-reason`}>{t('sec.reason', { title: s.nextLevelTitle ?? '' })}</label>
            <textarea id={`${id}-reason`} rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} required />
          </div>
          <div className="actions form-grid__full">
            <button type="submit" className="button button--primary" disabled={act.isPending}>
              {t('sec.escalate', { title: s.nextLevelTitle ?? '' })}
            </button>
          </div>
        </form>
      )}
      {mayHandle && (
        <div className="form-grid">
          <div className="field form-grid__full">
            <label htmlFor={`${id}-note`}>{t('sec.note')}</label>
            <textarea id={`${id}-note`} rows={2} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="actions form-grid__full">
            <button
              type="button"
              className="button button--secondary"
              disabled={act.isPending || !note.trim()}
              onClick={() => act.mutate({ type: 'note', text: note.trim() }, { onSuccess: done(t('sec.noted')) })}
            >
              {t('sec.addNote')}
            </button>
            {s.status === 'gemeld' && (
              <button
                type="button"
                className="button button--secondary"
                disabled={act.isPending || !note.trim()}
                onClick={() => act.mutate({ type: 'status', status: 'in-behandeling', note: note.trim() }, { onSuccess: done(t('sec.statusSaved')) })}
              >
                {t('sec.startHandling')}
              </button>
            )}
            <button
              type="button"
              className="button button--secondary"
              disabled={act.isPending || !note.trim()}
              onClick={() => act.mutate({ type: 'status', status: 'afgesloten', note: note.trim() }, { onSuccess: done(t('sec.statusSaved')) })}
            >
              {t('sec.close')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
