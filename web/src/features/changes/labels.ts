import type { RfcJson } from '@cd/shared';
import type { MessageKey } from '../../lib/i18n';

export const RFC_KIND_LABEL = {
  standaard: 'rfcKind.standaard',
  'niet-standaard': 'rfcKind.niet-standaard',
  urgent: 'rfcKind.urgent',
} as const satisfies Record<RfcJson['kind'], MessageKey>;

export const RFC_STATUS_LABEL = {
  ingediend: 'rfcStatus.ingediend',
  geanalyseerd: 'rfcStatus.geanalyseerd',
  'impact-geanalyseerd': 'rfcStatus.impact-geanalyseerd',
  goedgekeurd: 'rfcStatus.goedgekeurd',
  afgewezen: 'rfcStatus.afgewezen',
  ingepland: 'rfcStatus.ingepland',
  geimplementeerd: 'rfcStatus.geimplementeerd',
} as const satisfies Record<RfcJson['status'], MessageKey>;

export const CHANGE_TYPE_LABEL = {
  technisch: 'changeType.technisch',
  functioneel: 'changeType.functioneel',
} as const satisfies Record<RfcJson['changeType'], MessageKey>;
