import { useT } from '../lib/i18n';
import { errorMessage, Notice } from './feedback';

/**
 * The end of a form in a grid: the error that belongs to no field (when given), the success notice of the last
 * submission (when given), then the submit button, which says it is busy while the request runs (and is also off
 * when `disabled`), and Cancel when the form can be left.
 */
export function FormFooter({
  busy,
  submitLabel,
  busyLabel,
  error,
  done,
  disabled = false,
  onCancel,
}: {
  busy: boolean;
  submitLabel: string;
  busyLabel?: string;
  error?: unknown;
  done?: string | null;
  disabled?: boolean;
  onCancel?: () => void;
}) {
  const t = useT();
  return (
    <>
      {error !== undefined && (
        <p className="field-error form-grid__full" role="alert">
          {errorMessage(error, t)}
        </p>
      )}
      {done && (
        <div className="form-grid__full">
          <Notice kind="success" role="status">
            {done}
          </Notice>
        </div>
      )}
      <div className="actions form-grid__full">
        <button type="submit" className="button button--primary" disabled={busy || disabled}>
          {busy ? (busyLabel ?? t('common.busy')) : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </>
  );
}
