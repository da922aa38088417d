import { roleMay } from '@cd/shared/access';
import { useState } from 'react';
import { ExcelDownload } from '../../../components/excel-download';
import { EmptyState, ErrorMessage, errorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useServiceRequestTypes } from '../api/get-service-request-types';
import { type ServiceRequest, useServiceRequests } from '../api/get-service-requests';
import { useUpdateServiceRequest } from '../api/update-service-request';
import { serviceRequestDeadline } from '../deadline';
import { type ServiceRequestKey, serviceRequestMessages } from '../messages';

const STATUS: Record<ServiceRequest['status'], ServiceRequestKey> = {
  ingediend: 'sr.status.ingediend',
  'in-behandeling': 'sr.status.in-behandeling',
  afgehandeld: 'sr.status.afgehandeld',
  afgewezen: 'sr.status.afgewezen',
};

/** The service requests the user may see (an Afnemer its own), newest first, with the working-day deadline of each. */
export function ServiceRequestList() {
  const t = useT(serviceRequestMessages);
  const f = useFormat();
  const user = useCurrentUser();
  const query = useServiceRequests();
  const types = useServiceRequestTypes();
  const handles = roleMay(user.role, 'service-request.handle');
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data ?? [];
  if (rows.length === 0) return <EmptyState title={t('sr.empty')} />;
  const term = (r: ServiceRequest) => types.data?.find((x) => x.code === r.catalogueItem)?.termijnWerkdagen ?? null;
  return (
    <>
      <div className="panel__toolbar">
        <ExcelDownload title={t('sr.listTitle')} />
      </div>
      <ScrollRegion label={t('sr.listTitle')}>
        <table className="table">
          <caption className="visually-hidden">{t('sr.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sr.request')}</th>
              <th scope="col">{t('sr.kind')}</th>
              <th scope="col">{t('common.afnemer')}</th>
              <th scope="col">{t('sr.filedAt')}</th>
              <th scope="col">{t('sr.deadline')}</th>
              <th scope="col">{t('sr.statusHeader')}</th>
              <th scope="col">{t('sr.answer')}</th>
              {handles && (
                <th scope="col">
                  <span className="visually-hidden">{t('sr.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const days = term(r);
              const deadline = serviceRequestDeadline(r.filedAt, days);
              return (
                <tr key={r.id} data-service-request={r.id}>
                  <th scope="row">
                    <span className="kenmerk">#{r.id}</span>
                    <span className="cell-sub">{r.subject}</span>
                  </th>
                  <td>{r.kind === 'standaard' ? t('sr.kindStandard') : t('sr.kindFree')}</td>
                  <td>{r.afnemerName}</td>
                  <td>{f.dateTime(r.filedAt)}</td>
                  <td data-testid="sr-deadline">{deadline === null ? t('sr.noTerm') : t('sr.deadlineCell', { date: f.date(deadline - 1), days: days! })}</td>
                  <td data-testid="sr-status">{t(STATUS[r.status])}</td>
                  <td>{r.answer ?? '–'}</td>
                  {handles && (
                    <td className="cell-actions">
                      <HandleButtons request={r} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

/** The service manager takes a request on, or closes it with an answer; only the steps its status allows. */
function HandleButtons({ request }: { request: ServiceRequest }) {
  const t = useT(serviceRequestMessages);
  const update = useUpdateServiceRequest();
  const [answer, setAnswer] = useState('');
  if (request.status === 'afgehandeld' || request.status === 'afgewezen') return null;
  return (
    <div className="stack-small">
      {request.status === 'ingediend' && (
        <button type="button" className="button button--secondary button--small" onClick={() => update.mutate({ id: request.id, status: 'in-behandeling' })}>
          {t('sr.take')}
          <span className="visually-hidden"> #{request.id}</span>
        </button>
      )}
      <label className="visually-hidden" htmlFor={`sr-answer-${request.id}`}>
        {t('sr.answerFor', { id: request.id })}
      </label>
      <input id={`sr-answer-${request.id}`} data-export-skip value={answer} placeholder={t('sr.answer')} onChange={(e) => setAnswer(e.target.value)} />
      <button type="button" className="button button--primary button--small" onClick={() => update.mutate({ id: request.id, status: 'afgehandeld', answer })}>
        {t('sr.close')}
        <span className="visually-hidden"> #{request.id}</span>
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => update.mutate({ id: request.id, status: 'afgewezen', answer })}>
        {t('sr.reject')}
        <span className="visually-hidden"> #{request.id}</span>
      </button>
      {update.isError && (
        <p className="field-error" role="alert">
          {errorMessage(update.error, t)}
        </p>
      )}
    </div>
  );
}
