import { type FormEvent, useId, useState } from 'react';
import { errorMessage, Notice } from '../../../components/feedback';
import { FormField, formErrors } from '../../../components/form-field';
import { useT } from '../../../lib/i18n';
import { useCreateFraudReport } from '../api/create-fraud-report';
import { fraudMessages } from '../messages';

/** Report suspected fraud to Logius' Fraudeteam; the answer is a receipt with a reference, nothing more. */
export function FraudReportForm() {
  const t = useT(fraudMessages);
  const id = useId();
  const create = useCreateFraudReport();
  const [description, setDescription] = useState('');
  const [highPriority, setHighPriority] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);
  const err = formErrors(create.error).fieldError('description');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setReceipt(null);
    create.mutate(
      { description, channel: 'app', highPriority },
      {
        onSuccess: (r) => {
          setReceipt(r.reference);
          setDescription('');
          setHighPriority(false);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="form-grid" data-export-skip>
      <FormField id={`${id}-d`} label={t('fraud.description')} hint={t('fraud.descriptionHint')} error={err} full>
        {(control) => <textarea {...control} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </FormField>
      <div className="field form-grid__full">
        <label>
          <input type="checkbox" checked={highPriority} onChange={(e) => setHighPriority(e.target.checked)} /> {t('fraud.highPriority')}
        </label>
      </div>
      {create.isError && !err && (
        <p className="field-error form-grid__full" role="alert">
          {errorMessage(create.error, t)}
        </p>
      )}
      {receipt && (
        <div className="form-grid__full">
          <Notice kind="success" title={t('fraud.receivedTitle')} role="status">
            <p data-testid="fraud-receipt">{t('fraud.receivedBody', { reference: receipt })}</p>
          </Notice>
        </div>
      )}
      <div className="actions form-grid__full">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('common.busy') : t('fraud.submit')}
        </button>
      </div>
    </form>
  );
}
