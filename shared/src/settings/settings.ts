/**
 * The settings an administrator may change (calamity threshold, usage thresholds, the two catalogues): their
 * schemas and their defaults. Each default keeps its one home beside the rule that uses it; this module only
 * gathers them. The database holds an override per key; a key without one has its default.
 */
import { z } from 'zod';
import { CALAMITY_THRESHOLD } from '../incidents/calamity.js';
import { SERVICE_REQUEST_TYPE_CODES, SERVICE_REQUEST_TYPES, STANDARD_CHANGES } from '../changes/catalogue.js';
import { USAGE_GROWTH_THRESHOLDS } from '../changes/usage-template.js';

export const SETTING_KEYS = ['calamityThreshold', 'usageThresholds', 'standardChanges', 'serviceRequestTypes'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Dutch names of the settings, for the history and messages. */
export const SETTING_LABELS: Readonly<Record<SettingKey, string>> = {
  calamityThreshold: 'Calamiteitendrempel',
  usageThresholds: 'Drempels verwachte toename gebruik',
  standardChanges: 'Catalogus standaardwijzigingen',
  serviceRequestTypes: 'Catalogus serviceverzoeken',
};

const Fraction = (what: string) =>
  z
    .number({ error: `Geef ${what} als getal.` })
    .min(0, `${what[0]!.toUpperCase()}${what.slice(1)} is minstens 0%.`)
    .max(10, `${what[0]!.toUpperCase()}${what.slice(1)} is hoogstens 1000%.`);

const Name = (max: number) => z.string({ error: 'Vul dit veld in.' }).trim().min(1, 'Vul dit veld in.').max(max, `Hoogstens ${max} tekens.`);

export const CalamityThresholdSetting = z
  .number({ error: 'Geef de drempel als getal tussen 0,05 en 1.' })
  .min(0.05, 'De calamiteitendrempel is minstens 5% van de oplostijd.')
  .max(1, 'De calamiteitendrempel is hoogstens 100% van de oplostijd.')
  .meta({ description: 'Deel van de oplostijd van een P1 waarna een calamiteit wordt voorgesteld (0,75 = 75%)', example: 0.75 });

export const UsageThresholdsSetting = z
  .strictObject({
    groot: Fraction('de drempel voor groot').meta({ description: 'Toename t.o.v. het vorige kwartaal boven welke de groei groot is (0,25 = 25%)' }),
    middel: Fraction('de drempel voor middel').meta({ description: 'Toename boven welke de groei middel is' }),
  })
  .refine((t) => t.groot > t.middel, { message: 'De drempel voor groot moet boven die voor middel liggen.', path: ['groot'] })
  .meta({ id: 'UsageThresholds' });

export const StandardChangeItem = z
  .strictObject({
    code: z
      .string({ error: 'Geef een code.' })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Een code bestaat uit kleine letters, cijfers en koppeltekens.')
      .max(40, 'Hoogstens 40 tekens.'),
    name: Name(200),
    description: z.string().trim().max(1000, 'Hoogstens 1000 tekens.'),
  })
  .meta({ id: 'StandardChangeItem' });

export const StandardChangesSetting = z
  .array(StandardChangeItem)
  .min(1, 'De catalogus heeft minstens één standaardwijziging.')
  .max(100, 'Hoogstens 100 standaardwijzigingen.')
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `De code ${item.code} staat er al in.` });
      seen.add(item.code);
    });
  });

export const ServiceRequestTypeItem = z
  .strictObject({
    code: z.enum(SERVICE_REQUEST_TYPE_CODES, { error: 'Onbekend soort serviceverzoek.' }),
    name: Name(200),
    termijnWerkdagen: z
      .number({ error: 'Geef een termijn in werkdagen.' })
      .int('Geef een heel aantal werkdagen.')
      .min(1, 'De termijn is minstens 1 werkdag.')
      .max(60, 'De termijn is hoogstens 60 werkdagen.'),
    active: z.boolean({ error: 'Geef aan of het verzoek in de catalogus staat.' }),
  })
  .meta({ id: 'ServiceRequestTypeItem' });

/** Every catalogue item once: its form fields are fixed in the code, so an item is renamed, retimed or switched off, never added. */
export const ServiceRequestTypesSetting = z.array(ServiceRequestTypeItem).superRefine((items, ctx) => {
  const codes = items.map((i) => i.code);
  for (const code of SERVICE_REQUEST_TYPE_CODES) {
    if (!codes.includes(code))
      ctx.addIssue({ code: 'custom', path: [], message: `Het serviceverzoek ${code} ontbreekt; zet het uit in plaats van het te verwijderen.` });
  }
  codes.forEach((code, i) => {
    if (codes.indexOf(code) !== i) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `Het serviceverzoek ${code} staat er twee keer in.` });
  });
});

export const Settings = z
  .object({
    calamityThreshold: CalamityThresholdSetting,
    usageThresholds: UsageThresholdsSetting,
    standardChanges: StandardChangesSetting,
    serviceRequestTypes: ServiceRequestTypesSetting,
  })
  .meta({ id: 'Settings' });
export type Settings = z.infer<typeof Settings>;

/** A change of one or more settings; a key left out stays as it is. */
export const SettingsPatch = z
  .strictObject({
    calamityThreshold: CalamityThresholdSetting.optional(),
    usageThresholds: UsageThresholdsSetting.optional(),
    standardChanges: StandardChangesSetting.optional(),
    serviceRequestTypes: ServiceRequestTypesSetting.optional(),
    reason: z.string().trim().max(1000, 'Hoogstens 1000 tekens.').optional().meta({ description: 'Waarom (komt in de geschiedenis)' }),
  })
  .refine((p) => SETTING_KEYS.some((k) => p[k] !== undefined), { message: 'Geef minstens één instelling om te wijzigen.', path: [] })
  .meta({ id: 'SettingsPatch' });
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Today's values, from the homes of the rules. */
export function settingsDefaults(): Settings {
  return {
    calamityThreshold: CALAMITY_THRESHOLD,
    usageThresholds: { ...USAGE_GROWTH_THRESHOLDS },
    standardChanges: STANDARD_CHANGES.map((s) => ({ ...s })),
    serviceRequestTypes: SERVICE_REQUEST_TYPES.map((t) => ({ ...t, active: true })),
  };
}

/**
 * Returns the settings in force: each stored override parsed against its schema, else the default.
 * Edge: an override that no longer parses (a schema grew stricter) falls back to the default instead of failing.
 */
export function settingsResolve(stored: Readonly<Partial<Record<string, unknown>>>): Settings {
  const defaults = settingsDefaults();
  const out = { ...defaults } as Record<SettingKey, unknown>;
  for (const key of SETTING_KEYS) {
    if (stored[key] === undefined) continue;
    const parsed = Settings.shape[key].safeParse(stored[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Settings;
}

export const SettingsJson = z
  .object({ values: Settings, defaults: Settings })
  .meta({ id: 'SettingsState', description: 'De instellingen die nu gelden en de standaardwaarden' });
export type SettingsJson = z.infer<typeof SettingsJson>;

export const SettingChangeJson = z
  .object({
    id: z.number().int(),
    key: z.enum(SETTING_KEYS),
    label: z.string(),
    oldValue: z.unknown(),
    newValue: z.unknown(),
    reason: z.string(),
    changedAt: z.string(),
    changedBy: z.string().meta({ description: 'E-mailadres van wie het wijzigde' }),
  })
  .meta({ id: 'SettingChange' });
export type SettingChangeJson = z.infer<typeof SettingChangeJson>;
