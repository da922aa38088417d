import { settingsStored, settingStored, type Queryable } from '@cd/db';
import { CalamityThresholdSetting, CALAMITY_THRESHOLD, settingsResolve, type Settings } from '@cd/shared';

/** The settings in force: the administrator's overrides over the defaults of shared. */
export async function settingsRead(sql: Queryable): Promise<Settings> {
  return settingsResolve(await settingsStored(sql));
}

/** The calamity threshold in force (one small read, for the incident views and the calamity timer). */
export async function calamityThresholdRead(sql: Queryable): Promise<number> {
  const parsed = CalamityThresholdSetting.safeParse(await settingStored(sql, 'calamityThreshold'));
  return parsed.success ? parsed.data : CALAMITY_THRESHOLD;
}
