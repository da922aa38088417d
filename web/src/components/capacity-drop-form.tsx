import type { MaintenanceChangeJson, PlanningDryRunResult } from '@cd/shared';
import { fromLocalInputValue, toLocalInputValue } from '@cd/shared/time';
import { type FormEvent, type ReactNode, useEffect, useId, useReducer, useRef, useState } from 'react';
import { ApiError } from '../lib/api-client';
import { useFormat } from '../lib/format';
import { useT } from '../lib/i18n';
import { ChangePreview, ConfirmChangeDialog } from './change-preview';
import { errorMessage, Notice } from './feedback';
import { FormField, formErrors } from './form-field';
import { FormFooter } from './form-footer';

/**
 * A capacity drop (a maintenance window, an incident's capacity impact) made in three steps: the form, the dry run's
 * effect on the conflicts with a confirm, then a notice whose undo (itself previewed) holds for its term. The pages
 * keep their own fields and texts; this is the part they share.
 */

/** A request the drop runs: a react-query mutation, either the dry run (R = its effect) or the store. */
export interface DropRequest<V, R> {
  mutate: (variables: V, options?: { onSuccess?: (result: R) => void; onError?: (error: unknown) => void }) => void;
  reset: () => void;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: R | undefined;
}

/** The fields as typed: the inputs' own text, kept as it is through a failed check or request. */
export interface CapacityDropValues {
  start: string;
  end: string;
  /** Remaining capacity in percent. */
  remaining: string;
  reason: string;
}

/** A checked drop: instants as ISO strings, the factor from 0 to 1, the reason trimmed (empty when none was given). */
export interface CapacityDrop {
  start: string;
  end: string;
  factor: number;
  reason: string;
}

/** The page's Dutch (or English) message per field the form checks; without `errReason` the reason may stay empty. */
export interface CapacityDropChecks {
  errStart: string;
  errEnd: string;
  errFactor: string;
  errReason?: string;
}

export type CapacityDropCheck = { drop: CapacityDrop; issue?: undefined } | { drop?: undefined; issue: { field: string; message: string } };

/**
 * The drop the values describe, or the first field that is wrong (start, end, factor, reason, in that order) with
 * the page's message. Edge: an empty percentage is wrong (not 0), and the end must lie after the start, so an empty
 * window is refused.
 */
export function capacityDropCheck(values: CapacityDropValues, checks: CapacityDropChecks): CapacityDropCheck {
  const start = fromLocalInputValue(values.start);
  const end = fromLocalInputValue(values.end);
  const factor = Number(values.remaining) / 100;
  const reason = values.reason.trim();
  if (start === null) return { issue: { field: 'start', message: checks.errStart } };
  if (end === null || end <= start) return { issue: { field: 'end', message: checks.errEnd } };
  if (values.remaining.trim() === '' || !(factor >= 0 && factor <= 1)) return { issue: { field: 'factor', message: checks.errFactor } };
  if (checks.errReason !== undefined && reason === '') return { issue: { field: 'reason', message: checks.errReason } };
  return { drop: { start: new Date(start).toISOString(), end: new Date(end).toISOString(), factor, reason } };
}

/** The values a form starts with: the window in Amsterdam time, the factor as a whole percentage. */
export function capacityDropValues(initial: { start: string | number; end: string | number; factor: number; reason?: string }): CapacityDropValues {
  return {
    start: toLocalInputValue(initial.start),
    end: toLocalInputValue(initial.end),
    remaining: String(Math.round(initial.factor * 100)),
    reason: initial.reason ?? '',
  };
}

/** Where a drop form starts, and the requests it makes with the page's variables (its own fields and ids added). */
export interface CapacityDropRequests<V, R> {
  initial: CapacityDropValues;
  variables: (drop: CapacityDrop) => V;
  preview: DropRequest<V, PlanningDryRunResult>;
  commit: DropRequest<V, R>;
  onDone: (result: R) => void;
}

/**
 * The state of a drop form: the values, the error per field (the form's own check first, then the server's), and the
 * steps. `submit` checks and runs the dry run; when it answers, `reviewing` holds the request to confirm. `confirm`
 * stores it; a refusal that names fields goes back to the form, where each error stands beside its field.
 */
