import type { PrioritySettingRow } from '@cd/db';
import { type PrioritySettingJson, snoDurationText } from '@cd/shared';

export const prioritySettingJson = (s: PrioritySettingRow): PrioritySettingJson => ({
  priority: s.priority,
  response: s.response,
  resolution: s.resolution,
  responseText: snoDurationText(s.response),
  resolutionText: snoDurationText(s.resolution),
  isDefault: s.isDefault,
  updatedBy: s.updatedBy,
  updatedAt: s.updatedAt.toISOString(),
});
