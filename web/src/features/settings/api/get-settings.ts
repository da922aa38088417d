import { CALAMITY_THRESHOLD } from '@cd/shared/constants';
import type { SettingChangeJson as SettingChangeSchema, SettingsJson as SettingsSchema, SettingsPatch as SettingsPatchSchema } from '@cd/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type SettingsJson = Infer<typeof SettingsSchema>;
export type Settings = SettingsJson['values'];
export type SettingsPatch = Infer<typeof SettingsPatchSchema>;
export type SettingChangeJson = Infer<typeof SettingChangeSchema>;

export const getSettings = (signal?: AbortSignal) => apiRequest<SettingsJson>('/settings', { signal });
export const getSettingHistory = (signal?: AbortSignal) => apiRequest<SettingChangeJson[]>('/settings/history', { signal });

export const settingsQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.settings], queryFn: ({ signal }) => getSettings(signal) });
export const settingHistoryQueryOptions = () =>
  queryOptions({ queryKey: [QUERY_ROOTS.settings, 'history'], queryFn: ({ signal }) => getSettingHistory(signal) });

export const useSettings = () => useQuery(settingsQueryOptions());
export const useSettingHistory = () => useQuery(settingHistoryQueryOptions());

/** The calamity threshold in force (a fraction); the default of the rule while the settings are loading or failed. */
export function useCalamityThreshold(): number {
  const query = useQuery({ ...settingsQueryOptions(), select: (s) => s.values.calamityThreshold });
  return query.data ?? CALAMITY_THRESHOLD;
}

export const updateSettings = (body: SettingsPatch) => apiRequest<SettingsJson>('/settings', { method: 'PATCH', body });

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateSettings,
    // Both the values and their history live under the settings root.
    onSuccess: () => void qc.invalidateQueries({ queryKey: [QUERY_ROOTS.settings] }),
  });
}
