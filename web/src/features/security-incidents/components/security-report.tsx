import { SECURITY_SEVERITIES, SECURITY_STATUSES } from '@cd/shared/security-incidents';
import { amsterdamParts } from '@cd/shared/time';
import { useId, useState } from 'react';
import { ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useT } from '../../../lib/i18n';
import { securityReportXlsxUrl, useSecurityReport } from '../api/security-incidents';
import { severityKey, statusKey } from './labels';
import { securityIncidentMessages } from '../messages';

/** The quarterly report (DAP 6.2: Logius reports on security incidents periodically), with an Excel download; the current Amsterdam quarter first. */
export function SecurityPeriodicReportPanel({ today }: { today: Date }) {
  const t = useT(securityIncidentMessages);
  const id = useId();
  const now = amsterdamParts(today.getTime());
  const [year, setYear] = useState(now.year);
  const [quarter, setQuarter] = useState(Math.floor((now.month - 1) / 3) + 1);
  const query = useSecurityReport(year, quarter);
  const r = query.data;
  return (
    <div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-year`}>{t('sec.year')}</label>
          <input id={`${id}-year`} type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-quarter`}>{t('sec.quarter')}</label>
          <select id={`${id}-quarter`} value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                Q{q}
              </option>
            ))}
          </select>
        </div>
      </div>
      {query.isLoading ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : r ? (
        <>
          <ScrollRegion label={t('sec.reportCaption', { quarter: r.quarter, year: r.year })}>
            <table className="table" data-testid="security-report">
              <caption>{t('sec.reportCaption', { quarter: r.quarter, year: r.year })}</caption>
              <tbody>
                <tr>
                  <th scope="row">{t('sec.total')}</th>
                  <td>{r.total}</td>
                </tr>
                {SECURITY_STATUSES.map((s) => (
                  <tr key={s}>
                    <th scope="row">{t(statusKey(s))}</th>
                    <td>{r.byStatus[s] ?? 0}</td>
                  </tr>
                ))}
                {SECURITY_SEVERITIES.map((s) => (
                  <tr key={s}>
                    <th scope="row">{t('sec.severityOf', { severity: t(severityKey(s)) })}</th>
                    <td>{r.bySeverity[s] ?? 0}</td>
                  </tr>
                ))}
                {r.byAfnemer.map((a) => (
                  <tr key={a.afnemer ?? 'logius'}>
                    <th scope="row">{t('sec.reportedByOf', { name: a.afnemer ? a.name : t('sec.logius') })}</th>
                    <td>{a.count}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('sec.escalatedCount')}</th>
                  <td>{r.escalated}</td>
                </tr>
                <tr>
                  <th scope="row">{t('sec.meanTimeToClose')}</th>
                  <td>{r.meanTimeToCloseHours === null ? t('sec.noneClosed') : t('sec.hours', { hours: r.meanTimeToCloseHours })}</td>
                </tr>
              </tbody>
            </table>
          </ScrollRegion>
          <p>
            <a className="button button--secondary" href={securityReportXlsxUrl(year, quarter)} download>
              {t('sec.downloadXlsx')}
            </a>
          </p>
        </>
      ) : null}
    </div>
  );
}