export function useCapacityDropForm<V, R>({
  initial,
  checks,
  variables,
  preview,
  commit,
  onDone,
}: CapacityDropRequests<V, R> & { checks: CapacityDropChecks }) {
  const [values, setValues] = useState(initial);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  // The request whose effect is shown, waiting for a confirm.
  const [pending, setPending] = useState<V | null>(null);
  const failed = preview.error ?? commit.error;
  const { serverErrors, fieldError } = formErrors(failed, localError);

  const set = (field: keyof CapacityDropValues, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    commit.reset();
    const checked = capacityDropCheck(values, checks);
    if (checked.issue) {
      preview.reset();
      setLocalError(checked.issue);
      return;
    }
    setLocalError(null);
    const request = variables(checked.drop);
    preview.mutate(request, { onSuccess: () => setPending(request) });
  };

  const confirm = () => {
    if (pending === null) return;
    commit.mutate(pending, {
      onSuccess: onDone,
      onError: (error) => {
        if (error instanceof ApiError && error.errors.length > 0) setPending(null);
      },
    });
  };

  return {
    values,
    set,
    fieldError,
    /** The failure that belongs to no field, for the form's footer. */
    formError: failed && serverErrors.length === 0 ? failed : undefined,
    reviewing: pending !== null && preview.data !== undefined ? preview.data : null,
    submit,
    confirm,
    back: () => setPending(null),
  };
}

/** The page's texts of a drop form; `footnote` stands under the buttons. */
export interface CapacityDropTexts extends CapacityDropChecks {
  timeHint: string;
  start: string;
  end: string;
  remaining: string;
  remainingHint: string;
  reason: string;
  reasonHint?: string;
  check: string;
  confirm: string;
  footnote?: string;
}

/**
 * A capacity drop's form and, once its dry run answered, the effect with Confirm and Back (the values stay as typed).
 * `children` renders the page's own fields between the end and the remaining capacity, with the server's error for a
 * field from `fieldError`.
 */
export function CapacityDropForm<V, R>({
  texts,
  onCancel,
  testId,
  children,
  ...requests
}: CapacityDropRequests<V, R> & {
  texts: CapacityDropTexts;
  onCancel: () => void;
  testId?: string;
  children?: (fieldError: (field: string) => string | undefined) => ReactNode;
}) {
  const t = useT();
  const id = useId();
  const { preview, commit } = requests;
  const form = useCapacityDropForm({ ...requests, checks: texts });
  const { values, set, fieldError } = form;
  // Each step takes the focus when it replaces the other, so it is not lost with the button that was pressed.
  const step = useRef<HTMLDivElement>(null);
  const reviewing = form.reviewing !== null;
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) {
      moved.current = true;
      return;
    }
    if (reviewing) step.current?.focus();
    else step.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [reviewing]);

  if (form.reviewing) {
    return (
      <div ref={step} tabIndex={-1}>
        <ChangePreview result={form.reviewing} />
        {commit.isError && (
          <p className="field-error" role="alert">
            {errorMessage(commit.error, t)}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button button--primary" disabled={commit.isPending} onClick={form.confirm}>
            {commit.isPending ? t('common.busy') : texts.confirm}
          </button>
          <button type="button" className="button button--secondary" disabled={commit.isPending} onClick={form.back}>
            {t('change.back')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div ref={step}>
      <form onSubmit={form.submit} noValidate className="form-grid" data-testid={testId} aria-busy={preview.isPending || undefined}>
        <p className="field-hint form-grid__full">{texts.timeHint}</p>
        <FormField id={`${id}-start`} label={texts.start} error={fieldError('start')}>
          {(control) => <input {...control} type="datetime-local" value={values.start} onChange={(e) => set('start', e.target.value)} required />}
        </FormField>
        <FormField id={`${id}-end`} label={texts.end} error={fieldError('end')}>
          {(control) => <input {...control} type="datetime-local" value={values.end} onChange={(e) => set('end', e.target.value)} required />}
        </FormField>
        {children?.(fieldError)}
        <FormField id={`${id}-factor`} label={texts.remaining} hint={texts.remainingHint} error={fieldError('factor')}>
          {(control) => (
            <input {...control} type="number" min={0} max={100} step={5} value={values.remaining} onChange={(e) => set('remaining', e.target.value)} required />
          )}
        </FormField>
        <FormField id={`${id}-reason`} label={texts.reason} hint={texts.reasonHint} error={fieldError('reason')} full>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              maxLength={1000}
              value={values.reason}
              onChange={(e) => set('reason', e.target.value)}
              required={texts.errReason !== undefined}
            />
          )}
        </FormField>
        <FormFooter busy={preview.isPending} busyLabel={t('change.checking')} submitLabel={texts.check} error={form.formError} onCancel={onCancel} />
        {texts.footnote && <p className="field-hint form-grid__full">{texts.footnote}</p>}
      </form>
    </div>
  );
}

/** Whether `until` (an instant) is still ahead; the component renders again when it passes. */
function useStillBefore(until: string): boolean {
  const end = Date.parse(until);
  const [ticks, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const left = end - Date.now();
    if (!(left > 0)) return;
    // setTimeout holds at most 2^31 - 1 ms; a later end is looked at again then.
    const timer = setTimeout(tick, Math.min(left + 50, 2_147_483_647));
    return () => clearTimeout(timer);
  }, [end, ticks]);
  return end > Date.now();
}

