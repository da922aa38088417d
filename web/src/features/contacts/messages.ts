import { type BlockTranslate, defineMessages } from '../../lib/i18n';

/** The texts of this feature's pages, in their chunk instead of in the first load (web/src/lib/i18n.tsx). */
export const contactsMessages = defineMessages({
  nl: {
    'contacts.title': 'Contactgegevens',
    'contacts.lead': 'Bijlage 1: de contactgegevens van Logius en die van uw eigen organisatie. Elke Afnemer houdt de eigen lijst actueel.',
    'contacts.listTitle': 'Contacten',
    'contacts.add': 'Contact toevoegen',
    'contacts.editTitle': 'Contact wijzigen',
    'contacts.empty': 'Er zijn geen contacten.',
    'contacts.of': 'Organisatie',
    'contacts.role': 'Functie of rol',
    'contacts.name': 'Naam',
    'contacts.email': 'E-mail',
    'contacts.phone': 'Telefoon',
    'contacts.actions': 'Acties',
    'contacts.deleteConfirm': 'Contact {name} verwijderen?',
  },
  en: {
    'contacts.title': 'Contact details',
    'contacts.lead': "Annex 1: Logius' contact details and your own organisation's. Each Afnemer keeps its own list up to date.",
    'contacts.listTitle': 'Contacts',
    'contacts.add': 'Add contact',
    'contacts.editTitle': 'Change contact',
    'contacts.empty': 'There are no contacts.',
    'contacts.of': 'Organisation',
    'contacts.role': 'Function or role',
    'contacts.name': 'Name',
    'contacts.email': 'E-mail',
    'contacts.phone': 'Phone',
    'contacts.actions': 'Actions',
    'contacts.deleteConfirm': 'Delete contact {name}?',
  },
});

export type ContactsKey = keyof typeof contactsMessages.nl;
/** `t` of these pages, for helpers that receive it. */
export type ContactsT = BlockTranslate<ContactsKey>;
