import { roleMay } from '@cd/shared/access';
import { PageTitle } from '../../components/page';
import { OffersView } from '../../features/levelling/components/offers-view';
import { ProposalView } from '../../features/levelling/components/proposal-view';
import { levellingMessages } from '../../features/levelling/messages';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';

/** Issue 18: the capacity manager proposes and accepts a levelled plan; a planner answers the moves offered to its Afnemer. */
export default function LevellingPage() {
  const t = useT(levellingMessages);
  const user = useCurrentUser();
  const manager = roleMay(user.role, 'levelling.propose');
  const planner = roleMay(user.role, 'levelling.answer-move');
  const title = t('lv.title');
  return (
    <>
      <PageTitle title={title} lead={manager ? t('lv.leadManager') : t('lv.leadPlanner')}>
        {title}
      </PageTitle>
      {manager && <ProposalView mayAccept={roleMay(user.role, 'levelling.accept')} />}
      {planner && <OffersView />}
    </>
  );
}
