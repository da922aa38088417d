import { ErrorMessage, Loading, Notice } from '../../../components/feedback';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useI18n, useT } from '../../../lib/i18n';
import { shiftWords } from '@cd/shared/plan-changes';
import { useConflictSuggestions, type WindowSuggestions } from '../api/get-conflict-suggestions';

type Slot = NonNullable<WindowSuggestions['earlier']>;

/**
 * Per own window (cheapest first), the nearest earlier and later moment at which the conflict goes away, each a move
 * that is previewed and confirmed; the best suggestion of the whole conflict is marked. A split over two moments is
 * shown as advice only: one move action moves one window.
 */
export function SuggestionsPanel({
  conflictId,
  canMove,
  busy,
  onMove,
}: {
  conflictId: number;
  canMove: boolean;
  busy: boolean;
  onMove: (w: WindowSuggestions, slot: Slot) => void;
}) {
  const t = useT();
  const f = useFormat();
  const { lang } = useI18n();
  const query = useConflictSuggestions(conflictId, true);
  if (query.isLoading) return <Loading label={t('suggestions.loading')} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 409) return null;
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  const windows = (query.data?.windows ?? []).filter((w) => w.earlier || w.later || w.split);
  if (windows.length === 0) return <Notice kind="info">{t('suggestions.none')}</Notice>;

  const shift = (s: Slot) => shiftWords(Date.parse(s.start) - s.shiftMinutes * 60_000, Date.parse(s.start), lang);

  return (
    <ul className="suggestions">
      {windows.map((w) => {
        // One click moves one window: the moves first (in the server's order), a split last, as advice.
        const ranked = w.ranked.map((r) => r.kind).filter((k) => (k === 'split' ? w.split : w[k]));
        const options = [...ranked.filter((k) => k !== 'split'), ...ranked.filter((k) => k === 'split')];
        return (
          <li key={w.windowId} className="suggestion">
            <p className="suggestion__title">
              <span className="kenmerk">{w.kenmerk ?? t('suggestions.window', { id: w.windowId })}</span>
            </p>
            <ul className="suggestion__options">
              {options.map((kind) => {
                if (kind === 'split' && w.split) {
                  return (
                    <li key="split" className="suggestion__option">
                      <span>
                        {t('suggestions.split')}: {w.split.parts.map((p) => `${f.period(p.start, p.end)} (${f.number(p.aantalBerichten)})`).join(' + ')}
                      </span>
                      <span className="muted">{t('suggestions.splitHelp')}</span>
                    </li>
                  );
                }
                const slot = kind === 'earlier' ? w.earlier : w.later;
                if (!slot) return null;
                return (
                  <li key={kind} className="suggestion__option">
                    <span>
                      {w.ranked.some((r) => r.kind === kind && r.best) && <span className="badge badge--best">{t('suggestions.best')}</span>}{' '}
                      {f.period(slot.start, slot.end)} <span className="muted">({shift(slot)})</span>
                    </span>
                    {canMove && (
                      <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => onMove(w, slot)}>
                        {kind === 'earlier' ? t('suggestions.moveEarlier') : t('suggestions.moveLater')}
                        <span className="visually-hidden">
                          {' '}
                          {w.kenmerk} {f.period(slot.start, slot.end)}
                        </span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
