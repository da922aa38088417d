import { roleMay } from '@cd/shared/access';
import { Fragment, useState } from 'react';
import { ExcelDownload } from '../../../components/excel-download';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { type DisruptionAnalysis, useDisruptionAnalyses } from '../api/get-disruption-analyses';
import { AnalysisForm } from './analysis-form';
import { analysesMessages } from '../messages';

/** The disruption analyses the user may see (an Afnemer its own): request, status, and the analysis once delivered. */
export function AnalysisList() {
  const t = useT(analysesMessages);
  const f = useFormat();
  const user = useCurrentUser();
  const query = useDisruptionAnalyses();
  const [writing, setWriting] = useState<number | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const delivers = roleMay(user.role, 'disruption-analysis.deliver');
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data ?? [];
  if (rows.length === 0) return <EmptyState title={t('analyses.empty')} />;
  return (
    <>
      <div className="panel__toolbar">
        <ExcelDownload title={t('analyses.listTitle')} />
      </div>
      <ScrollRegion label={t('analyses.listTitle')}>
        <table className="table">
          <caption className="visually-hidden">{t('analyses.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analyses.incident')}</th>
              <th scope="col">{t('common.afnemer')}</th>
              <th scope="col">{t('analyses.requestedAt')}</th>
              <th scope="col">{t('analyses.desiredDeliveryDate')}</th>
              <th scope="col">{t('analyses.statusHeader')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('analyses.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <Fragment key={a.id}>
                <tr data-analysis={a.id}>
                  <th scope="row">
                    <span className="kenmerk">{a.incidentNumber}</span>
                    <span className="cell-sub">{a.request.description}</span>
                  </th>
                  <td>{a.afnemerName}</td>
                  <td>{f.dateTime(a.requestedAt)}</td>
                  <td>{a.request.desiredDeliveryDate ? f.date(`${a.request.desiredDeliveryDate}T12:00:00Z`) : '–'}</td>
                  <td data-testid="analysis-status">
                    {a.status === 'opgeleverd' && a.analysis ? t('analyses.delivered', { at: f.dateTime(a.analysis.deliveredAt) }) : t('analyses.pending')}
                  </td>
                  <td className="cell-actions">
                    {a.analysis && (
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-expanded={open === a.id}
                        onClick={() => setOpen(open === a.id ? null : a.id)}
                      >
                        {t('analyses.show')}
                        <span className="visually-hidden"> {a.incidentNumber}</span>
                      </button>
                    )}
                    {delivers && (
                      <button type="button" className="button button--secondary button--small" onClick={() => setWriting(a.id)}>
                        {a.analysis ? t('analyses.revise') : t('analyses.write')}
                        <span className="visually-hidden"> {a.incidentNumber}</span>
                      </button>
                    )}
                  </td>
                </tr>
                {open === a.id && a.analysis && (
                  <tr data-export-skip>
                    <td colSpan={6}>
                      <AnalysisView analysis={a} />
                    </td>
                  </tr>
                )}
                {writing === a.id && (
                  <tr data-export-skip>
                    <td colSpan={6}>
                      <AnalysisForm analysis={a} onDone={() => setWriting(null)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

function AnalysisView({ analysis }: { analysis: DisruptionAnalysis }) {
  const t = useT(analysesMessages);
  const f = useFormat();
  const x = analysis.analysis!;
  const rows: [string, string][] = [
    [t('analyses.status'), x.status],
    [t('analyses.startedAt'), f.dateTime(x.startedAt)],
    [t('analyses.resolvedAt'), x.resolvedAt ? f.dateTime(x.resolvedAt) : '–'],
    [t('analyses.cause'), x.cause],
    [t('analyses.impactAfnemer'), `${t(`analyses.level.${x.impact.afnemer.level}` as const)}. ${x.impact.afnemer.explanation}`],
    [t('analyses.impactLogius'), `${t(`analyses.level.${x.impact.logius.level}` as const)}. ${x.impact.logius.explanation}`],
    [t('analyses.impactKlanten'), `${t(`analyses.level.${x.impact.klanten.level}` as const)}. ${x.impact.klanten.explanation}`],
    [t('analyses.solutionIncidental'), x.solutionIncidental],
    [t('analyses.solutionStructural'), x.solutionStructural],
    [t('analyses.commWho'), x.communication.who],
    [t('analyses.commWhat'), x.communication.what],
    [t('analyses.commWhen'), x.communication.when],
    [t('analyses.commBottlenecks'), x.communication.bottlenecks],
    [t('analyses.improvements'), x.improvements],
  ];
  return (
    <dl className="definition-list" data-testid="analysis-view">
      {rows.map(([k, v]) => (
        <Fragment key={k}>
          <dt>{k}</dt>
          <dd>{v || '–'}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
