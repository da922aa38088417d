import type { ContactRole } from './contacts.js';

/** The two escalation ladders of section 7: incidents and urgent changes, and the general one. */
export const LADDERS = ['incident', 'algemeen'] as const;
export type Ladder = (typeof LADDERS)[number];

export interface LadderLevel {
  readonly level: number;
  readonly title: string;
  /** Whose contact details (Bijlage 1) the escalation screen shows for this level. */
  readonly contactRole: ContactRole;
  /** Logius users notified when a case reaches this level. */
  readonly notifyRoles: readonly string[];
}

export const LADDER_LEVELS: Readonly<Record<Ladder, readonly LadderLevel[]>> = {
  incident: [
    { level: 1, title: 'Incidentmanager', contactRole: 'incidentmanager', notifyRoles: ['incident-manager'] },
    { level: 2, title: 'Calamiteitenmanager', contactRole: 'calamiteitenmanager', notifyRoles: ['calamity-manager'] },
  ],
  algemeen: [
    { level: 1, title: 'Servicecentrum Logius', contactRole: 'servicecentrum', notifyRoles: ['service-manager'] },
    { level: 2, title: 'Service manager Logius', contactRole: 'servicemanager', notifyRoles: ['service-manager'] },
    { level: 3, title: 'Teamleider/coördinator MijnOverheid', contactRole: 'teamleider', notifyRoles: ['service-manager'] },
    { level: 4, title: 'Afdelingshoofd Portaaldiensten', contactRole: 'afdelingshoofd', notifyRoles: ['service-manager', 'admin'] },
    { level: 5, title: 'Directeur Logius', contactRole: 'directeur', notifyRoles: ['service-manager', 'admin'] },
  ],
};

export const LADDER_LABELS: Readonly<Record<Ladder, string>> = {
  incident: 'Incidenten en urgente wijzigingen',
  algemeen: 'Algemene escalatie',
};

/**
 * Returns the level an escalation goes to from `current` (0 when not escalated yet), or null at the top.
 * Edge: escalation never skips a level ("eerst overleggen, dan escaleren"): from 0 it is level 1; from the
 * last level (2 on the incident ladder, 5 on the general one) it is null.
 */
export function ladderNext(ladder: Ladder, current: number): LadderLevel | null {
  return LADDER_LEVELS[ladder].find((l) => l.level === current + 1) ?? null;
}

/** Returns one level of a ladder, or null when it has no such level. Edge: level 0 gives null. */
export function ladderLevel(ladder: Ladder, level: number): LadderLevel | null {
  return LADDER_LEVELS[ladder].find((l) => l.level === level) ?? null;
}
