import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage, errorMessage, Loading } from '../../../components/feedback';
import { Section } from '../../../components/page';
import { ScrollRegion } from '../../../components/scroll-region';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type RfcActionBody, useActOnRfc, useEscalateRfc } from '../api/act-on-rfc';
import { useReleases } from '../api/get-releases';
import { type RfcDetailJson, useRfc } from '../api/get-rfc';
import '../../../components/details.css';
import { CHANGE_TYPE_LABEL, RFC_KIND_LABEL, RFC_STATUS_LABEL } from '../labels';
import { type ChangesKey, changesMessages } from '../messages';

type ActionType = RfcDetailJson['availableActions'][number];
const ACTION_LABEL: Record<ActionType, ChangesKey> = {
  analyse: 'rfcAction.analyse',
  'impact-analyse': 'rfcAction.impact-analyse',
  decide: 'rfcAction.decide',
  plan: 'rfcAction.plan',
  implement: 'rfcAction.implement',
};

/** One RFC: what was filed, the steps taken (analysis, impact analysis, CAB decision), the next step for Logius, and the §7.3 ladder of its type. */
export function RfcDetail({ id }: { id: number }) {
  const t = useT(changesMessages);
  const query = useRfc(id);
  if (query.isLoading) return <Loading label={t('changes.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  return <RfcView rfc={query.data!} />;
}

function RfcView({ rfc }: { rfc: RfcDetailJson }) {
  const t = useT(changesMessages);
  const f = useFormat();
  const record = (label: ChangesKey, r: { text: string; by: string; at: string } | null, testId: string) =>
    r && (
      <>
        <dt>{t(label)}</dt>
        <dd data-testid={testId}>
          <span className="prewrap">{r.text}</span>
          <span className="cell-sub">
            {r.by} · {f.dateTimeShort(r.at)}
          </span>
        </dd>
      </>
    );
  return (
    <>
      <Section title={t('rfcDetail.facts')} id="rfc-facts-title">
        <dl className="facts">
          <dt>{t('changes.kind')}</dt>
          <dd data-testid="rfc-kind">{t(RFC_KIND_LABEL[rfc.kind])}</dd>
          <dt>{t('rfcFile.changeType')}</dt>
          <dd data-testid="rfc-type">{t(CHANGE_TYPE_LABEL[rfc.changeType])}</dd>
          <dt>{t('changes.status')}</dt>
          <dd data-testid="rfc-status">{t(RFC_STATUS_LABEL[rfc.status])}</dd>
          <dt>{t('common.afnemer')}</dt>
          <dd>{rfc.afnemerName ?? t('rfcDetail.logius')}</dd>
          {rfc.incidentNumber && (
            <>
              <dt>{t('rfcFile.incidentNumber')}</dt>
              <dd className="kenmerk" data-testid="rfc-incident">
                {rfc.incidentNumber}
              </dd>
            </>
          )}
          <dt>{t('rfcDetail.filed')}</dt>
          <dd>
            {rfc.filedBy} · {f.dateTimeShort(rfc.filedAt)}
          </dd>
          {rfc.description && (
            <>
              <dt>{t('rfcFile.description')}</dt>
              <dd className="prewrap">{rfc.description}</dd>
            </>
          )}
          {record('rfcDetail.analysis', rfc.analysis, 'rfc-analysis')}
          {record('rfcDetail.impact', rfc.impact, 'rfc-impact')}
          {record('rfcDetail.decision', rfc.decision, 'rfc-decision')}
          {record('rfcDetail.implemented', rfc.implemented, 'rfc-implemented')}
        </dl>
        {rfc.availableActions.length > 0 && <RfcStep key={rfc.status} rfc={rfc} />}
      </Section>
      <Section title={rfc.escalation.ladderLabel} id="rfc-ladder-title">
        <RfcLadder rfc={rfc} />
      </Section>
    </>
  );
}

/** The next step of the change process, for Logius' change handlers (the API lists only what they may do now). */
function RfcStep({ rfc }: { rfc: RfcDetailJson }) {
  const t = useT(changesMessages);
  const id = useId();
  const act = useActOnRfc();
  const releases = useReleases();
  const [type, setType] = useState<ActionType>(rfc.availableActions[0]!);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<'goedgekeurd' | 'afgewezen'>('goedgekeurd');
  const [releaseId, setReleaseId] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const serverError = act.error instanceof ApiError ? (act.error.errors[0]?.message ?? null) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let body: RfcActionBody;
    if (type === 'plan') {
      if (!releaseId) return setLocalError(t('rfcAction.errRelease'));
      body = { type, releaseId: Number(releaseId) };
    } else if (type === 'implement') body = { type, text: text.trim() };
    else {
      if (!text.trim()) return setLocalError(t('rfcAction.errText'));
      body = type === 'decide' ? { type, outcome, reason: text.trim() } : { type, text: text.trim() };
    }
    setLocalError(null);
    act.mutate({ id: rfc.id, body }, { onSuccess: () => setText('') });
  };
  const upcoming = (releases.data ?? []).filter((r) => Date.parse(r.end) > Date.now());
  const message = localError ?? serverError;
  return (
    <form onSubmit={submit} noValidate className="form-grid" data-testid="rfc-step">
      <h3 className="form-grid__full">{t('rfcAction.title')}</h3>
      {rfc.availableActions.length > 1 && (
        <div className="field form-grid__full">
          <label htmlFor={`${id}-type`}>{t('rfcAction.which')}</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as ActionType)}>
            {rfc.availableActions.map((a) => (
              <option key={a} value={a}>
                {t(ACTION_LABEL[a])}
              </option>
            ))}
          </select>
        </div>
      )}
      {type === 'decide' && (
        <fieldset className="field form-grid__full">
          <legend>{t('rfcAction.outcome')}</legend>
          {(['goedgekeurd', 'afgewezen'] as const).map((o) => (
            <label key={o} className="radio">
              <input type="radio" name={`${id}-outcome`} checked={outcome === o} onChange={() => setOutcome(o)} />
              {t(`rfcAction.outcome.${o}`)}
            </label>
          ))}
        </fieldset>
      )}
      {type === 'plan' ? (
        <div className="field form-grid__full">
          <label htmlFor={`${id}-release`}>{t('changes.release')}</label>
          <select id={`${id}-release`} value={releaseId} onChange={(e) => setReleaseId(e.target.value)} aria-invalid={!!message}>
            <option value="">{t('rfcFile.choose')}</option>
            {upcoming.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div className="field form-grid__full">
          <label htmlFor={`${id}-text`}>{t(type === 'decide' ? 'rfcAction.reason' : 'rfcAction.text')}</label>
          <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={!!message} />
        </div>
      )}
      {(message || (act.isError && !serverError)) && (
        <p className="field-error form-grid__full" role="alert">
          {message ?? errorMessage(act.error, t)}
        </p>
      )}
      <div className="actions form-grid__full">
        <button type="submit" className="button button--primary" disabled={act.isPending}>
          {act.isPending ? t('common.busy') : t(ACTION_LABEL[type])}
        </button>
      </div>
    </form>
  );
}

