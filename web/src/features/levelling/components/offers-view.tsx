import type { LevellingOffer } from '@cd/shared';
import { shiftWords } from '@cd/shared/plan-changes';
import { EmptyState, ErrorMessage, errorMessage, Loading } from '../../../components/feedback';
import { Section } from '../../../components/page';
import { useFormat } from '../../../lib/format';
import { useI18n, useT } from '../../../lib/i18n';
import { useDeclineMoves, useOffers } from '../api';
import { levellingMessages } from '../messages';
import { useAcceptFlow } from './accept-flow';

type Move = LevellingOffer['moves'][number];

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
  const { lang } = useI18n();
  const isOpen = (m: Move) => m.answer === null || m.answer.undone;
  const openMoves = offer.moves.filter((m) => isOpen(m) && !m.stale);
  const answerText = (m: Move) => {
    if (m.answer) {
      const text = t(m.answer.answer === 'geaccepteerd' ? 'lv.accepted' : 'lv.declined', { by: m.answer.by, at: f.dateTime(m.answer.at) });
      return m.answer.undone ? `${text} ${t('lv.undone')}` : text;
    }
    return m.stale ? t('lv.stale', { period: f.period(m.current.start, m.current.end) }) : t('lv.open');
  };
  return (
    <>
      <h3>{t('lv.offer', { id: offer.proposalId, period: f.period(offer.from, offer.to), by: offer.acceptedBy })}</h3>
      <table className="table" data-testid="lv-offer">
        <thead>
          <tr>
            <th scope="col">{t('lv.kenmerk')}</th>
            <th scope="col">{t('lv.fromCol')}</th>
            <th scope="col">{t('lv.toCol')}</th>
            <th scope="col">{t('lv.shift')}</th>
            <th scope="col">{t('lv.messages')}</th>
            <th scope="col">{t('lv.answer')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('lv.answer')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {offer.moves.map((m) => (
            <tr key={m.windowId}>
              <td className="kenmerk">{m.kenmerk}</td>
              <td>{f.period(m.from.start, m.from.end)}</td>
              <td>{f.period(m.to.start, m.to.end)}</td>
              <td>{shiftWords(Date.parse(m.from.start), Date.parse(m.to.start), lang)}</td>
              <td>{f.number(m.volume)}</td>
              <td>{answerText(m)}</td>
              <td>
                {isOpen(m) && (
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
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {openMoves.length > 1 && (
        <button type="button" className="button button--primary" disabled={busy} onClick={() => onAccept(openMoves.map((m) => m.windowId))}>
          {t('lv.acceptAll')}
        </button>
      )}
    </>
  );
}
