import { defineMessages } from '../../lib/i18n';

/** The notifications page's own texts (in its chunk, not in the first load). */
export const notificationsMessages = defineMessages({
  nl: {
    'nt.kind.levelling': 'Genivelleerd plan',
    'nt.levellingOpen': 'Bekijk de voorgestelde verschuivingen',
  },
  en: {
    'nt.kind.levelling': 'Levelled plan',
    'nt.levellingOpen': 'View the proposed moves',
  },
});
