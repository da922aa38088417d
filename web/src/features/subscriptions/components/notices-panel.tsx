import type { NoticeKind } from '@cd/shared';
import { type FormEvent, useId, useState } from 'react';
import { EmptyState, ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { FormField, formErrors } from '../../../components/form-field';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type NoticeJson, useCreateNotice, useNotices } from '../api/get-notices';
import { subscriptionsMessages } from '../messages';

const KINDS: NoticeKind[] = ['storing', 'onderhoud'];

/** Logius: send a notice to the subscribers, or record that it is deliberately withheld and why; and every notice so far. */
export function NoticesPanel() {
  const t = useT(subscriptionsMessages);
  const f = useFormat();
  const query = useNotices(true);
  const status = (n: NoticeJson) => (n.withheld ? t('notices.statusHeld', { reason: n.withheldReason ?? '' }) : t('notices.statusSent', { n: n.recipients }));
  const source = (n: NoticeJson) => (n.source === 'handmatig' ? t('notices.source.handmatig', { by: n.createdBy ?? '' }) : t(`notices.source.${n.source}`));
  return (
    <div>
      <NoticeForm />
      {query.isLoading ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (query.data ?? []).length === 0 ? (
        <EmptyState title={t('notices.empty')} />
      ) : (
        <ScrollRegion label={t('notices.caption')}>
          <table className="table">
            <caption className="visually-hidden">{t('notices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notices.when')}</th>
                <th scope="col">{t('notices.kind')}</th>
                <th scope="col">{t('notices.subject')}</th>
                <th scope="col">{t('notices.source')}</th>
                <th scope="col">{t('notices.status')}</th>
              </tr>
            </thead>
            <tbody>
              {(query.data ?? []).map((n) => (
                <tr key={n.id} data-notice={n.id}>
                  <td>{f.dateTime(n.createdAt)}</td>
                  <td>{t(`subs.kind.${n.kind}`)}</td>
                  <th scope="row">{n.title}</th>
                  <td>{source(n)}</td>
                  <td data-testid="notice-status">{status(n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}

function NoticeForm() {
  const t = useT(subscriptionsMessages);
  const id = useId();
  const create = useCreateNotice();
  const [kind, setKind] = useState<NoticeKind>('storing');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [withhold, setWithhold] = useState(false);
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { serverErrors, fieldError } = formErrors(create.error, localError);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!title.trim()) return setLocalError({ field: 'title', message: t('notices.errTitle') });
    if (!body.trim()) return setLocalError({ field: 'body', message: t('notices.errBody') });
    if (withhold && !reason.trim()) return setLocalError({ field: 'withheldReason', message: t('notices.errReason') });
    setLocalError(null);
    create.mutate(
      { kind, title: title.trim(), body: body.trim(), withhold, ...(withhold ? { withheldReason: reason.trim() } : {}) },
      {
        onSuccess: (n) => {
          setTitle('');
          setBody('');
          setReason('');
          setWithhold(false);
          setDone(n.withheld ? t('notices.held') : n.recipients === 1 ? t('notices.sentOne') : t('notices.sent', { n: n.recipients }));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid">
      <FormField id={`${id}-kind`} label={t('notices.kind')}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(e.target.value as NoticeKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`subs.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-title`} label={t('notices.subject')} error={fieldError('title')}>
        {(control) => <input {...control} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-body`} label={t('notices.body')} error={fieldError('body')} full>
        {(control) => <textarea {...control} value={body} maxLength={5000} rows={3} onChange={(e) => setBody(e.target.value)} />}
      </FormField>
      <div className="field form-grid__full">
        <label className="checkbox">
          <input type="checkbox" checked={withhold} onChange={(e) => setWithhold(e.target.checked)} /> {t('notices.withhold')}
        </label>
      </div>
      {withhold && (
        <FormField id={`${id}-reason`} label={t('notices.withheldReason')} error={fieldError('withheldReason')} full>
          {(control) => <textarea {...control} value={reason} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />}
        </FormField>
      )}
      {create.isError && serverErrors.length === 0 && (
        <p className="field-error form-grid__full" role="alert">
          {errorMessage(create.error, t)}
        </p>
      )}
      {done && (
        <div className="form-grid__full">
          <Notice kind="success" role="status">
            {done}
          </Notice>
        </div>
      )}
      <div className="form-grid__full">
        <button type="submit" className="button" disabled={create.isPending}>
          {t(withhold ? 'notices.record' : 'notices.send')}
        </button>
      </div>
    </form>
  );
}
