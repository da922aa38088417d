import { PageTitle, Section } from '../../components/page';
import { TokensPanel } from '../../features/tokens/components/tokens-panel';
import { useT } from '../../lib/i18n';
import { tokensMessages } from '../../features/tokens/messages';

export default function TokensPage() {
  const t = useT(tokensMessages);
  return (
    <>
      <PageTitle title={t('tokens.title')} lead={t('tokens.lead')}>
        {t('tokens.title')}
      </PageTitle>
      <Section title={t('tokens.listTitle')} id="tokens-list-title">
        <TokensPanel />
      </Section>
    </>
  );
}
