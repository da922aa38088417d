import { type FormEvent, useState } from 'react';
import { ExcelDownload } from '../../../components/excel-download';
import { EmptyState, ErrorMessage, errorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type FraudReport, useFraudReports } from '../api/get-fraud-reports';
import { usePostFraudAction } from '../api/post-fraud-action';
import { type FraudKey, fraudMessages } from '../messages';

const STATUS: Record<FraudReport['status'], FraudKey> = {
  ontvangen: 'fraud.status.ontvangen',
  'in-onderzoek': 'fraud.status.in-onderzoek',
  afgesloten: 'fraud.status.afgesloten',
};

/** The Fraudeteam's home: every report, high priority and open ones first, with its status and notes. */
export function FraudReports() {
  const t = useT(fraudMessages);
  const f = useFormat();
  const name = useAfnemerName();
  const query = useFraudReports();
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const rows = (query.data ?? []).filter((r): r is FraudReport => !r.receiptOnly);
  if (rows.length === 0) return <EmptyState title={t('fraud.empty')} />;
  const rank = (r: FraudReport) => (r.status === 'afgesloten' ? 2 : r.highPriority ? 0 : 1);
  const sorted = [...rows].sort((a, b) => rank(a) - rank(b) || Date.parse(b.reportedAt) - Date.parse(a.reportedAt));
  return (
    <>
      <div className="panel__toolbar">
        <ExcelDownload title={t('fraud.listTitle')} />
      </div>
      <ScrollRegion label={t('fraud.listTitle')}>
        <table className="table">
          <caption className="visually-hidden">{t('fraud.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fraud.reference')}</th>
              <th scope="col">{t('common.afnemer')}</th>
              <th scope="col">{t('fraud.reportedAt')}</th>
              <th scope="col">{t('fraud.description')}</th>
              <th scope="col">{t('fraud.statusHeader')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('fraud.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} data-fraud={r.reference}>
                <th scope="row">
                  <span className="kenmerk">{r.reference}</span>
                  {r.highPriority && <span className="badge badge--overload">{t('fraud.high')}</span>}
                </th>
                <td>{name(r.afnemer)}</td>
                <td>
                  {f.dateTime(r.reportedAt)}
                  <span className="cell-sub">{r.reportedBy ?? ''}</span>
                </td>
                <td>{r.description}</td>
                <td data-testid="fraud-status">{t(STATUS[r.status])}</td>
                <td className="cell-actions">
                  <FraudActions report={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

function FraudActions({ report }: { report: FraudReport }) {
  const t = useT(fraudMessages);
  const post = usePostFraudAction();
  const [note, setNote] = useState('');
  const addNote = (e: FormEvent) => {
    e.preventDefault();
    post.mutate({ id: report.id, action: { type: 'note', text: note } }, { onSuccess: () => setNote('') });
  };
  return (
    <div className="stack-small">
      {report.status === 'ontvangen' && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => post.mutate({ id: report.id, action: { type: 'status', status: 'in-onderzoek' } })}
        >
          {t('fraud.investigate')}
          <span className="visually-hidden"> {report.reference}</span>
        </button>
      )}
      {report.status !== 'afgesloten' && (
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => post.mutate({ id: report.id, action: { type: 'status', status: 'afgesloten' } })}
        >
          {t('fraud.close')}
          <span className="visually-hidden"> {report.reference}</span>
        </button>
      )}
      <form onSubmit={addNote} className="inline-form">
        <label className="visually-hidden" htmlFor={`fraud-note-${report.id}`}>
          {t('fraud.noteFor', { reference: report.reference })}
        </label>
        <input id={`fraud-note-${report.id}`} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('fraud.note')} />
        <button type="submit" className="button button--ghost button--small" disabled={!note.trim()}>
          {t('fraud.addNote')}
          <span className="visually-hidden"> {report.reference}</span>
        </button>
      </form>
      {post.isError && (
        <p className="field-error" role="alert">
          {errorMessage(post.error, t)}
        </p>
      )}
    </div>
  );
}