/** The ladder of section 7.3 for the RFC's type, Logius' side and the Afnemer's at the same level, where the case stands, and its next step. */
function RfcLadder({ rfc }: { rfc: RfcDetailJson }) {
  const t = useT(changesMessages);
  const id = useId();
  const escalate = useEscalateRfc();
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const e = rfc.escalation;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!e.next) return;
    if (!text.trim()) return setLocalError(t('rfcLadder.errText'));
    setLocalError(null);
    escalate.mutate({ id: rfc.id, body: { step: e.next, text: text.trim() } }, { onSuccess: () => setText('') });
  };
  const message = localError ?? (escalate.isError ? errorMessage(escalate.error, t) : null);
  return (
    <>
      <p>{t('rfcLadder.rule')}</p>
      <p data-testid="rfc-ladder-state">
        {!e.consulted ? t('rfcLadder.notConsulted') : e.level === 0 ? t('rfcLadder.consulted') : t('rfcLadder.atLevel', { level: e.level })}
      </p>
      <ScrollRegion label={e.ladderLabel}>
        <table className="table" data-testid="rfc-ladder">
          <caption className="visually-hidden">{e.ladderLabel}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rfcLadder.level')}</th>
              <th scope="col">{t('rfcLadder.logius')}</th>
              <th scope="col">{t('rfcLadder.afnemer')}</th>
            </tr>
          </thead>
          <tbody>
            <tr aria-current={!e.consulted ? 'step' : undefined}>
              <th scope="row">{t('rfcLadder.step1')}</th>
              <td colSpan={2}>{t('rfcLadder.step1Who')}</td>
            </tr>
            {e.levels.map((l) => (
              <tr key={l.level} aria-current={e.level === l.level ? 'step' : undefined} className={e.level >= l.level ? 'row--reached' : undefined}>
                <th scope="row">{t('rfcLadder.levelN', { level: l.level })}</th>
                <td>{l.logius.title}</td>
                <td>{l.afnemer.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {e.mayAct && e.next && (
        <form onSubmit={submit} noValidate className="form-grid" data-testid="rfc-escalate">
          <div className="field form-grid__full">
            <label htmlFor={`${id}-text`}>{e.next === 'overleggen' ? t('rfcLadder.consultText') : t('rfcLadder.escalateText')}</label>
            <textarea id={`${id}-text`} rows={2} value={text} onChange={(ev) => setText(ev.target.value)} aria-invalid={!!message} />
          </div>
          {message && (
            <p className="field-error form-grid__full" role="alert">
              {message}
            </p>
          )}
          <div className="actions form-grid__full">
            <button type="submit" className="button button--secondary" disabled={escalate.isPending}>
              {e.next === 'overleggen' ? t('rfcLadder.consult') : t('rfcLadder.escalate', { level: e.level + 1 })}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
