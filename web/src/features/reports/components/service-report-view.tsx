import { amsterdamParts, amsterdamToMs, toDateInputValue } from '@cd/shared/time';
import { useId } from 'react';
import { ExcelDownload } from '../../../components/excel-download';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { setSearchParams, useLocation } from '../../../lib/router';
import { type ServiceReport, useServiceReport } from '../api/get-service-report';
import { reportMessages } from '../messages';

/** Last calendar month, in Dutch dates: [first of last month, first of this month). */
export function lastMonth(now: number): { from: string; to: string } {
  const p = amsterdamParts(now);
  return { from: toDateInputValue(amsterdamToMs(p.year, p.month - 1, 1)), to: toDateInputValue(amsterdamToMs(p.year, p.month, 1)) };
}

function Table({ title, head, rows, testId }: { title: string; head: string[]; rows: (string | number)[][]; testId?: string }) {
  const t = useT();
  return (
    <div className="report-block panel" data-export-scope data-testid={testId}>
      <div className="panel__header">
        <h3>{title}</h3>
        {rows.length > 0 && (
          <div className="panel__actions">
            <ExcelDownload title={title} />
          </div>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="field-hint">{t('report.none')}</p>
      ) : (
        <ScrollRegion label={title}>
          <table className="table table--compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}

/** The service report of section 8.3 for a period: Logius the whole, an Afnemer its own part. Prints as one document. */
export function ServiceReportView() {
  const t = useT();
  const id = useId();
  const { search } = useLocation();
  const fallback = lastMonth(Date.now());
  const from = search.get('van') ?? fallback.from;
  const to = search.get('tot') ?? fallback.to;
  const query = useServiceReport(from, to);
  return (
    <div className="service-report">
      <form className="filter-bar no-print" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('report.from')}</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => e.target.value && setSearchParams({ van: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('report.to')}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => e.target.value && setSearchParams({ tot: e.target.value })} />
        </div>
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('report.print')}
          </button>
        </div>
      </form>
      {from >= to ? (
        <p className="field-error" role="alert">
          {t('report.badPeriod')}
        </p>
      ) : query.isLoading ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <ReportBody report={query.data} />
      ) : (
        <EmptyState title={t('report.none')} />
      )}
    </div>
  );
}

function ReportBody({ report: r }: { report: ServiceReport }) {
  const t = useT(reportMessages);
  const f = useFormat();
  const pct = (x: number | null) => (x === null ? '–' : f.percent(x));
  const dt = (x: string | null) => (x ? f.dateTime(x) : '–');
  return (
    <article className="report" aria-label={t('report.title')}>
      <p className="report__period" data-testid="report-period">
        {t('report.period', { from: f.date(r.from), to: f.date(Date.parse(r.to) - 1) })}
        {r.afnemerName && (
          <>
            {' '}
            <strong data-testid="report-scope">{t('report.ownPart', { afnemer: r.afnemerName })}</strong>
          </>
        )}
      </p>
      <h2>{t('report.capacity')}</h2>
      <dl className="definition-list">
        <dt>{t('report.peak')}</dt>
        <dd>
          {pct(r.capacity.peakUtilization)}
          {r.capacity.peakAt ? ` (${f.dateTime(r.capacity.peakAt)})` : ''}
        </dd>
        <dt>{t('report.warningQuarters')}</dt>
        <dd>{f.number(r.capacity.warningBuckets)}</dd>
        <dt>{t('report.overloadQuarters')}</dt>
        <dd>{f.number(r.capacity.overloadBuckets)}</dd>
      </dl>
      <Table
        title={t('report.maintenance')}
        head={[t('report.start'), t('report.end'), t('report.kind'), t('report.factor'), t('report.reason')]}
        rows={r.maintenance.map((m) => [dt(m.start), dt(m.end), m.kind, pct(m.factor), m.reason])}
      />
      <h2>{t('report.conflicts')}</h2>
      <dl className="definition-list">
        <dt>{t('report.detected')}</dt>
        <dd data-testid="report-conflicts">{f.number(r.conflicts.detected)}</dd>
        <dt>{t('report.open')}</dt>
        <dd>{f.number(r.conflicts.open)}</dd>
        <dt>{t('report.resolved')}</dt>
        <dd>{f.number(r.conflicts.resolved)}</dd>
      </dl>
      <Table
        title={t('report.stepDurations')}
        head={[t('report.step'), t('report.count'), t('report.avgHours'), t('report.maxHours')]}
        rows={r.conflicts.stepDurations.filter((s) => s.conflicts > 0).map((s) => [s.label, s.conflicts, f.decimal(s.averageHours), f.decimal(s.maxHours)])}
      />
      <h2>{t('report.incidents')}</h2>
      <Table
        title={t('report.incidentsByPriority')}
        head={[t('report.priority'), t('report.reported'), t('report.solved'), t('report.inTime'), t('report.shareInTime')]}
        rows={r.incidents.byPriority.map((i) => [i.priority, i.total, i.solved, i.solvedInTime, pct(i.shareInTime)])}
      />
      <Table
        testId="report-incidents"
        title={t('report.incidentList')}
        head={[t('report.incident'), t('report.titleCol'), t('report.priority'), t('report.status'), t('report.reportedAt'), t('report.inTime')]}
        rows={r.incidentList.map((i) => [
          i.number,
          i.title,
          i.priority,
          i.status,
          dt(i.reportedAt),
          i.resolvedInTime === null ? '–' : i.resolvedInTime ? t('report.yes') : t('report.no'),
        ])}
      />
      <Table
        title={t('report.calamities')}
        head={[t('report.titleCol'), t('report.start'), t('report.status')]}
        rows={r.calamities.items.map((c) => [c.title, dt(c.start), c.status])}
      />
      <Table
        testId="report-analyses"
        title={t('report.analyses')}
        head={[t('report.incident'), t('common.afnemer'), t('report.requestedAt'), t('report.deliveredAt')]}
        rows={r.disruptionAnalyses.map((d) => [d.incidentNumber, d.afnemerName, dt(d.requestedAt), dt(d.deliveredAt)])}
      />
      <h2>{t('report.rfcs')}</h2>
      <dl className="definition-list">
        <dt>{t('report.filed')}</dt>
        <dd>{f.number(r.rfcs.filed)}</dd>
        <dt>{t('report.approved')}</dt>
        <dd>{f.number(r.rfcs.approved)}</dd>
        <dt>{t('report.rejected')}</dt>
        <dd>{f.number(r.rfcs.rejected)}</dd>
        <dt>{t('report.implemented')}</dt>
        <dd>{f.number(r.rfcs.implemented)}</dd>
      </dl>
      <Table
        title={t('report.releases')}
        head={[t('report.release'), t('report.start'), t('report.end'), t('report.factor'), t('report.rfcCount')]}
        rows={r.releases.map((x) => [x.name, dt(x.start), dt(x.end), pct(x.factor), x.rfcCount])}
      />
      <h2>{t('accuracyTitle')}</h2>
      <p className="field-hint">{t('accuracyLead', { until: dt(r.accuracy.comparedUntil) })}</p>
      <Table
        testId="report-accuracy"
        title={t('accuracyTitle')}
        head={[
          t('common.afnemer'),
          t('accuracyScore'),
          t('accuracyVolumeError'),
          t('accuracyBias'),
          t('accuracyUnannounced'),
          t('accuracyPlanned'),
          t('accuracyActual'),
        ]}
        rows={r.accuracy.afnemers.map((a) => [
          a.afnemerName,
          a.score,
          pct(a.volumeError),
          a.bias !== null && a.bias > 0 ? `+${pct(a.bias)}` : pct(a.bias),
          pct(a.unannouncedShare),
          f.number(Math.round(a.planned)),
          f.number(a.actual),
        ])}
      />
    </article>
  );
}
