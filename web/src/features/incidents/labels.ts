import type { EscalationJson, IncidentJson, Role } from '@cd/shared';
import type { MessageKey } from '../../lib/i18n';

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

export const ROLE_LABEL = {
  planner: 'role.planner',
  'klantraad-manager': 'role.klantraad-manager',
  'capacity-manager': 'role.capacity-manager',
  'service-manager': 'role.service-manager',
  'incident-manager': 'role.incident-manager',
  'calamity-manager': 'role.calamity-manager',
  admin: 'role.admin',
  fraudeteam: 'role.fraudeteam',
} as const satisfies Record<Role, MessageKey>;

export function roleLabel(role: EscalationJson['role']): MessageKey | null {
  return role in ROLE_LABEL ? ROLE_LABEL[role as Role] : null;
}
