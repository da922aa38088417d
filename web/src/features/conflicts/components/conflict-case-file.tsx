import { accessReach } from '@cd/shared/access';
import { type ReactNode, useState } from 'react';
import { EmptyState, ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { Section } from '../../../components/page';
import { ApiError } from '../../../lib/api-client';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { type MessageKey, useT } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useConflict } from '../api/get-conflict';
import type { WindowSuggestions } from '../api/get-conflict-suggestions';
import { usePostConflictAction } from '../api/post-conflict-action';
import { type ActionType, type ConflictAction, type ConflictWithCase, type ProcedureJson, stepOf } from '../types';
import { ConfirmAdviceForm, TextActionForm } from './action-forms';
import { AssessmentsMatrix } from './assessments-matrix';
import { ESCALATION_LEVEL_LABEL, EVENT_LABEL, STEP_LABEL } from './labels';
import { Deadline, StatusBadge, StepBadge } from './procedure-badges';
import { ProcedureSteps } from './procedure-steps';
import { SuggestionsPanel } from './suggestions-panel';
import { AssessmentBlock, AssessmentStatus, ConfirmWithoutResponse, DecideForm, KlantraadDecision, useActionWithFeedback } from './procedure-actions';
import { WaitingOn } from './waiting-on';
import { AdviceMoves, Decisions, KlantraadAnswers } from './procedure-history';
import { MovePreviewDialog, UndoNotice } from '../../../components/move-preview-dialog';
import { useConflictActionPreview } from '../api/preview-conflict-action';
import { useUndoPlanChange } from '../../plan-changes/api/undo-plan-change';
import { ScrollRegion } from '../../../components/scroll-region';

/**
 * The case file of one conflict: key figures, the windows involved, where the procedure stands and what the
 * user may do now (suggested moves, the assessment, advice, escalation, decision), and the audit trail.
 */
export function ConflictCaseFile({ conflictId, chart }: { conflictId: number; chart?: (c: ConflictWithCase) => ReactNode }) {
  const t = useT();
  const query = useConflict(conflictId);
  if (query.isLoading) return <Loading label={t('caseFile.loading')} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <EmptyState title={t('caseFile.notFound')} />;
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  const c = query.data!;
  return <CaseFile conflict={c} chart={chart?.(c)} />;
}

