import { describe, expect, it } from 'vitest';
import { CALAMITY_THRESHOLD } from '../incidents/calamity.js';
import { SERVICE_REQUEST_TYPE_CODES, STANDARD_CHANGES } from '../changes/catalogue.js';
import { SettingsPatch, settingsDefaults, settingsResolve } from './settings.js';

describe('settingsDefaults', () => {
  it('gathers today’s values from the homes of their rules', () => {
    const d = settingsDefaults();
    expect(d.calamityThreshold).toBe(CALAMITY_THRESHOLD);
    expect(d.usageThresholds).toEqual({ groot: 0.25, middel: 0.05 });
    expect(d.standardChanges.map((s) => s.code)).toEqual(STANDARD_CHANGES.map((s) => s.code));
    expect(d.serviceRequestTypes.map((s) => s.code).sort()).toEqual([...SERVICE_REQUEST_TYPE_CODES].sort());
  });

  it('passes its own schema', () => {
    expect(SettingsPatch.safeParse(settingsDefaults()).success).toBe(true);
  });
});

describe('settingsResolve', () => {
  it('takes a stored override over the default, key by key', () => {
    const s = settingsResolve({ calamityThreshold: 0.6 });
    expect(s.calamityThreshold).toBe(0.6);
    expect(s.usageThresholds).toEqual(settingsDefaults().usageThresholds);
  });

  it('falls back to the default for an override that no longer parses, and ignores unknown keys', () => {
    const s = settingsResolve({ calamityThreshold: 7, usageThresholds: { groot: 0.01, middel: 0.5 }, onbekend: 1 });
    expect(s).toEqual(settingsDefaults());
  });
});

describe('SettingsPatch', () => {
  it('refuses an empty change, a threshold out of range and groot not above middel', () => {
    expect(SettingsPatch.safeParse({}).success).toBe(false);
    expect(SettingsPatch.safeParse({ calamityThreshold: 0.04 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ calamityThreshold: 1 }).success).toBe(true);
    expect(SettingsPatch.safeParse({ usageThresholds: { groot: 0.05, middel: 0.05 } }).success).toBe(false);
  });

  it('refuses a service-request catalogue that drops or doubles an item', () => {
    const all = settingsDefaults().serviceRequestTypes;
    expect(SettingsPatch.safeParse({ serviceRequestTypes: all.slice(1) }).success).toBe(false);
    expect(SettingsPatch.safeParse({ serviceRequestTypes: [...all, all[0]] }).success).toBe(false);
    expect(SettingsPatch.safeParse({ serviceRequestTypes: all.map((t) => ({ ...t, active: false })) }).success).toBe(true);
  });
});
