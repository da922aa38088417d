import type { Role } from '@cd/shared';
import type { MessageKey } from '../lib/i18n';
import { isLogius } from '../lib/session';

export interface NavItem {
  to: string;
  label: MessageKey;
}

/** The main menu of each role: its own items, then what every role has. */
export function navFor(role: Role): NavItem[] {
  return [...roleNav(role), { to: '/api-tokens', label: 'nav.tokens' }];
}

function roleNav(role: Role): NavItem[] {
  if (role === 'planner') {
    return [
      { to: '/', label: 'nav.overview' },
      { to: '/aanleveren', label: 'nav.upload' },
      { to: '/verzendmomenten', label: 'nav.windows' },
      { to: '/conflicten', label: 'nav.myConflicts' },
      { to: '/incidenten', label: 'nav.incidents' },
      { to: '/wijzigingen', label: 'nav.changes' },
      { to: '/meldingen', label: 'nav.notifications' },
    ];
  }
  if (role === 'klantraad-manager') {
    return [
      { to: '/', label: 'nav.klantraad' },
      { to: '/overzicht', label: 'nav.load' },
      { to: '/conflicten', label: 'nav.conflicts' },
      { to: '/incidenten', label: 'nav.incidents' },
      { to: '/wijzigingen', label: 'nav.changes' },
      { to: '/meldingen', label: 'nav.notifications' },
    ];
  }
  if (isLogius(role)) {
    return [
      { to: '/', label: 'nav.overview' },
      { to: '/conflicten', label: 'nav.conflicts' },
      { to: '/escalaties', label: 'nav.escalations' },
      { to: '/capaciteitsprofiel', label: 'nav.profile' },
      { to: '/onderhoud', label: 'nav.maintenance' },
      { to: '/incidenten', label: 'nav.incidents' },
      { to: '/wijzigingen', label: 'nav.changes' },
      { to: '/meldingen', label: 'nav.notifications' },
    ];
  }
  return [
    { to: '/', label: 'nav.overview' },
    { to: '/incidenten', label: 'nav.incidents' },
    { to: '/wijzigingen', label: 'nav.changes' },
  ];
}