function CaseFile({ conflict: c, chart }: { conflict: ConflictWithCase; chart: ReactNode }) {
  const t = useT();
  const f = useFormat();
  const name = useAfnemerName();
  const user = useCurrentUser();
  const action = usePostConflictAction();
  // Answers and decisions keep their feedback (and undo offer) here: their block goes once they are done.
  const decisionAct = useActionWithFeedback(c.id);
  const [feedback, setFeedback] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const p = c.procedure ?? undefined;
  const step = stepOf(p);
  // Until the API reports the allowed actions, an involved planner may at least move its own windows.
  const actions: ActionType[] = p?.actions ?? (c.status === 'open' && accessReach(user.role, 'conflict.move-window') === 'own' ? ['move-window'] : []);
  const can = (a: ActionType) => actions.includes(a);

  const run = (body: ConflictAction, success: (updated: ConflictWithCase) => string) => {
    setFeedback(null);
    action.mutate(
      { id: c.id, action: body },
      {
        onSuccess: (updated) => setFeedback({ kind: 'success', text: success(updated) }),
        onError: (err) =>
          setFeedback({
            kind: 'error',
            text: err instanceof ApiError && err.status === 409 ? `${t('caseFile.illegal')} ${err.detail}` : errorMessage(err, t),
          }),
      },
    );
  };

  const trailWho = (e: ProcedureJson['events'][number]) => {
    const behalf = onBehalfIn(e);
    if (behalf && e.actor) return t('proc.trailOnBehalf', { afnemer: name(behalf), by: e.actor });
    return `${e.actor ?? t('caseFile.system')}${e.afnemer ? ` (${name(e.afnemer)})` : ''}`;
  };

  const stepName = (s: string) => {
    const known = stepOf({ step: s });
    return known ? t(STEP_LABEL[known]) : s;
  };

  // A suggested move is previewed first (a dry run of the same change), then confirmed, then undoable.
  const [pendingMove, setPendingMove] = useState<{ w: WindowSuggestions; slot: { start: string; end: string } } | null>(null);
  const [moved, setMoved] = useState<{ planChange: { id: number; undoUntil: string }; text: string; kenmerk: string; period: string } | null>(null);
  const moveAction = (m: NonNullable<typeof pendingMove>): ConflictAction => ({
    type: 'move-window',
    windowId: m.w.windowId,
    start: m.slot.start,
    end: m.slot.end,
    source: 'suggestie',
  });
  const preview = useConflictActionPreview(c.id, pendingMove && moveAction(pendingMove));
  const undo = useUndoPlanChange();
  const move = (w: WindowSuggestions, slot: { start: string; end: string }) => {
    setFeedback(null);
    action.reset();
    setPendingMove({ w, slot });
  };
  const confirmMove = () => {
    if (!pendingMove) return;
    const { w, slot } = pendingMove;
    const before = preview.data?.windows[0]?.before;
    action.mutate(
      { id: c.id, action: moveAction(pendingMove) },
      {
        onSuccess: (updated) => {
          setPendingMove(null);
          const kenmerk = String(w.kenmerk ?? w.windowId);
          const text =
            updated?.status === 'resolved'
              ? t('caseFile.movedResolved', { kenmerk, period: f.period(slot.start, slot.end) })
              : t('caseFile.moved', { kenmerk, period: f.period(slot.start, slot.end) });
          const planChange = (updated as { planChange?: { id: number; undoUntil: string } | null }).planChange;
          if (planChange && before) {
            undo.reset();
            setMoved({ planChange, text, kenmerk, period: f.period(before.start, before.eind) });
          } else setFeedback({ kind: 'success', text });
        },
      },
    );
  };

  return (
    <div className="case-file">
      <div className="case-file__status">
        <StatusBadge conflict={c} /> {c.status === 'open' && <StepBadge procedure={p} />}
      </div>

      {feedback && (
        <Notice kind={feedback.kind} role={feedback.kind === 'error' ? 'alert' : 'status'}>
          <p>{feedback.text}</p>
        </Notice>
      )}
      {decisionAct.notice}
      {moved && (
        <UndoNotice
          key={moved.planChange.id}
          message={moved.text}
          undoUntil={moved.planChange.undoUntil}
          undoing={undo.isPending}
          undoError={undo.error}
          onUndo={() =>
            undo.mutate(moved.planChange.id, {
              onSuccess: () => {
                setMoved(null);
                setFeedback({ kind: 'success', text: t('move.undone', { kenmerk: moved.kenmerk, period: moved.period }) });
              },
            })
          }
        />
      )}
      <MovePreviewDialog
        open={pendingMove !== null}
        title={pendingMove ? t('move.titleMove', { kenmerk: String(pendingMove.w.kenmerk ?? pendingMove.w.windowId) }) : ''}
        preview={preview.data}
        loading={preview.isLoading}
        previewError={preview.error}
        confirming={action.isPending}
        confirmError={action.error}
        onConfirm={confirmMove}
        onClose={() => setPendingMove(null)}
      />
      {c.status === 'resolved' && (
        <Notice kind="success" title={t('caseFile.resolvedTitle')} role="status">
          <p data-testid="conflict-resolved">
            {t('caseFile.resolvedBody', { at: c.resolvedAt ? f.dateTime(c.resolvedAt) : '–', reason: c.resolvedReason ?? '–' })}
          </p>
        </Notice>
      )}

      <dl className="stats">
        <div className="stat stat--wide">
          <dt>{t('caseFile.period')}</dt>
          <dd>{f.period(c.start, c.end)}</dd>
        </div>
        {/* A conflict is a run the core found overloaded at the threshold in force: its peak is an overload whatever the percentage. */}
        <div className="stat stat--bad">
          <dt>{t('conflicts.peak')}</dt>
          <dd>{c.peakUtilization === null ? '–' : f.percent(c.peakUtilization)}</dd>
        </div>
        <div className="stat">
          <dt>{t('conflicts.excess')}</dt>
          <dd>{f.number(c.excessMessages)}</dd>
        </div>
        <div className="stat">
          <dt>{t('caseFile.backlog')}</dt>
          <dd>{f.number(c.peakBacklog)}</dd>
        </div>
        <div className="stat">
          <dt>{t('caseFile.delay')}</dt>
          <dd>{c.delayMinutes === null ? '–' : f.duration(c.delayMinutes)}</dd>
        </div>
      </dl>

      {p && step && c.status === 'open' && (
        <Section title={t('caseFile.procedure')} id="cf-procedure">
          <ProcedureSteps step={step} />
          <p>
            {t('caseFile.inStepSince', { step: t(STEP_LABEL[step]), since: f.dateTime(p.enteredAt) })} {t('caseFile.deadline')}: <Deadline procedure={p} />
          </p>
          <p className="waiting-on-line">
            <WaitingOn procedure={p} />
          </p>
          {step === 'joint-assessment' && <AssessmentStatus conflict={c} />}
        </Section>
      )}

      {c.status === 'open' && (
        <Section title={t('caseFile.whatNow')} id="cf-actions">
          {actions.length === 0 && <p>{t('caseFile.noActions')}</p>}
          {can('move-window') && (
            <div className="action-block" data-action="move-window">
              <h3>{t('caseFile.suggestionsTitle')}</h3>
              <p>{t('caseFile.suggestionsLead')}</p>
              <SuggestionsPanel conflictId={c.id} canMove busy={action.isPending} onMove={move} />
            </div>
          )}
          {can('contact-logius') && (
            <div className="action-block" data-action="contact-logius">
              <h3>{t('action.contact-logius')}</h3>
              <TextActionForm
                label={t('caseFile.contactMessage')}
                hint={t('caseFile.contactHint')}
                submitLabel={t('action.contact-logius')}
                busy={action.isPending}
                onSubmit={(message) => run({ type: 'contact-logius', message }, () => t('caseFile.contacted'))}
              />
            </div>
          )}
          {can('open-assessment') && (
            <div className="action-block" data-action="open-assessment">
              <h3>{t('action.open-assessment')}</h3>
              <p>{t('caseFile.openAssessmentLead')}</p>
              <button
                type="button"
                className="button button--primary"
                disabled={action.isPending}
                onClick={() => run({ type: 'open-assessment' }, () => t('caseFile.assessmentOpened'))}
              >
                {t('action.open-assessment')}
              </button>
            </div>
          )}
          {can('submit-assessment') && p && (
            <div className="action-block" data-action="submit-assessment">
              <h3>{user.afnemer ? t('action.submit-assessment') : t('proc.onBehalfTitle')}</h3>
              <AssessmentBlock
                conflict={c}
                busy={action.isPending}
                onSubmit={(body, afnemer) =>
                  run(body, () => (afnemer ? t('proc.assessmentOnBehalf', { afnemer: name(afnemer) }) : t('caseFile.assessmentSubmitted')))
                }
              />
            </div>
          )}
          {can('confirm-advice') && p && (
            <div className="action-block" data-action="confirm-advice">
              <h3>{t('action.confirm-advice')}</h3>
              {c.afnemers.every((oin) => p.assessments.some((x) => x.afnemer === oin)) ? (
                <ConfirmAdviceForm
                  conflict={c}
                  advice={p.draftAdvice ?? p.advice ?? null}
                  busy={action.isPending}
                  onSubmit={(v) => run({ type: 'confirm-advice', ...v }, () => t('caseFile.adviceConfirmed'))}
                />
              ) : (
                <ConfirmWithoutResponse
                  conflict={c}
                  busy={action.isPending}
                  onConfirm={() => run({ type: 'confirm-advice' }, () => t('caseFile.adviceConfirmed'))}
                />
              )}
            </div>
          )}
          {can('escalate') && (
            <div className="action-block" data-action="escalate">
              <h3>{t('action.escalate')}</h3>
              <TextActionForm
                label={t('proc.escalateReason')}
                hint={t('proc.escalateReasonHint')}
                submitLabel={t('action.escalate')}
                busy={action.isPending}
                onSubmit={(reason) => run({ type: 'escalate', reason }, () => t('caseFile.escalated'))}
              />
            </div>
          )}
          {(can('accept-advice') || can('reject-advice')) && (
            <div className="action-block">
              <h3>{t('proc.klantraadTitle')}</h3>
              <KlantraadDecision conflict={c} canAccept={can('accept-advice')} canReject={can('reject-advice')} act={decisionAct} />
            </div>
          )}
          {can('escalate-level') && (
            <div className="action-block" data-action="escalate-level">
              <h3>{t('action.escalate-level')}</h3>
              <TextActionForm
                label={t('caseFile.reason')}
                hint={t('caseFile.escalateLevelHint')}
                submitLabel={t('action.escalate-level')}
                busy={action.isPending}
                onSubmit={(reason) => run({ type: 'escalate-level', reason }, () => t('caseFile.levelEscalated'))}
              />
            </div>
          )}
          {can('decide') && (
            <div className="action-block" data-action="decide">
              <h3>{t('action.decide')}</h3>
              <DecideForm conflict={c} act={decisionAct} />
            </div>
          )}
        </Section>
      )}

      {chart}

      <Section title={t('caseFile.windows')} id="cf-windows">
        <ScrollRegion label={t('caseFile.windows')}>
          <table className="table">
            <caption className="visually-hidden">{t('caseFile.windows')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.afnemer')}</th>
                <th scope="col">{t('windows.kenmerk')}</th>
                <th scope="col">{t('caseFile.windowPeriod')}</th>
                <th scope="col" className="num">
                  {t('windows.messages')}
                </th>
                <th scope="col" className="num">
                  {t('caseFile.inConflict')}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...c.windows]
                .sort((a, b) => b.load - a.load)
                .map((w, i) => (
                  <tr key={w.windowId ?? `x${i}`}>
                    <th scope="row">{name(w.afnemer)}</th>
                    <td>{w.kenmerk ?? <span className="muted">{t('caseFile.otherAfnemer')}</span>}</td>
                    <td>{w.start && w.eind ? f.period(w.start, w.eind) : '–'}</td>
                    <td className="num">{w.aantalBerichten === null ? '–' : f.number(w.aantalBerichten)}</td>
                    <td className="num">{f.number(w.load)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>

      {p && p.assessments.length > 0 && (
        <Section title={t('caseFile.assessments')} id="cf-assessments">
          <AssessmentsMatrix assessments={p.assessments} afnemers={c.afnemers} caption={t('caseFile.assessmentsCaption')} />
        </Section>
      )}

      {p && (p.advice || p.draftAdvice || p.escalation || p.decisions.length > 0) && <AdviceAndEscalation conflict={c} procedure={p} />}

      {p && p.events.length > 0 && (
        <Section title={t('caseFile.trail')} id="cf-trail">
          <ol className="timeline">
            {[...p.events].reverse().map((e) => (
              <li key={e.id}>
                <p className="timeline__when">{f.dateTime(e.at)}</p>
                <p className="timeline__what">
                  <strong>{EVENT_LABEL[e.action] ? t(EVENT_LABEL[e.action]!) : e.action}</strong>
                  {e.action === 'plan-change' && typeof e.payload.source === 'string' && ` (${t(`planChange.source.${e.payload.source}` as MessageKey)})`}
                  {e.from && e.from !== e.to && (
                    <>
                      {' '}
                      · {stepName(e.from)} → {stepName(e.to)}
                    </>
                  )}
                </p>
                {trailText(e) ? (
                  <p className="cell-sub">{trailText(e)}</p>
                ) : (
                  <>
                    <p className="cell-sub">{trailWho(e)}</p>
                    {trailNote(e) && <p className="timeline__note">{trailNote(e)}</p>}
                  </>
                )}
              </li>
            ))}
          </ol>
        </Section>
      )}
    </div>
  );
}

type TrailEvent = ProcedureJson['events'][number];

/** The Afnemer an event was recorded for by someone else (Logius on its behalf), or null. */
function onBehalfIn(e: TrailEvent): string | null {
  const pl = e.payload as { afnemer?: unknown; onBehalfOf?: unknown; assessment?: { afnemer?: unknown } };
  const target = [pl.onBehalfOf, pl.afnemer, pl.assessment?.afnemer].find((x): x is string => typeof x === 'string');
  return target && target !== e.afnemer && e.action !== 'move-window' ? target : null;
}

/** The server's Dutch line for a trail entry (it names who acted, and on whose behalf), when it sends one. */
function trailText(e: TrailEvent): string | null {
  const text = (e as { text?: unknown }).text;
  return typeof text === 'string' && text.length > 0 ? text : null;
}

/** The words an actor gave with an event (a reason, a message), for the trail. */
function trailNote(e: TrailEvent): string | null {
  const pl = e.payload as { reason?: unknown; message?: unknown };
  const note = [pl.reason, pl.message].find((x): x is string => typeof x === 'string' && x.length > 0);
  return note ?? null;
}

/** Why the case was escalated to the klantraad-managers, apart from the advice, with who escalated and when. */
function escalationReason(p: ProcedureJson): { reason: string; by: string | null; at: string | null } | null {
  if (!p.escalationReason) return null;
  const e = [...p.events].reverse().find((x) => x.action === 'escalate');
  return { reason: p.escalationReason, by: e?.actor ?? null, at: e?.at ?? null };
}

function AdviceAndEscalation({ conflict: c, procedure: p }: { conflict: ConflictWithCase; procedure: ProcedureJson }) {
  const t = useT();
  const f = useFormat();
  const advice = p.advice ?? p.draftAdvice;
  const escalated = escalationReason(p);
  return (
    <Section title={t('caseFile.adviceTitle')} id="cf-advice">
      {advice && (
        <div className="advice" data-testid={p.advice ? 'advice-frozen' : 'advice-draft'}>
          <h3>{p.advice ? t('proc.adviceFrozen') : t('caseFile.draftAdvice')}</h3>
          {p.advice && <p className="field-hint">{t('proc.adviceFrozenHint')}</p>}
          <blockquote className="advice__text">{advice.text}</blockquote>
          <AdviceMoves conflict={c} advice={advice} />
        </div>
      )}
      {escalated && (
        <div className="escalation-reason" data-testid="escalation-reason">
          <h3>{t('proc.escalationReason')}</h3>
          <blockquote>{escalated.reason}</blockquote>
          <p className="cell-sub">
            {escalated.by ?? t('caseFile.system')}
            {escalated.at && `, ${f.dateTime(escalated.at)}`}
          </p>
        </div>
      )}
      {escalated && <KlantraadAnswers conflict={c} />}
      {p.escalation && (
        <div>
          <h3>{t('caseFile.escalation')}</h3>
          <p>{t('caseFile.escalationLevel', { level: t(ESCALATION_LEVEL_LABEL[p.escalation.level] ?? 'escalation.level0') })}</p>
          {p.escalation.ladder.length > 0 && (
            <ol className="ladder">
              {p.escalation.ladder.map((l) => (
                <li key={l.level}>
                  <strong>{l.title}</strong> – {l.reason}{' '}
                  <span className="cell-sub">
                    {l.by}, {f.dateTimeShort(l.at)}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      <Decisions procedure={p} />
    </Section>
  );
}
