import { type FormEvent, useId, useState } from 'react';
import { FormField } from '../../../components/form-field';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useT } from '../../../lib/i18n';
import type { AdviceJson, ConflictWithCase } from '../types';

/** One free-text action: contact Logius, escalate, escalate a level, decide. */
export function TextActionForm({
  label,
  hint,
  submitLabel,
  initial = '',
  busy,
  onSubmit,
  minLength = 5,
}: {
  label: string;
  hint?: string;
  submitLabel: string;
  initial?: string;
  busy: boolean;
  onSubmit: (text: string) => void;
  minLength?: number;
}) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length < minLength) {
      setError(t('form.tooShort', { n: minLength }));
      return;
    }
    setError(null);
    onSubmit(text.trim());
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <FormField id={`${id}-text`} label={label} hint={hint} error={error} alert>
        {(control) => <textarea {...control} rows={3} value={text} onChange={(e) => setText(e.target.value)} required />}
      </FormField>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('common.busy') : submitLabel}
      </button>
    </form>
  );
}

/** Step 3 → 4: confirm the (draft) advice: its text and which windows move; unchanged, the draft holds as it is. */
export function ConfirmAdviceForm({
  conflict,
  advice,
  busy,
  onSubmit,
}: {
  conflict: ConflictWithCase;
  advice: AdviceJson | null;
  busy: boolean;
  onSubmit: (v: { text?: string; moveWindowIds?: number[] }) => void;
}) {
  const t = useT();
  const id = useId();
  const name = useAfnemerName();
  const [text, setText] = useState(advice?.text ?? '');
  const [ids, setIds] = useState<number[]>(advice?.moveWindowIds ?? []);
  const windows = conflict.windows.filter((w) => w.windowId !== null);
  return (
    <form
      className="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        const sameIds = ids.length === (advice?.moveWindowIds.length ?? 0) && ids.every((x) => advice?.moveWindowIds.includes(x));
        onSubmit({
          ...(text.trim() !== (advice?.text ?? '').trim() ? { text: text.trim() } : {}),
          ...(!sameIds && ids.length > 0 ? { moveWindowIds: ids } : {}),
        });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('advice.text')}</label>
        <textarea id={`${id}-text`} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {windows.length > 0 && (
        <fieldset className="checkbox-list">
          <legend>{t('advice.moveWindows')}</legend>
          {windows.map((w) => (
            <label key={w.windowId}>
              <input
                type="checkbox"
                checked={ids.includes(w.windowId!)}
                onChange={(e) => setIds((cur) => (e.target.checked ? [...cur, w.windowId!] : cur.filter((x) => x !== w.windowId)))}
              />
              {w.kenmerk ?? w.windowId} <span className="muted">({name(w.afnemer)})</span>
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('common.busy') : t('action.confirm-advice')}
      </button>
    </form>
  );
}
