import { Section } from '../../../components/page';
import { useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { useConflict } from '../../conflicts/api/get-conflict';
import { useOffers } from '../api';
import { levellingMessages } from '../messages';
import { useAcceptFlow } from './accept-flow';
import { LevellingMovesTable, offerMoveIsOpen } from './moves-table';

/**
 * In a conflict's case file, for a planner: the moves of accepted levelled plans offered to its Afnemer for the
 * windows in this conflict, each with "Accepteren", which opens the same preview, confirmation and undo as on
 * /nivellering. Nothing when no such move was offered. Loaded lazily by the conflict page.
 */
export default function ConflictOffers({ conflictId }: { conflictId: number }) {
  const t = useT(levellingMessages);
  const conflict = useConflict(conflictId);
  const offers = useOffers();
  const flow = useAcceptFlow();
  const inConflict = new Set((conflict.data?.windows ?? []).map((w) => w.windowId));
  const rows = (offers.data?.items ?? []).flatMap((o) =>
    o.moves.filter((m) => inConflict.has(m.windowId)).map((m) => ({ key: `${o.proposalId}-${m.windowId}`, offer: o, move: m })),
  );
  if (rows.length === 0) return null;
  return (
    <Section title={t('lv.caseTitle')} id="cf-levelling">
      <p>{t('lv.caseLead')}</p>
      {flow.notice}
      <LevellingMovesTable
        rows={rows}
        testId="cf-levelling"
        action={({ offer, move: m }) =>
          offerMoveIsOpen(m) &&
          !m.stale && (
            <button
              type="button"
              className="button button--primary button--small"
              onClick={() => flow.start({ proposalId: offer.proposalId, windowIds: [m.windowId] })}
            >
              {t('lv.caseAccept')}
              <span className="visually-hidden"> {m.kenmerk}</span>
            </button>
          )
        }
      />
      <p>
        <Link to="/nivellering">{t('lv.caseAll')}</Link>
      </p>
      {flow.dialog}
    </Section>
  );
}
