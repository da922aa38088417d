import { shiftWords } from '@cd/shared/plan-changes';
import { Section } from '../../../components/page';
import { useFormat } from '../../../lib/format';
import { useI18n, useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { useConflict } from '../../conflicts/api/get-conflict';
import { useOffers } from '../api';
import { levellingMessages } from '../messages';
import { useAcceptFlow } from './accept-flow';

/**
 * In a conflict's case file, for a planner: the moves of accepted levelled plans offered to its Afnemer for the
 * windows in this conflict, each with "Accepteren", which opens the same preview, confirmation and undo as on
 * /nivellering. Nothing when no such move was offered. Loaded lazily by the conflict page.
 */
export default function ConflictOffers({ conflictId }: { conflictId: number }) {
  const t = useT(levellingMessages);
  const f = useFormat();
  const { lang } = useI18n();
  const conflict = useConflict(conflictId);
  const offers = useOffers();
  const flow = useAcceptFlow();
  const inConflict = new Set((conflict.data?.windows ?? []).map((w) => w.windowId));
  const rows = (offers.data?.items ?? []).flatMap((o) => o.moves.filter((m) => inConflict.has(m.windowId)).map((m) => ({ offer: o, move: m })));
  if (rows.length === 0) return null;
  return (
    <Section title={t('lv.caseTitle')} id="cf-levelling">
      <p>{t('lv.caseLead')}</p>
      {flow.notice}
      <table className="table" data-testid="cf-levelling">
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
          {rows.map(({ offer, move: m }) => {
            const open = m.answer === null || m.answer.undone;
            const answer = m.answer
              ? `${t(m.answer.answer === 'geaccepteerd' ? 'lv.accepted' : 'lv.declined', { by: m.answer.by, at: f.dateTime(m.answer.at) })}${m.answer.undone ? ` ${t('lv.undone')}` : ''}`
              : m.stale
                ? t('lv.stale', { period: f.period(m.current.start, m.current.end) })
                : t('lv.open');
            return (
              <tr key={`${offer.proposalId}-${m.windowId}`}>
                <td className="kenmerk">{m.kenmerk}</td>
                <td>{f.period(m.from.start, m.from.end)}</td>
                <td>{f.period(m.to.start, m.to.end)}</td>
                <td>{shiftWords(Date.parse(m.from.start), Date.parse(m.to.start), lang)}</td>
                <td>{f.number(m.volume)}</td>
                <td>{answer}</td>
                <td>
                  {open && !m.stale && (
                    <button
                      type="button"
                      className="button button--primary button--small"
                      onClick={() => flow.start({ proposalId: offer.proposalId, windowIds: [m.windowId] })}
                    >
                      {t('lv.caseAccept')}
                      <span className="visually-hidden"> {m.kenmerk}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        <Link to="/nivellering">{t('lv.caseAll')}</Link>
      </p>
      {flow.dialog}
    </Section>
  );
}