/**
 * "Ongedaan maken (kan tot 14:35)" while the change's term runs; it disappears when the term ends. `context` names the
 * change for a screen reader (hidden).
 */
export function UndoButton({
  until,
  onClick,
  className = 'button button--secondary button--small',
  context,
  testId,
}: {
  until: string;
  onClick: () => void;
  className?: string;
  context?: string;
  testId?: string;
}) {
  const t = useT();
  const f = useFormat();
  if (!useStillBefore(until)) return null;
  return (
    <button type="button" className={className} data-testid={testId} onClick={onClick}>
      {t('change.undo')}
      {context && <span className="visually-hidden"> {context}</span>} <span className="muted">{t('change.undoUntil', { time: f.time(until) })}</span>
    </button>
  );
}

/** What was just stored, as the notice tells it; `change` can be undone until its term ends. */
export interface CapacityDropDone {
  text: string;
  change: MaintenanceChangeJson | null;
}

/** The notice of the last stored drop, with its undo for whoever may (`mayUndo`) while the term runs. */
export function CapacityDropNotice({
  done,
  testId,
  mayUndo,
  onUndo,
}: {
  done: CapacityDropDone | null;
  testId: string;
  mayUndo: boolean;
  onUndo: (change: MaintenanceChangeJson) => void;
}) {
  if (!done) return null;
  const { change } = done;
  return (
    <Notice kind="success" role="status">
      <p data-testid={testId}>{done.text}</p>
      {mayUndo && change && <UndoButton until={change.undoableUntil} onClick={() => onUndo(change)} />}
    </Notice>
  );
}

/**
 * A change to one target (removing a drop, undoing a change) shown before it is made: opening it with a target runs
 * the dry run, the confirm stores. `variables` makes both requests' variables from the target.
 */
export function PreviewedChangeDialog<T, V, R>({
  target,
  variables,
  preview,
  commit,
  title,
  lead,
  confirmLabel,
  onDone,
  onClose,
}: {
  target: T | null;
  variables: (target: T) => V;
  preview: DropRequest<V, PlanningDryRunResult>;
  commit: DropRequest<V, R>;
  title: string;
  lead?: (target: T) => string;
  confirmLabel: string;
  onDone: (result: R) => void;
  onClose: () => void;
}) {
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetCommit } = commit;
  // The latest `variables` without running the dry run again on every render of the page.
  const latest = useRef(variables);
  latest.current = variables;
  useEffect(() => {
    resetPreview();
    resetCommit();
    if (target !== null) runPreview(latest.current(target));
  }, [target, runPreview, resetPreview, resetCommit]);
  return (
    <ConfirmChangeDialog
      open={target !== null}
      title={title}
      lead={target !== null && lead ? lead(target) : undefined}
      preview={preview}
      confirmLabel={confirmLabel}
      confirming={commit.isPending}
      error={commit.error}
      onConfirm={() => target !== null && commit.mutate(variables(target), { onSuccess: onDone })}
      onClose={onClose}
    />
  );
}
