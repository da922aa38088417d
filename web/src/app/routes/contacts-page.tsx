import { PageTitle, Section } from '../../components/page';
import { ContactsPanel } from '../../features/contacts/components/contacts-panel';
import { useT } from '../../lib/i18n';
import { contactsMessages } from '../../features/contacts/messages';

/** Bijlage 1: Logius' contacts and the Afnemer's own. */
export default function ContactsPage() {
  const t = useT(contactsMessages);
  return (
    <>
      <PageTitle title={t('contacts.title')} lead={t('contacts.lead')}>
        {t('contacts.title')}
      </PageTitle>
      <Section title={t('contacts.listTitle')} id="contacts-list-title">
        <ContactsPanel />
      </Section>
    </>
  );
}
