import type { SendWindow } from '@cd/shared';
import { roleMay } from '@cd/shared/access';
import { useId, useMemo, useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { EmptyState, ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { type MessageKey, useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { amsterdamMidnightOf, fromLocalInputValue, toDateInputValue } from '@cd/shared/time';
import { useDeletePrognose } from '../api/delete-prognose';
import { usePrognose } from '../api/get-prognose';
import { type PrognosesQuery, usePrognoses } from '../api/get-prognoses';
import { ScrollRegion } from '../../../components/scroll-region';
import { useCurrentUser } from '../../../lib/session';
import type { SendWindowChangedJson } from '../../plan-changes/api/patch-window';
import { WindowEditedNotice, WindowEditFlow } from './window-edit';

const PAGE_SIZE = 25;
const FETCH_SIZE = 1000;

type SortKey = 'kenmerk' | 'start' | 'eind' | 'aantalBerichten' | 'status' | 'berichttype';
type Status = SendWindow['status'];

export const STATUS_LABEL: Record<Status, MessageKey> = {
  concept: 'status.concept',
  definitief: 'status.definitief',
  geannuleerd: 'status.geannuleerd',
};

/** Who may edit a window (a plan change): its own planner, or the capacity manager on its behalf. */

/** The planner's own send windows: filter, sort, page, see the history of one, edit one (previewed, undoable) and cancel one. */
export function WindowsTable() {
  const t = useT();
  const f = useFormat();
  const id = useId();
  const [fromDate, setFromDate] = useState(() => toDateInputValue(Date.now()));
  const [toDate, setToDate] = useState('');
  const [status, setStatus] = useState<'' | Status>('');
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'start', dir: 1 });
  const [page, setPage] = useState(1);
  const [historyId, setHistoryId] = useState<number | null>(null);
  const [cancelling, setCancelling] = useState<SendWindow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<SendWindow | null>(null);
  const [edited, setEdited] = useState<{ changed: SendWindowChangedJson; before: SendWindow } | null>(null);
  const canEdit = roleMay(useCurrentUser().role, 'prognose.edit');

  const fromMs = fromDate ? fromLocalInputValue(fromDate) : null;
  const toMs = toDate ? fromLocalInputValue(toDate) : null;
  const q: PrognosesQuery = {
    from: fromMs !== null ? new Date(fromMs).toISOString() : undefined,
    to: toMs !== null ? new Date(amsterdamMidnightOf(toMs, 1)).toISOString() : undefined,
    status: status || undefined,
    pageSize: FETCH_SIZE,
  };
  const query = usePrognoses(q);

  const rows = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const items = (query.data?.items ?? []).filter(
      (w) =>
        !needle || w.kenmerk.toLowerCase().includes(needle) || w.omschrijving.toLowerCase().includes(needle) || w.berichttype.toLowerCase().includes(needle),
    );
    const { key, dir } = sort;
    return [...items].sort((a, b) => {
      const x = a[key];
      const y = b[key];
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nl')) * dir;
    });
  }, [query.data, text, sort]);

  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const visible = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  const sortBy = (key: SortKey) => {
    setSort((s) => ({ key, dir: s.key === key ? (s.dir === 1 ? -1 : 1) : 1 }));
    setPage(1);
  };
  const header = (key: SortKey, label: MessageKey, className?: string) => (
    <th scope="col" className={className} aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => sortBy(key)}>
        {t(label)}
        <span className="sort-button__icon" aria-hidden="true">
          {sort.key === key ? (sort.dir === 1 ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );

  return (
    <div>
      <form className="filters" role="search" aria-label={t('windows.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field field--inline">
          <label htmlFor={`${id}-text`}>{t('windows.search')}</label>
          <input
            id={`${id}-text`}
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            placeholder={t('windows.searchPlaceholder')}
          />
        </div>
        <div className="field field--inline">
          <label htmlFor={`${id}-status`}>{t('windows.status')}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as '' | Status);
              setPage(1);
            }}
          >
            <option value="">{t('windows.allStatuses')}</option>
            <option value="concept">{t('status.concept')}</option>
            <option value="definitief">{t('status.definitief')}</option>
            <option value="geannuleerd">{t('status.geannuleerd')}</option>
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor={`${id}-from`}>{t('windows.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={fromDate}
            onChange={(e) => {
              setFromDate(e.target.value);
              setPage(1);
            }}
          />
        </div>
        <div className="field field--inline">
          <label htmlFor={`${id}-to`}>{t('windows.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={toDate}
            onChange={(e) => {
              setToDate(e.target.value);
              setPage(1);
            }}
          />
        </div>
      </form>

      {message && (
        <Notice kind="success" role="status">
          {message}
        </Notice>
      )}
      {edited && (
        <WindowEditedNotice
          key={edited.changed.planChange.id}
          changed={edited.changed}
          before={edited.before}
          onUndone={(text) => {
            setEdited(null);
            setMessage(text);
          }}
        />
      )}

      {query.isLoading ? (
        <Loading label={t('windows.loading')} />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('windows.emptyTitle')}>
          <p>{t('windows.emptyBody')}</p>
          <Link to="/aanleveren" className="button button--primary">
            {t('nav.upload')}
          </Link>
        </EmptyState>
      ) : (
        <>
          <p className="table-meta" aria-live="polite">
            {rows.length === 1 ? t('windows.countOne') : t('windows.count', { n: f.number(rows.length) })}
            {query.data && query.data.total > FETCH_SIZE && ` ${t('windows.truncated', { total: f.number(query.data.total) })}`}
            {query.isFetching && ` · ${t('common.updating')}`}
          </p>
          <ScrollRegion label={t('windows.caption')}>
            <table className="table">
              <caption className="visually-hidden">{t('windows.caption')}</caption>
              <thead>
                <tr>
                  {header('kenmerk', 'windows.kenmerk')}
                  {header('berichttype', 'windows.berichttype')}
                  {header('start', 'windows.start')}
                  {header('eind', 'windows.end')}
                  {header('aantalBerichten', 'windows.messages', 'num')}
                  {header('status', 'windows.status')}
                  <th scope="col">
                    <span className="visually-hidden">{t('windows.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {visible.map((w) => (
                  <tr key={w.id} className={w.status === 'geannuleerd' ? 'row--muted' : undefined}>
                    <th scope="row">
                      <span className="kenmerk">{w.kenmerk}</span>
                      {w.omschrijving && <span className="cell-sub">{w.omschrijving}</span>}
                    </th>
                    <td>{w.berichttype}</td>
                    <td>{f.dateTimeShort(w.start)}</td>
                    <td>{f.dateTimeShort(w.eind)}</td>
                    <td className="num">{f.number(w.aantalBerichten)}</td>
                    <td>
                      <span className={`badge badge--${w.status}`}>{t(STATUS_LABEL[w.status])}</span>
                    </td>
                    <td className="cell-actions">
                      <button type="button" className="button button--ghost button--small" onClick={() => setHistoryId(w.id)}>
                        {t('windows.history')}
                        <span className="visually-hidden"> {w.kenmerk}</span>
                      </button>
                      {w.status !== 'geannuleerd' && canEdit && (
                        <button type="button" className="button button--ghost button--small" onClick={() => setEditing(w)}>
                          {t('windows.edit')}
                          <span className="visually-hidden"> {w.kenmerk}</span>
                        </button>
                      )}
                      {w.status !== 'geannuleerd' && (
                        <button type="button" className="button button--ghost button--small button--danger" onClick={() => setCancelling(w)}>
                          {t('windows.cancel')}
                          <span className="visually-hidden"> {w.kenmerk}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {pages > 1 && (
            <nav className="pagination" aria-label={t('windows.pagination')}>
              <button type="button" className="button button--secondary button--small" disabled={current <= 1} onClick={() => setPage(current - 1)}>
                {t('common.previous')}
              </button>
              <span>{t('windows.page', { page: current, pages })}</span>
              <button type="button" className="button button--secondary button--small" disabled={current >= pages} onClick={() => setPage(current + 1)}>
                {t('common.next')}
              </button>
            </nav>
          )}
        </>
      )}
      <HistoryDialog id={historyId} onClose={() => setHistoryId(null)} />
      <WindowEditFlow
        window={editing}
        onClose={() => setEditing(null)}
        onDone={(changed, before) => {
          setEditing(null);
          setMessage(null);
          setEdited({ changed, before });
        }}
      />
      <CancelDialog
        window={cancelling}
        onClose={() => setCancelling(null)}
        onDone={(w) => {
          setCancelling(null);
          setMessage(t('windows.cancelled', { kenmerk: w.kenmerk }));
        }}
      />
    </div>
  );
}

function HistoryDialog({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const f = useFormat();
  const query = usePrognose(id);
  const w = query.data;
  return (
    <Dialog open={id !== null} title={w ? t('windows.historyTitle', { kenmerk: w.kenmerk }) : t('windows.history')} onClose={onClose}>
      {query.isLoading ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : w ? (
        <ScrollRegion label={t('windows.history')}>
          <table className="table table--compact">
            <caption>{t('windows.revisionsCaption', { n: w.revisions.length })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('windows.revision')}
                </th>
                <th scope="col">{t('windows.changedAt')}</th>
                <th scope="col">{t('windows.changedBy')}</th>
                <th scope="col">{t('windows.start')}</th>
                <th scope="col">{t('windows.end')}</th>
                <th scope="col" className="num">
                  {t('windows.messages')}
                </th>
                <th scope="col">{t('windows.status')}</th>
              </tr>
            </thead>
            <tbody>
              {[...w.revisions]
                .sort((a, b) => b.revision - a.revision)
                .map((r) => (
                  <tr key={r.revision}>
                    <td className="num">{r.revision}</td>
                    <td>{f.dateTime(r.changedAt)}</td>
                    <td>{r.changedBy ?? '–'}</td>
                    <td>{f.dateTimeShort(r.start)}</td>
                    <td>{f.dateTimeShort(r.eind)}</td>
                    <td className="num">{f.number(r.aantalBerichten)}</td>
                    <td>{t(STATUS_LABEL[r.status])}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </Dialog>
  );
}

function CancelDialog({ window: w, onClose, onDone }: { window: SendWindow | null; onClose: () => void; onDone: (w: SendWindow) => void }) {
  const t = useT();
  const f = useFormat();
  const del = useDeletePrognose();
  return (
    <Dialog
      open={w !== null}
      title={t('windows.cancelTitle')}
      onClose={onClose}
      footer={
        w && (
          <>
            <button
              type="button"
              className="button button--danger"
              disabled={del.isPending}
              onClick={() =>
                del.mutate(w.id, {
                  onSuccess: () => {
                    del.reset();
                    onDone(w);
                  },
                })
              }
            >
              {del.isPending ? t('common.busy') : t('windows.cancelConfirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('windows.keep')}
            </button>
          </>
        )
      }
    >
      {w && (
        <>
          <p>{t('windows.cancelBody', { kenmerk: w.kenmerk, period: f.period(w.start, w.eind), n: f.number(w.aantalBerichten) })}</p>
          {del.isError && (
            <p className="field-error" role="alert">
              {errorMessage(del.error, t)}
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}
