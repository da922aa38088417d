import { type Capability, type Role, roleIsLogius, roleMay } from '@cd/shared/access';
import type { MessageKey } from '../lib/i18n';

export interface NavItem {
  to: string;
  label: MessageKey;
}

/** A menu item; with `needs`, only for a role the access table lets use that capability. */
interface MenuItem extends NavItem {
  needs?: Capability;
}

/** The main menu of each role: its own items, then what every role has. */
export function navFor(role: Role): NavItem[] {
  const items: MenuItem[] = [...roleNav(role), { to: '/api-tokens', label: 'nav.tokens' }];
  return items.filter((item) => item.needs === undefined || roleMay(role, item.needs)).map(({ to, label }) => ({ to, label }));
}

function roleNav(role: Role): MenuItem[] {
  if (role === 'planner') {
    return [
      { to: '/', label: 'nav.overview' },
      { to: '/aanleveren', label: 'nav.upload', needs: 'prognose.deliver' },
      { to: '/verzendmomenten', label: 'nav.windows' },
      { to: '/conflicten', label: 'nav.myConflicts' },
      { to: '/incidenten', label: 'nav.incidents' },
      { to: '/beveiligingsincidenten', label: 'nav.securityIncidents', needs: 'security-incident.read' },
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
  if (roleIsLogius(role)) {
    return [
      { to: '/', label: 'nav.overview' },
      { to: '/conflicten', label: 'nav.conflicts' },
      { to: '/escalaties', label: 'nav.escalations' },
      { to: '/capaciteitsprofiel', label: 'nav.profile' },
      { to: '/onderhoud', label: 'nav.maintenance' },
      { to: '/incidenten', label: 'nav.incidents' },
      { to: '/beveiligingsincidenten', label: 'nav.securityIncidents', needs: 'security-incident.read' },
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
