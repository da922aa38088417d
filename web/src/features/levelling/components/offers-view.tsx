import type { LevellingOffer } from '@cd/shared';
import { EmptyState, ErrorMessage, errorMessage, Loading } from '../../../components/feedback';
import { Section } from '../../../components/page';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { useDeclineMoves, useOffers } from '../api';
import { levellingMessages } from '../messages';
import { useAcceptFlow } from './accept-flow';
import { LevellingMovesTable, offerMoveIsOpen } from './moves-table';

/**
 * A planner's "Voorgestelde verschuivingen": the moves accepted proposals offer its own Afnemer. Each is previewed
 * (the dry run of any move), confirmed, and can be undone for 15 minutes; or declined. A move whose window changed
 * since the proposal is shown as such and has no accept button.
 */
export function OffersView() {
  const t = useT(levellingMessages);
  const offers = useOffers();
  const flow = useAcceptFlow();
  const decline = useDeclineMoves();

  return (
    <Section title={t('lv.offersTitle')} id="lv-offers">
      {flow.notice}
      {decline.isError && (
        <p className="field-error" role="alert">
          {errorMessage(decline.error, t)}
        </p>
      )}
      {offers.isLoading ? (
        <Loading />
      ) : offers.isError ? (
        <ErrorMessage error={offers.error} onRetry={() => void offers.refetch()} />
      ) : (offers.data?.items ?? []).length === 0 ? (
        <EmptyState title={t('lv.offersNone')} />
      ) : (
        offers.data!.items.map((o) => (
          <Offer
            key={o.proposalId}
            offer={o}
            busy={decline.isPending}
            onAccept={(windowIds) => flow.start({ proposalId: o.proposalId, windowIds })}
            onDecline={(windowIds) => decline.mutate({ proposalId: o.proposalId, windowIds })}
          />
        ))
      )}
      {flow.dialog}
    </Section>
  );
}

function Offer({
  offer,
  busy,
  onAccept,
  onDecline,
}: {
  offer: LevellingOffer;
  busy: boolean;
  onAccept: (windowIds: number[]) => void;
  onDecline: (windowIds: number[]) => void;
}) {
  const t = useT(levellingMessages);
  const f = useFormat();
  const openMoves = offer.moves.filter((m) => offerMoveIsOpen(m) && !m.stale);
  return (
    <>
      <h3>{t('lv.offer', { id: offer.proposalId, period: f.period(offer.from, offer.to), by: offer.acceptedBy })}</h3>
      <LevellingMovesTable
        rows={offer.moves.map((m) => ({ key: String(m.windowId), move: m }))}
        testId="lv-offer"
        action={({ move: m }) =>
          offerMoveIsOpen(m) && (
            <span className="button-row">
              {!m.stale && (
                <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => onAccept([m.windowId])}>
                  {t('lv.acceptMove')}
                </button>
              )}{' '}
              <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => onDecline([m.windowId])}>
                {t('lv.declineMove')}
              </button>
            </span>
          )
        }
      />
      {openMoves.length > 1 && (
        <button type="button" className="button button--primary" disabled={busy} onClick={() => onAccept(openMoves.map((m) => m.windowId))}>
          {t('lv.acceptAll')}
        </button>
      )}
    </>
  );
}
