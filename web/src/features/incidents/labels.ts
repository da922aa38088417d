import type { EscalationJson, IncidentJson } from '@cd/shared';
import { ROLES } from '@cd/shared/access';
import type { MessageKey } from '../../lib/i18n';
import { roleMessageKey } from '../../lib/messages/nl';

type Calamity = IncidentJson['calamity'];

export const INCIDENT_STATUS_LABEL = {
  gemeld: 'incidentStatus.gemeld',
  'in-behandeling': 'incidentStatus.in-behandeling',
  opgelost: 'incidentStatus.opgelost',
  gesloten: 'incidentStatus.gesloten',
} as const satisfies Record<IncidentJson['status'], MessageKey>;

export const CALAMITY_STATUS_LABEL = {
  geen: 'calamityStatus.geen',
  voorgesteld: 'calamityStatus.voorgesteld',
  bevestigd: 'calamityStatus.bevestigd',
} as const satisfies Record<Calamity['status'], MessageKey>;

export const CALAMITY_REASON_LABEL = {
  'p1-dreigt': 'calamityReason.p1-dreigt',
  'p1-overschreden': 'calamityReason.p1-overschreden',
  imago: 'calamityReason.imago',
  dienstverlening: 'calamityReason.dienstverlening',
  calamiteitenmanager: 'calamityReason.calamiteitenmanager',
} as const satisfies Record<NonNullable<Calamity['reason']>, MessageKey>;

/** The message key of a user role's name; null for anything else (a Bijlage-1 contact role). */
export function roleLabel(role: EscalationJson['role']): MessageKey | null {
  const known = ROLES.find((r) => r === role);
  return known ? roleMessageKey(known) : null;
}
