import type { CapacityProfileSavedJson } from '@cd/shared';
import { useState } from 'react';
import { effectSentence } from '../../../components/change-preview';
import { EmptyState, ErrorMessage, Loading, Notice } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { fromLocalInputValue, toDateInputValue } from '@cd/shared/time';
import { useCapacityProfile } from '../api/get-capacity-profile';
import { useCapacityProfileHistory } from '../api/get-capacity-profile-history';
import type { RestoreRequest } from '../api/restore-capacity-profile';
import { ScrollRegion } from '../../../components/scroll-region';
import { RestoreDialog } from './restore-dialog';
import { capacityProfileMessages } from '../messages';

/**
 * Every profile version: from when until when it held (a version replaced for its own date never held), who set
 * it, the week's total and peak rate; the capacity manager can restore one ("Terugzetten", effect shown first).
 */
export function ProfileHistory({ canEdit }: { canEdit: boolean }) {
  const t = useT(capacityProfileMessages);
  const f = useFormat();
  const query = useCapacityProfileHistory(10);
  const current = useCapacityProfile();
  const [restoring, setRestoring] = useState<RestoreRequest | null>(null);
  const [restored, setRestored] = useState<CapacityProfileSavedJson | null>(null);
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data ?? [];
  if (items.length === 0) return <EmptyState title={t('profile.noHistory')} />;
  const day = (date: string) => f.date(fromLocalInputValue(date)!);
  const heldText = (p: (typeof items)[number]) =>
    p.until === p.effectiveFrom
      ? t('profile.neverHeld')
      : p.until === null
        ? t('profile.heldOpen', { from: day(p.effectiveFrom) })
        : t('profile.held', { from: day(p.effectiveFrom), until: day(p.until) });
  return (
    <>
      {restored && (
        <Notice kind="success" role="status">
          {t('profile.restored', { from: day(restored.effectiveFrom) })} {effectSentence(t, restored.effect)}
        </Notice>
      )}
      <ScrollRegion label={t('profile.historyTitle')}>
        <table className="table table--compact">
          <caption className="visually-hidden">{t('profile.historyTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('profile.heldColumn')}</th>
              <th scope="col">{t('profile.setAt')}</th>
              <th scope="col">{t('profile.setBy')}</th>
              <th scope="col" className="num">
                {t('profile.weekTotal')}
              </th>
              <th scope="col" className="num">
                {t('profile.peakRate')}
              </th>
              <th scope="col" className="num">
                {t('profile.warningShort')}
              </th>
              <th scope="col" className="num">
                {t('profile.thresholdShort')}
              </th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">{t('windows.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id} data-profile-id={p.id}>
                <td>
                  {heldText(p)}
                  {p.id === current.data?.id && <span className="badge badge--resolved"> {t('profile.inForce')}</span>}
                  {p.restoredFrom !== null && <span className="cell-sub">{t('profile.restoredFrom', { id: p.restoredFrom })}</span>}
                </td>
                <td>{f.dateTime(p.setAt)}</td>
                <td>{p.setBy ?? t('profile.system')}</td>
                <td className="num">{f.number(p.ratesPerHour.reduce((a, b) => a + b, 0))}</td>
                <td className="num">{f.number(Math.max(...p.ratesPerHour))}</td>
                <td className="num">{f.percent(p.warningLevel)}</td>
                <td className="num">{f.percent(p.threshold)}</td>
                {canEdit && (
                  <td className="cell-actions">
                    {p.id !== current.data?.id && (
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        onClick={() => setRestoring({ profileId: p.id, effectiveFrom: toDateInputValue(Date.now()) })}
                      >
                        {t('profile.restore')}
                        <span className="visually-hidden"> {t('profile.restoreWhich', { setAt: f.dateTime(p.setAt) })}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <RestoreDialog
        request={restoring}
        title={t('profile.restoreTitle')}
        onClose={() => setRestoring(null)}
        onDone={(saved) => {
          setRestoring(null);
          setRestored(saved);
        }}
      />
    </>
  );
}
