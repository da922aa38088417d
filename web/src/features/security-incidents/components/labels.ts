import type { SecuritySeverity, SecurityStatus } from '@cd/shared';
import type { SecurityIncidentKey, SecurityIncidentT } from '../messages';

export const severityKey = (s: SecuritySeverity): SecurityIncidentKey => `sec.severity.${s}`;
export const statusKey = (s: SecurityStatus): SecurityIncidentKey => `sec.statusValue.${s}`;

/** "Niveau 2: Service manager Logius", or "Overleg (niet geëscaleerd)" at level 0. */
export const levelText = (t: SecurityIncidentT, level: number, title: string | null) => (title ? t('sec.levelValue', { level, title }) : t('sec.levelNone'));
