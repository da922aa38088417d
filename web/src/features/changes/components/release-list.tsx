import { useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { useReleases } from '../api/get-releases';

/**
 * The release calendar: each release with its window (Amsterdam time), the share of capacity left during it and
 * its RFCs. `limit` makes the compact overview version: the next few releases and a link to the full page.
 */
export function ReleaseList({ limit }: { limit?: number }) {
  const t = useT();
  const f = useFormat();
  const compact = limit !== undefined;
  // The overview shows releases that have not ended yet; fixed per visit so the query key stays stable.
  const [from] = useState(() => (compact ? new Date().toISOString() : undefined));
  const query = useReleases({ from });
  if (query.isLoading) return <Loading label={t('releases.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const all = query.data ?? [];
  if (all.length === 0) {
    return (
      <>
        <EmptyState title={compact ? t('releases.emptyUpcoming') : t('releases.empty')}>{t('releases.emptyBody')}</EmptyState>
        {compact && (
          <p className="panel__more">
            <Link to="/wijzigingen">{t('changes.all')}</Link>
          </p>
        )}
      </>
    );
  }
  const shown = compact ? all.slice(0, limit) : all;
  const hidden = all.length - shown.length;
  return (
    <>
      <ScrollRegion label={t('releases.caption')}>
        <table className={compact ? 'table table--compact' : 'table'}>
          <caption className="visually-hidden">{t('releases.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('releases.name')}</th>
              <th scope="col">{t('releases.window')}</th>
              <th scope="col">{t('releases.capacity')}</th>
              <th scope="col">{t('releases.rfcs')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} data-release={r.name}>
                <th scope="row">{r.name}</th>
                <td>{f.period(r.start, r.end)}</td>
                <td data-testid="release-capacity">{t('releases.capacityValue', { percent: f.percent(r.factor) })}</td>
                <td data-testid="release-rfcs">{t(r.rfcs.length === 1 ? 'releases.rfcCountOne' : 'releases.rfcCount', { count: f.number(r.rfcs.length) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {compact && (
        <p className="panel__more">
          {hidden > 0 && <>{t('releases.more', { count: hidden })} · </>}
          <Link to="/wijzigingen">{t('changes.all')}</Link>
        </p>
      )}
    </>
  );
}
