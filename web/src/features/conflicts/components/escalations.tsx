import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { useConflicts } from '../api/get-conflicts';
import { useConflictDetails } from '../hooks/use-conflict-details';
import { type ActionType, type Conflict, type ConflictWithCase, type ProcedureJson, stepOf } from '../types';
import { AssessmentsMatrix } from './assessments-matrix';
import { AfnemerNames } from './conflict-list';
import { ESCALATION_LEVEL_LABEL, STEP_LABEL } from './labels';
import { Deadline } from './procedure-badges';
import { type ActionWithFeedback, actionFor, KlantraadDecision, useActionWithFeedback } from './procedure-actions';
import { KlantraadAnswers } from './procedure-history';
import { WaitingOn } from './waiting-on';
import { ScrollRegion } from '../../../components/scroll-region';

const ESCALATED = new Set(['escalated', 'logius-decides']);

/** Open conflicts on the escalation ladder, with their case files (for the advice and the assessments). */
function useEscalated() {
  const query = useConflicts({ status: 'open', pageSize: 200 });
  const escalated = (query.data?.items ?? []).filter((c) => ESCALATED.has(stepOf(c.procedure) ?? '') || (c.procedure?.escalationLevel ?? null) !== null);
  const { details, loading } = useConflictDetails(escalated.map((c) => c.id));
  return { query, escalated, details, loading };
}

/** Escalated conflicts for Logius: level on the ladder, deadline and the agreed advice. */
export function EscalationList() {
  const t = useT();
  const f = useFormat();
  const { query, escalated, details } = useEscalated();
  if (query.isLoading) return <Loading label={t('escalations.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (escalated.length === 0) return <EmptyState title={t('escalations.empty')}>{t('escalations.emptyBody')}</EmptyState>;
  return (
    <ScrollRegion label={t('escalations.caption')}>
      <table className="table">
        <caption className="visually-hidden">{t('escalations.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('conflicts.period')}</th>
            <th scope="col">{t('conflicts.afnemers')}</th>
            <th scope="col">{t('conflicts.step')}</th>
            <th scope="col">{t('escalations.level')}</th>
            <th scope="col">{t('conflicts.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {escalated.map((c) => {
            const p = details.get(c.id)?.procedure ?? null;
            const step = stepOf(c.procedure);
            const advice = p?.advice ?? p?.draftAdvice ?? null;
            return (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/conflicten/${c.id}`}>
                    {t('conflicts.number', { id: c.id })}: {f.period(c.start, c.end)}
                  </Link>
                  {advice && <span className="cell-sub">{advice.text}</span>}
                </th>
                <td>
                  <AfnemerNames oins={c.afnemers} />
                </td>
                <td>{step ? t(STEP_LABEL[step]) : c.procedure?.stepLabel}</td>
                <td>{c.procedure?.escalationLevel != null ? t(ESCALATION_LEVEL_LABEL[c.procedure.escalationLevel] ?? 'escalation.level0') : '–'}</td>
                <td>
                  <Deadline procedure={c.procedure} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The Klantraad's agenda: escalated conflicts awaiting a decision, each with the assessments side by side. */
export function KlantraadBoard() {
  const t = useT();
  const { query, escalated, details, loading } = useEscalated();
  const awaiting = escalated.filter((c) => stepOf(c.procedure) === 'escalated');
  // One notice for the board: an answer that ends step 5 (a rejection, the last acceptance) takes its item off the
  // board, and what happened (with its undo) must stay on screen all the same.
  const act = useActionWithFeedback();
  if (query.isLoading || (loading && awaiting.length > 0 && details.size === 0)) return <Loading label={t('escalations.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      {act.notice}
      {awaiting.length === 0 ? (
        <EmptyState title={t('klantraad.empty')}>{t('klantraad.emptyBody')}</EmptyState>
      ) : (
        <div className="klantraad">
          {awaiting.map((c) => (
            <KlantraadItem key={c.id} conflict={details.get(c.id) ?? { ...c, procedure: null }} summary={c} act={actionFor(act, c.id)} />
          ))}
        </div>
      )}
    </>
  );
}

function KlantraadItem({ conflict: c, summary, act }: { conflict: ConflictWithCase; summary: Conflict; act: ActionWithFeedback }) {
  const t = useT();
  const f = useFormat();
  const name = useAfnemerName();
  const p: ProcedureJson | null = c.procedure;
  const advice = p?.advice ?? p?.draftAdvice ?? null;
  const headingId = `kr-${c.id}`;
  const actions: ActionType[] = p?.actions ?? [];
  const can = (a: ActionType) => actions.includes(a);
  return (
    <article className="panel klantraad__item" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>
          {t('conflicts.number', { id: c.id })}: {f.period(c.start, c.end)}
        </h2>
        <Link to={`/conflicten/${c.id}`} className="button button--primary button--small">
          {t('klantraad.open')}
          <span className="visually-hidden"> {t('conflicts.number', { id: c.id })}</span>
        </Link>
      </div>
      <p>
        {c.afnemers.map(name).join(', ')} · {t('conflicts.peak')} {c.peakUtilization === null ? '–' : f.percent(c.peakUtilization)} · {t('conflicts.excess')}{' '}
        {f.number(c.excessMessages)} · {t('conflicts.deadline')}: <Deadline procedure={summary.procedure} />
      </p>
      {p?.escalation && <p>{t('caseFile.escalationLevel', { level: t(ESCALATION_LEVEL_LABEL[p.escalation.level] ?? 'escalation.level0') })}</p>}
      <p>
        <WaitingOn procedure={p ?? summary.procedure} />
      </p>
      {advice && (
        <div className="advice">
          <h3>{t('caseFile.advice')}</h3>
          <blockquote className="advice__text">{advice.text}</blockquote>
        </div>
      )}
      {p && <KlantraadAnswers conflict={c} />}
      {(can('accept-advice') || can('reject-advice')) && (
        <div className="action-block">
          <h3>{t('proc.klantraadTitle')}</h3>
          <KlantraadDecision conflict={c} canAccept={can('accept-advice')} canReject={can('reject-advice')} act={act} />
        </div>
      )}
      <h3>{t('caseFile.assessments')}</h3>
      {!p ? (
        <Loading />
      ) : p.assessments.length > 0 ? (
        <AssessmentsMatrix assessments={p.assessments} afnemers={c.afnemers} caption={t('caseFile.assessmentsCaption')} />
      ) : (
        <p className="muted">{t('klantraad.noAssessments')}</p>
      )}
    </article>
  );
}
