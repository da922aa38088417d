import { useId, useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { useConflicts } from '../api/get-conflicts';
import { type Conflict, PROCEDURE_STEPS, type ProcedureStep, stepOf } from '../types';
import { STEP_LABEL } from './labels';
import { Deadline, StatusBadge, StepBadge } from './procedure-badges';
import { ScrollRegion } from '../../../components/scroll-region';

/**
 * Conflicts with their procedure step and deadline. Grouped by step (the capacity manager's regie view) or as
 * one list (a planner's own conflicts); open or resolved.
 */
export function ConflictList({ grouped }: { grouped: boolean }) {
  const t = useT();
  const id = useId();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const query = useConflicts({ status, pageSize: 200 });
  const items = query.data?.items ?? [];

  return (
    <div>
      <div className="filters">
        <div className="segmented" role="radiogroup" aria-label={t('conflicts.show')}>
          {(['open', 'resolved'] as const).map((s) => (
            <label key={s} className={status === s ? 'segmented__option segmented__option--on' : 'segmented__option'}>
              <input type="radio" name={`${id}-status`} value={s} checked={status === s} onChange={() => setStatus(s)} />
              {s === 'open' ? t('conflicts.filterOpen') : t('conflicts.filterResolved')}
            </label>
          ))}
        </div>
        {query.data && (
          <p className="table-meta" aria-live="polite">
            {query.data.total === 1 ? t('conflicts.countOne') : t('conflicts.count', { n: query.data.total })}
            {query.isFetching && ` · ${t('common.updating')}`}
          </p>
        )}
      </div>
      {query.isLoading ? (
        <Loading label={t('conflicts.loading')} />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={status === 'open' ? t('conflicts.emptyOpen') : t('conflicts.emptyResolved')}>
          {status === 'open' && <p>{t('conflicts.emptyOpenBody')}</p>}
        </EmptyState>
      ) : grouped && status === 'open' ? (
        <GroupedByStep items={items} />
      ) : (
        <ConflictTable items={items} caption={t('conflicts.caption')} showStep={status === 'open'} />
      )}
    </div>
  );
}

function GroupedByStep({ items }: { items: Conflict[] }) {
  const t = useT();
  const groups = new Map<ProcedureStep | 'unknown', Conflict[]>();
  for (const c of items) {
    const step = stepOf(c.procedure) ?? 'unknown';
    groups.set(step, [...(groups.get(step) ?? []), c]);
  }
  const order: (ProcedureStep | 'unknown')[] = [...PROCEDURE_STEPS, 'unknown'];
  return (
    <div className="step-groups">
      {order
        .filter((s) => groups.has(s))
        .map((s) => {
          const list = [...groups.get(s)!].sort(
            (a, b) =>
              Number(b.procedure?.overdue ?? false) - Number(a.procedure?.overdue ?? false) ||
              (a.procedure?.deadline ?? a.start).localeCompare(b.procedure?.deadline ?? b.start),
          );
          const overdue = list.filter((c) => c.procedure?.overdue).length;
          const label = s === 'unknown' ? t('conflicts.stepUnknown') : t(STEP_LABEL[s]);
          return (
            <section key={s} className="step-group" aria-labelledby={`step-${s}`}>
              <h3 id={`step-${s}`}>
                {label} <span className="count">{list.length}</span>
                {overdue > 0 && <span className="badge badge--overdue">{t('conflicts.overdueCount', { n: overdue })}</span>}
              </h3>
              <ConflictTable items={list} caption={label} showStep={false} />
            </section>
          );
        })}
    </div>
  );
}

/** Up to three organisation names; more are summed up ("en 9 andere"), with the full list as a tooltip. */
export function AfnemerNames({ oins }: { oins: string[] }) {
  const t = useT();
  const name = useAfnemerName();
  const names = oins.map(name);
  if (names.length <= 3) return <>{names.join(', ')}</>;
  return (
    <span title={names.join(', ')}>
      {names.slice(0, 2).join(', ')} {t('conflicts.andMore', { n: names.length - 2 })}
    </span>
  );
}

export function ConflictTable({ items, caption, showStep }: { items: Conflict[]; caption: string; showStep: boolean }) {
  const t = useT();
  const f = useFormat();
  return (
    <ScrollRegion label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('conflicts.period')}</th>
            <th scope="col">{t('conflicts.afnemers')}</th>
            <th scope="col" className="num">
              {t('conflicts.peak')}
            </th>
            <th scope="col" className="num">
              {t('conflicts.excess')}
            </th>
            {showStep && <th scope="col">{t('conflicts.step')}</th>}
            <th scope="col">{items[0]?.status === 'resolved' ? t('conflicts.resolvedAt') : t('conflicts.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-conflict-id={c.id}>
              <th scope="row" className="cell-conflict">
                <Link to={`/conflicten/${c.id}`}>
                  {t('conflicts.number', { id: c.id })}: {f.period(c.start, c.end)}
                </Link>
                {c.status === 'resolved' && c.resolvedReason && <span className="cell-sub">{c.resolvedReason}</span>}
              </th>
              <td>
                <AfnemerNames oins={c.afnemers} />
              </td>
              <td className="num">{c.peakUtilization === null ? '–' : f.percent(c.peakUtilization)}</td>
              <td className="num">{f.number(c.excessMessages)}</td>
              {showStep && (
                <td>
                  <StepBadge procedure={c.procedure} />
                </td>
              )}
              <td>
                {c.status === 'resolved' ? c.resolvedAt ? f.dateTimeShort(c.resolvedAt) : <StatusBadge conflict={c} /> : <Deadline procedure={c.procedure} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
