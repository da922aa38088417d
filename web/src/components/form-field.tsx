import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';

/** The attributes a field's control needs so that its label, hint and error are read with it. */
export interface FieldControl {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/**
 * The control attributes of a field whose control has id `id`: the hint is `${id}-hint` (when there is one), the
 * error `${id}-err` (when there is one), and aria-invalid says whether there is an error.
 */
export function fieldControl(id: string, { hint, error }: { hint?: boolean; error?: boolean }): FieldControl {
  return {
    id,
    'aria-invalid': !!error,
    'aria-describedby': [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined,
  };
}

/**
 * The error of each field of a form: the form's own check (`local`, one field at a time) first, otherwise the
 * server's problem details row for that field (its `field` as the API names it). `serverErrors` is empty when the
 * request failed for a reason that belongs to no field, which FormFooter then shows.
 */
export function formErrors(failed: unknown, local?: { field: string; message: string } | null) {
  const serverErrors = failed instanceof ApiError ? failed.errors : [];
  const fieldError = (field: string): string | undefined => (local?.field === field ? local.message : serverErrors.find((e) => e.field === field)?.message);
  return { serverErrors, fieldError };
}

/**
 * One field of a form: its label, an optional hint, the control, and its Dutch error below it. The control is made by
 * `children`, which receives the id and aria attributes to spread on it (input, textarea or select), so the hint and
 * the error are announced with the control and an error marks it invalid. `full` spans the whole form grid.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  full,
  alert,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  full?: boolean;
  /** The error is also announced when it appears (for a form that shows it without moving focus). */
  alert?: boolean;
  children: (control: FieldControl) => ReactNode;
}) {
  const hasHint = hint !== undefined && hint !== null && hint !== false && hint !== '';
  const control = fieldControl(id, { hint: hasHint, error: !!error });
  return (
    <div className={full ? 'field form-grid__full' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hasHint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children(control)}
      <FieldError id={id} error={error} alert={alert} />
    </div>
  );
}

/** The error of the control (or fieldset) with id `id`, as `${id}-err`; nothing when there is none. */
export function FieldError({ id, error, alert }: { id: string; error?: string | null; alert?: boolean }) {
  return error ? (
    <p id={`${id}-err`} className="field-error" role={alert ? 'alert' : undefined}>
      {error}
    </p>
  ) : null;
}
