import { useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { DAY_MS, HOUR_MS } from '@cd/shared/time';
import { useConflicts } from '../api/get-conflicts';
import { AfnemerNames } from './conflict-list';
import { Deadline, StepBadge } from './procedure-badges';
import { WaitingOn } from './waiting-on';

const DAYS = 14;

/**
 * The capacity manager's agenda: open conflicts in the next 14 days, each with its step, who must act and the
 * deadline, the most urgent deadline first.
 */
export function UpcomingDeadlines() {
  const t = useT();
  const f = useFormat();
  // The window is fixed at the hour the panel opened, so the query key stays the same while it is shown.
  const [range] = useState(() => {
    const from = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    return { from: new Date(from).toISOString(), to: new Date(from + DAYS * DAY_MS).toISOString() };
  });
  const query = useConflicts({ status: 'open', from: range.from, to: range.to, pageSize: 100 });
  if (query.isLoading) return <Loading label={t('conflicts.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const items = [...(query.data?.items ?? [])].sort(
    (a, b) =>
      Number(b.procedure?.overdue ?? false) - Number(a.procedure?.overdue ?? false) ||
      (a.procedure?.deadline ?? '9999').localeCompare(b.procedure?.deadline ?? '9999') ||
      a.start.localeCompare(b.start),
  );
  if (items.length === 0) return <EmptyState title={t('upcoming.empty', { days: DAYS })} />;
  return (
    <ScrollRegion label={t('upcoming.caption', { days: DAYS })}>
      <table className="table" data-testid="upcoming-deadlines">
        <caption className="visually-hidden">{t('upcoming.caption', { days: DAYS })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('conflicts.period')}</th>
            <th scope="col">{t('conflicts.afnemers')}</th>
            <th scope="col">{t('conflicts.step')}</th>
            <th scope="col">{t('upcoming.waitingOn')}</th>
            <th scope="col">{t('conflicts.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-conflict-id={c.id}>
              <th scope="row" className="cell-conflict">
                <Link to={`/conflicten/${c.id}`}>
                  {t('conflicts.number', { id: c.id })}: {f.period(c.start, c.end)}
                </Link>
              </th>
              <td>
                <AfnemerNames oins={c.afnemers} />
              </td>
              <td>
                <StepBadge procedure={c.procedure} />
              </td>
              <td>
                <WaitingOn procedure={c.procedure} />
              </td>
              <td>
                <Deadline procedure={c.procedure} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
