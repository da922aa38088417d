import type { SecuritySeverity, SecurityStatus } from '@cd/shared';
import type { MessageKey, Translate } from '../../../lib/i18n';

export const severityKey = (s: SecuritySeverity): MessageKey => `sec.severity.${s}`;
export const statusKey = (s: SecurityStatus): MessageKey => `sec.statusValue.${s}`;

/** "Niveau 2: Service manager Logius", or "Overleg (niet geëscaleerd)" at level 0. */
export const levelText = (t: Translate, level: number, title: string | null) => (title ? t('sec.levelValue', { level, title }) : t('sec.levelNone'));
