import type { PlanChangeRef } from '@cd/shared';
import { shiftWords } from '@cd/shared/plan-changes';
import { type FormEvent, useId, useState } from 'react';
import { errorMessage, Notice } from '../../../components/feedback';
import { ApiError } from '../../../lib/api-client';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useI18n, useT } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { fromLocalInputValue, toLocalInputValue } from '@cd/shared/time';
import { usePostConflictAction } from '../api/post-conflict-action';
import type { ConflictAction, ConflictWithCase, ProcedureJson } from '../types';
import { waitingOnOf } from '../types';
import { ActionPreviewDialog } from './action-preview-dialog';
import { TextActionForm } from './action-forms';
import { AdviceMoves } from './procedure-history';
import { UndoNotice } from '../../../components/move-preview-dialog';
import { useUndoPlanChange } from '../../plan-changes/api/undo-plan-change';
import { AssessmentForm } from './assessment-form';

type Feedback = { kind: 'success' | 'warning' | 'error'; text: string } | null;
type ActionResult = ConflictWithCase & { planChange?: PlanChangeRef | null };

/**
 * Posts actions of one conflict and keeps their feedback (and the undo offer of a move). The caller renders `notice`
 * outside the action blocks: after an answer or a decision the block itself goes, as the action is no longer offered.
 */
export function useActionWithFeedback(conflictId: number | null = null) {
  const t = useT();
  const action = usePostConflictAction();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [planChange, setPlanChange] = useState<PlanChangeRef | null>(null);
  const undo = useUndoPlanChange();
  const run = (body: ConflictAction, success: (updated: ActionResult) => Feedback, done?: () => void, id = conflictId) => {
    if (id === null) return;
    setFeedback(null);
    setPlanChange(null);
    undo.reset();
    action.mutate(
      { id, action: body },
      {
        onSuccess: (updated) => {
          setFeedback(success(updated));
          setPlanChange(updated.planChange ?? null);
          done?.();
        },
        onError: (err) => {
          setFeedback({
            kind: 'error',
            text: err instanceof ApiError && err.status === 409 ? `${t('caseFile.illegal')} ${err.detail}` : errorMessage(err, t),
          });
          done?.();
        },
      },
    );
  };
  const notice =
    planChange && feedback ? (
      <UndoNotice
        key={planChange.id}
        message={feedback.text}
        undoUntil={planChange.undoUntil}
        undoing={undo.isPending}
        undoError={undo.error}
        onUndo={() =>
          undo.mutate(planChange.id, {
            onSuccess: () => {
              setPlanChange(null);
              setFeedback({ kind: 'success', text: t('proc.undone') });
            },
          })
        }
      />
    ) : (
      feedback && (
        <Notice kind={feedback.kind} role={feedback.kind === 'error' ? 'alert' : 'status'}>
          <p>{feedback.text}</p>
        </Notice>
      )
    );
  return { run, busy: action.isPending, notice };
}

export type ActionWithFeedback = ReturnType<typeof useActionWithFeedback>;

/** The actions of a list's shared feedback (one notice for the whole list), for one conflict of the list. */
export function actionFor(act: ActionWithFeedback, conflictId: number): ActionWithFeedback {
  return { ...act, run: (body, success, done) => act.run(body, success, done, conflictId) };
}

/** The Afnemers a Logius role may answer for in this step: those the procedure still waits on. */
function pendingAfnemers(c: ConflictWithCase): string[] {
  const waiting = waitingOnOf(c.procedure)?.afnemers ?? [];
  return waiting.length > 0 ? waiting.filter((a) => c.afnemers.includes(a)) : c.afnemers;
}

