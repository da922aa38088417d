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
  const items: MenuItem[] = [
    ...roleNav(role),
    { to: '/doelstellingen', label: 'nav.usageTargets', needs: 'usage-targets.manage' },
    { to: '/betrouwbaarheid', label: 'nav.accuracy', needs: 'accuracy.read' },
    { to: '/abonnementen', label: 'nav.subscriptions' },
    { to: '/instellingen', label: 'nav.settings', needs: 'settings.manage' },
    { to: '/api-tokens', label: 'nav.tokens' },
  ];
  return items.filter((item) => item.needs === undefined || roleMay(role, item.needs)).map(({ to, label }) => ({ to, label }));
}

/** Services of the DAP (sections 4, 5, 8, Bijlagen 1 and 2) in every role's menu, each only where the role may. */
const SERVICES: MenuItem[] = [
  { to: '/serviceverzoeken', label: 'nav.serviceRequests' },
  { to: '/verstoringsanalyses', label: 'nav.analyses' },
  { to: '/contacten', label: 'nav.contacts' },
  { to: '/rapportage', label: 'nav.report', needs: 'report.service' },
  { to: '/fraude', label: 'nav.fraudReport', needs: 'fraud.report' },
];

function roleNav(role: Role): MenuItem[] {
  if (role === 'fraudeteam') {
    return [
      { to: '/', label: 'nav.fraud' },
      { to: '/overzicht', label: 'nav.load' },
      { to: '/incidenten', label: 'nav.incidents' },
      { to: '/contacten', label: 'nav.contacts' },
      { to: '/meldingen', label: 'nav.notifications' },
    ];
  }
  return [...roleNavBase(role), ...SERVICES];
}

function roleNavBase(role: Role): MenuItem[] {
  if (role === 'planner') {
    return [
      { to: '/', label: 'nav.overview' },
      { to: '/aanleveren', label: 'nav.upload', needs: 'prognose.deliver' },
      { to: '/verzendmomenten', label: 'nav.windows' },
      { to: '/conflicten', label: 'nav.myConflicts' },
      { to: '/nivellering', label: 'nav.levelling', needs: 'levelling.answer-move' },
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
      { to: '/nivellering', label: 'nav.levelling', needs: 'levelling.propose' },
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