/** A select of the Afnemers on whose behalf a Logius role records something. */
function OnBehalfSelect({ afnemers, value, onChange, label }: { afnemers: string[]; value: string; onChange: (oin: string) => void; label: string }) {
  const id = useId();
  const name = useAfnemerName();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {afnemers.map((oin) => (
          <option key={oin} value={oin}>
            {name(oin)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Step 3: a planner weighs for its own Afnemer; the capacity manager (regie) records an Afnemer's assessment on its
 * behalf, choosing the Afnemer first (the ones still missing come first).
 */
export function AssessmentBlock({
  conflict: c,
  busy,
  onSubmit,
}: {
  conflict: ConflictWithCase;
  busy: boolean;
  onSubmit: (action: ConflictAction, afnemer: string | null) => void;
}) {
  const t = useT();
  const user = useCurrentUser();
  const p = c.procedure!;
  const assessed = new Set(p.assessments.map((a) => a.afnemer));
  const missing = c.afnemers.filter((a) => !assessed.has(a));
  const onBehalf = user.afnemer === null;
  const [afnemer, setAfnemer] = useState<string>(missing[0] ?? c.afnemers[0] ?? '');
  const own = onBehalf ? afnemer : user.afnemer!.oin;
  return (
    <>
      {onBehalf && (
        <>
          <p>{t('proc.onBehalfLead')}</p>
          <OnBehalfSelect
            afnemers={[...missing, ...c.afnemers.filter((a) => assessed.has(a))]}
            value={afnemer}
            onChange={setAfnemer}
            label={t('proc.onBehalfOf')}
          />
        </>
      )}
      <AssessmentForm
        key={own}
        initial={p.assessments.find((a) => a.afnemer === own) ?? null}
        busy={busy}
        onSubmit={(a) => onSubmit({ type: 'submit-assessment', ...a, ...(onBehalf ? { afnemer } : {}) }, onBehalf ? afnemer : null)}
      />
    </>
  );
}

/** The Afnemers involved and where each stands in step 3: assessed (by whom), or reached by e-mail, or waited on. */
export function AssessmentStatus({ conflict: c }: { conflict: ConflictWithCase }) {
  const t = useT();
  const f = useFormat();
  const name = useAfnemerName();
  const p = c.procedure!;
  const reached = reachedOf(p);
  const silent = new Set((p.advice ?? p.draftAdvice)?.noResponse ?? []);
  return (
    <ul className="assessment-status" data-testid="assessment-status">
      {c.afnemers.map((oin) => {
        const a = p.assessments.find((x) => x.afnemer === oin);
        const mail = reached.filter((r) => r.afnemer === oin);
        return (
          <li key={oin}>
            <strong>{name(oin)}</strong>:{' '}
            {silent.has(oin) ? (
              t('proc.noResponse')
            ) : a ? (
              a.onBehalf ? (
                t('proc.assessedOnBehalf', { afnemer: name(oin), by: a.by, at: f.dateTimeShort(a.at) })
              ) : (
                t('proc.assessedBy', { by: a.by, at: f.dateTimeShort(a.at) })
              )
            ) : (
              <span className="muted">{t('proc.notAssessed')}</span>
            )}
            {mail.length > 0 && (
              <span className="cell-sub" data-testid="reached-by-mail">
                {t('proc.reachedByMail', { to: mail.flatMap((m) => m.emails).join(', ') })}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

interface ReachJson {
  afnemer: string;
  via: 'account' | 'contact' | 'none';
  role: string | null;
  emails: string[];
}

/** Afnemers without an account that the latest request was mailed to at their Bijlage-1 contacts (from the trail). */
export function reachedOf(p: ProcedureJson): ReachJson[] {
  const e = [...p.events].reverse().find((x) => x.action === 'reached');
  const reach = e ? (e.payload as { reach?: unknown }).reach : null;
  return Array.isArray(reach) ? (reach as ReachJson[]).filter((r) => r.via === 'contact') : [];
}

/** Step 3 after the deadline: the capacity manager confirms the advice, the missing assessments as "geen reactie". */
export function ConfirmWithoutResponse({ conflict: c, busy, onConfirm }: { conflict: ConflictWithCase; busy: boolean; onConfirm: () => void }) {
  const t = useT();
  const name = useAfnemerName();
  const assessed = new Set(c.procedure!.assessments.map((a) => a.afnemer));
  const missing = c.afnemers.filter((a) => !assessed.has(a)).map(name);
  const label = t('proc.confirmWithout', { afnemers: missing.join(', ') });
  return (
    <>
      <p>{t('proc.confirmWithoutLead')}</p>
      <button type="button" className="button button--primary" disabled={busy} onClick={onConfirm}>
        {busy ? t('common.busy') : label}
      </button>
    </>
  );
}

/**
 * Step 5: each involved Afnemer's klantraad-manager accepts the advice (after a dry run of its moves) or rejects it
 * with a reason. Logius records the answer of an Afnemer without a klantraad-manager on its behalf.
 */
export function KlantraadDecision({
  conflict: c,
  canAccept,
  canReject,
  act,
}: {
  conflict: ConflictWithCase;
  canAccept: boolean;
  canReject: boolean;
  act: ActionWithFeedback;
}) {
  const t = useT();
  const user = useCurrentUser();
  const name = useAfnemerName();
  const { run, busy } = act;
  const onBehalf = user.afnemer === null;
  const options = pendingAfnemers(c);
  const [afnemer, setAfnemer] = useState(options[0] ?? '');
  const [confirming, setConfirming] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const behalf = onBehalf ? { afnemer } : {};
  const who = onBehalf ? name(afnemer) : (user.afnemer?.name ?? '');
  const accept: ConflictAction = { type: 'accept-advice', ...behalf };
  return (
    <div className="klantraad-decision">
      {onBehalf && options.length > 0 && <OnBehalfSelect afnemers={options} value={afnemer} onChange={setAfnemer} label={t('proc.answerOnBehalfOf')} />}
      <div className="actions">
        {canAccept && (
          <button type="button" className="button button--primary" data-action="accept-advice" disabled={busy} onClick={() => setConfirming(true)}>
            {t('action.accept-advice')}
            {onBehalf && <span className="visually-hidden"> {t('proc.onBehalf', { afnemer: who })}</span>}
          </button>
        )}
        {canReject && !rejecting && (
          <button type="button" className="button button--secondary" data-action="reject-advice" disabled={busy} onClick={() => setRejecting(true)}>
            {t('action.reject-advice')}
          </button>
        )}
      </div>
      {canReject && rejecting && (
        <div data-action="reject-advice">
          <TextActionForm
            label={t('proc.rejectReason')}
            hint={t('proc.rejectHint')}
            submitLabel={t('action.reject-advice')}
            busy={busy}
            onSubmit={(reason) =>
              run(
                { type: 'reject-advice', reason, ...behalf },
                () => ({ kind: 'success', text: t('proc.rejected', { afnemer: who }) }),
                () => setRejecting(false),
              )
            }
          />
        </div>
      )}
      <ActionPreviewDialog
        open={confirming}
        title={t('proc.acceptTitle', { id: c.id })}
        conflict={c}
        action={confirming ? accept : null}
        lead={
          <>
            <p>{t('proc.acceptLead', { afnemer: who })}</p>
            {c.procedure?.advice && <AdviceMoves conflict={c} advice={c.procedure.advice} />}
          </>
        }
        confirmLabel={t('proc.acceptConfirm')}
        busy={busy}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          run(
            accept,
            (updated) =>
              updated.status === 'resolved'
                ? { kind: 'success', text: t('proc.acceptedResolved') }
                : { kind: 'success', text: t('proc.accepted', { afnemer: who }) },
            () => setConfirming(false),
          )
        }
      />
    </div>
  );
}

interface MoveRow {
  key: number;
  windowId: string;
  start: string;
  end: string;
}

/**
 * Step 6: Logius records its decision, a text plus the moves it orders (window, new start and end), previews their
 * effect, then confirms. If the moves leave the conflict open, it says so.
 */
export function DecideForm({ conflict: c, act }: { conflict: ConflictWithCase; act: ActionWithFeedback }) {
  const t = useT();
  const { lang } = useI18n();
  const f = useFormat();
  const name = useAfnemerName();
  const id = useId();
  const { run, busy } = act;
  const p = c.procedure!;
  const windows = c.windows.filter((w) => w.windowId !== null);
  const rowFor = (windowId: number, key: number): MoveRow => {
    const w = windows.find((x) => x.windowId === windowId);
    return { key, windowId: String(windowId), start: w?.start ? toLocalInputValue(w.start) : '', end: w?.eind ? toLocalInputValue(w.eind) : '' };
  };
  const [text, setText] = useState(p.advice?.text ?? '');
  // The advice's proposed moves to start from; a window it names without a proposal starts at its current time.
  const [rows, setRows] = useState<MoveRow[]>(() =>
    (p.advice?.moveWindowIds ?? []).map((w, i) => {
      const proposed = p.advice?.moves.find((m) => m.windowId === w);
      return proposed ? { key: i, windowId: String(w), start: toLocalInputValue(proposed.start), end: toLocalInputValue(proposed.end) } : rowFor(w, i);
    }),
  );
  const [nextKey, setNextKey] = useState(rows.length);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<ConflictAction | null>(null);

  const update = (key: number, patch: Partial<MoveRow>) =>
    setRows((rs) => rs.map((r) => (r.key !== key ? r : patch.windowId !== undefined ? { ...rowFor(Number(patch.windowId), key) } : { ...r, ...patch })));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length < 5) return setError(t('form.tooShort', { n: 5 }));
    const moves: { windowId: number; start: string; end: string }[] = [];
    for (const r of rows) {
      const start = fromLocalInputValue(r.start);
      const end = fromLocalInputValue(r.end);
      if (!r.windowId || start === null || end === null) return setError(t('proc.moveIncomplete'));
      if (end <= start) return setError(t('proc.moveEndBeforeStart'));
      moves.push({ windowId: Number(r.windowId), start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    }
    setError(null);
    setPending({ type: 'decide', text: text.trim(), moves });
  };

  const shiftOf = (r: MoveRow) => {
    const w = windows.find((x) => String(x.windowId) === r.windowId);
    const to = fromLocalInputValue(r.start);
    return w?.start && to !== null ? shiftWords(Date.parse(w.start), to, lang) : '';
  };

  const windowLabel = (w: (typeof windows)[number]) =>
    `${w.kenmerk ?? w.windowId} (${name(w.afnemer)}${w.start && w.eind ? `, ${f.period(w.start, w.eind)}` : ''})`;

  return (
    <form className="action-form decide-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('caseFile.decision')}</label>
        <p id={`${id}-hint`} className="field-hint">
          {t('caseFile.decideHint')}
        </p>
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-hint`} required />
      </div>
      <fieldset className="moves">
        <legend>{t('proc.moves')}</legend>
        {rows.length === 0 && <p className="muted">{t('proc.noMoves')}</p>}
        {rows.map((r, i) => (
          <div key={r.key} className="move-row" data-testid="move-row">
            <div className="field">
              <label htmlFor={`${id}-w${r.key}`}>{t('proc.moveWindow', { n: i + 1 })}</label>
              <select id={`${id}-w${r.key}`} value={r.windowId} onChange={(e) => update(r.key, { windowId: e.target.value })}>
                {windows.map((w) => (
                  <option key={w.windowId} value={String(w.windowId)}>
                    {windowLabel(w)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-s${r.key}`}>{t('proc.moveStart', { n: i + 1 })}</label>
              <input id={`${id}-s${r.key}`} type="datetime-local" value={r.start} onChange={(e) => update(r.key, { start: e.target.value })} required />
            </div>
            <div className="field">
              <label htmlFor={`${id}-e${r.key}`}>{t('proc.moveEnd', { n: i + 1 })}</label>
              <input id={`${id}-e${r.key}`} type="datetime-local" value={r.end} onChange={(e) => update(r.key, { end: e.target.value })} required />
            </div>
            <p className="field-hint move-row__shift">{shiftOf(r)}</p>
            <button type="button" className="button button--ghost button--small" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
              {t('proc.moveRemove', { n: i + 1 })}
            </button>
          </div>
        ))}
        {windows.length > 0 && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setRows((rs) => [...rs, rowFor(windows[0]!.windowId!, nextKey)]);
              setNextKey((k) => k + 1);
            }}
          >
            {t('proc.moveAdd')}
          </button>
        )}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('proc.decidePreview')}
      </button>
      <ActionPreviewDialog
        open={pending !== null}
        title={t('proc.decideTitle', { id: c.id })}
        conflict={c}
        action={pending}
        confirmLabel={t('proc.decideConfirm')}
        busy={busy}
        onClose={() => setPending(null)}
        onConfirm={() =>
          pending &&
          run(
            pending,
            (updated) =>
              updated.status === 'resolved' ? { kind: 'success', text: t('proc.decidedResolved') } : { kind: 'warning', text: t('proc.decidedStillOpen') },
            () => setPending(null),
          )
        }
      />
    </form>
  );
}
