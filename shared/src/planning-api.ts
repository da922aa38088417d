import { z } from 'zod';
import { instantSchema } from './instant.js';
import { Oin } from './roles.js';
import { DEFAULT_THRESHOLD, DEFAULT_WARNING_LEVEL, LOAD_STATES } from './planning/levels.js';
import { ProcedureSummary } from './procedure-summary-api.js';
import { RangeInstant } from './range-instant.js';
import { PLAN_CHANGE_UNDO_MS } from './plan-changes/sources.js';

const Instant = instantSchema();

export const CapacityProfileInput = z
  .object({
    ratesPerHour: z
      .array(z.number({ error: 'Elke capaciteit moet een getal zijn.' }).min(0, 'Capaciteit kan niet negatief zijn.').max(1e9))
      .length(168, 'Geef precies 168 waarden: één per uur van de week, beginnend met maandag 00:00-01:00.'),
    threshold: z.number().positive('De drempel moet groter dan 0 zijn.').max(10).optional(),
    warningLevel: z.number().positive('Het waarschuwingsniveau moet groter dan 0 zijn.').max(10).optional(),
    effectiveFrom: z.iso
      .date({ error: 'Geef de ingangsdatum als jjjj-mm-dd.' })
      .optional()
      .meta({ description: 'Geldt vanaf 00:00 Europe/Amsterdam op deze datum (vandaag of later); standaard vandaag' }),
  })
  .refine((p) => (p.warningLevel ?? DEFAULT_WARNING_LEVEL) <= (p.threshold ?? DEFAULT_THRESHOLD), {
    message: 'Het waarschuwingsniveau mag niet boven de drempel liggen.',
    path: ['warningLevel'],
  })
  .meta({ id: 'CapacityProfileInput', description: 'Berichten per uur voor elk uur van de week (Europe/Amsterdam)' });

export const CapacityProfileJson = z
  .object({
    id: z.number().int(),
    ratesPerHour: z.array(z.number()),
    threshold: z.number(),
    warningLevel: z.number(),
    effectiveFrom: z.iso.date().meta({ description: 'Geldt vanaf 00:00 Europe/Amsterdam op deze datum' }),
    until: z.iso
      .date()
      .nullable()
      .meta({ description: 'Gold tot 00:00 op deze datum (exclusief), toen het volgende profiel inging; leeg: geen later profiel' }),
    restoredFrom: z.number().int().nullable().meta({ description: 'Het profiel dat hiermee is teruggezet' }),
    setBy: z.string().nullable(),
    setAt: Instant,
  })
  .meta({ id: 'CapacityProfile' });
export type CapacityProfileJson = z.infer<typeof CapacityProfileJson>;

export const CapacityProfileNowJson = CapacityProfileJson.extend({
  upcoming: z.array(CapacityProfileJson).meta({ description: 'Profielen die later ingaan, vroegste eerst' }),
}).meta({ id: 'CapacityProfileNow', description: 'Het profiel dat nu geldt, en de profielen die later ingaan' });
export type CapacityProfileNowJson = z.infer<typeof CapacityProfileNowJson>;

export const CapacityProfileRestoreInput = z
  .object({
    effectiveFrom: z.iso
      .date({ error: 'Geef de ingangsdatum als jjjj-mm-dd.' })
      .optional()
      .meta({ description: 'Vanaf welke datum het teruggezette profiel geldt (vandaag of later); standaard vandaag' }),
  })
  .meta({ id: 'CapacityProfileRestoreInput' });

/** What a stored change did to the conflicts, as the recomputation in its transaction found. */
export const ChangeEffect = z
  .object({
    created: z.number().int().meta({ description: 'Nieuwe conflicten' }),
    afnemers: z.number().int().meta({ description: 'Afnemers in die nieuwe conflicten' }),
    solved: z.number().int().meta({ description: 'Opgeloste conflicten' }),
  })
  .meta({ id: 'ChangeEffect' });
export type ChangeEffect = z.infer<typeof ChangeEffect>;

export const CapacityProfileSavedJson = CapacityProfileJson.extend({
  effect: ChangeEffect,
  replaced: z.number().int().nullable().meta({ description: 'Het profiel dat op de ingangsdatum gold (om terug te zetten)' }),
}).meta({ id: 'CapacityProfileSaved' });
export type CapacityProfileSavedJson = z.infer<typeof CapacityProfileSavedJson>;

export const MaintenanceKind = z.enum(['onderhoud', 'release', 'incident']).meta({ id: 'MaintenanceKind' });

export const MaintenanceWindowInput = z
  .object({
    start: Instant,
    end: Instant,
    factor: z.number().min(0, 'De factor ligt tussen 0 en 1.').max(1, 'De factor ligt tussen 0 en 1.'),
    reason: z.string().trim().min(1, 'Geef een reden op.').max(1000),
    kind: MaintenanceKind,
  })
  .refine((m) => Date.parse(m.end) > Date.parse(m.start), { message: 'Het einde moet na het begin liggen.', path: ['end'] })
  .meta({ id: 'MaintenanceWindowInput' });

/**
 * A stored capacity drop as the API shows it: a maintenance window, of which an incident's capacity impact
 * (CapacityImpactJson in incidents-api.ts) picks the fields it shares.
 */
export const CapacityDropBase = z.object({
  id: z.number().int(),
  start: Instant,
  end: Instant,
  factor: z.number(),
  reason: z.string(),
  kind: MaintenanceKind,
  createdBy: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});

export const MaintenanceWindowJson = CapacityDropBase.meta({ id: 'MaintenanceWindow' });
export type MaintenanceWindowJson = z.infer<typeof MaintenanceWindowJson>;

/** How long a maintenance change (also an incident's capacity drop) can be undone: the term of every plan change. */
export const MAINTENANCE_UNDO_MINUTES = PLAN_CHANGE_UNDO_MS / 60_000;

const MaintenanceSnapshotJson = z
  .object({ start: Instant, end: Instant, factor: z.number(), reason: z.string(), kind: MaintenanceKind })
  .meta({ id: 'MaintenanceSnapshot' });

export const MaintenanceChangeJson = z
  .object({
    id: z.number().int(),
    maintenanceId: z.number().int(),
    action: z.enum(['create', 'update', 'delete']),
    before: MaintenanceSnapshotJson.nullable(),
    after: MaintenanceSnapshotJson.nullable(),
    changedBy: z.string().nullable(),
    changedAt: Instant,
    undoableUntil: Instant.meta({ description: `Tot wanneer de wijziging ongedaan kan worden (${MAINTENANCE_UNDO_MINUTES} minuten)` }),
    undoneBy: z.string().nullable(),
    undoneAt: Instant.nullable(),
  })
  .meta({ id: 'MaintenanceChange', description: 'Eén wijziging in het spoor van de onderhoudskalender' });
export type MaintenanceChangeJson = z.infer<typeof MaintenanceChangeJson>;

export const MaintenanceChangeResult = z.object({ change: MaintenanceChangeJson, effect: ChangeEffect }).meta({ id: 'MaintenanceChangeResult' });
export type MaintenanceChangeResult = z.infer<typeof MaintenanceChangeResult>;

export const MaintenanceWindowSavedJson = MaintenanceWindowJson.extend({ change: MaintenanceChangeJson, effect: ChangeEffect }).meta({
  id: 'MaintenanceWindowSaved',
});
export type MaintenanceWindowSavedJson = z.infer<typeof MaintenanceWindowSavedJson>;

export const LoadBucketSize = z.enum(['15m', '1h', '1d']);
export type LoadBucketSize = z.infer<typeof LoadBucketSize>;

export const LoadQuery = z.object({
  from: RangeInstant.meta({ description: 'Begin: datum (middernacht Europe/Amsterdam) of ISO 8601 met offset' }),
  to: RangeInstant.meta({ description: 'Einde, exclusief' }),
  bucket: LoadBucketSize.default('1h'),
});

export const LoadBucketState = z.enum(LOAD_STATES);

export const LoadSeries = z
  .object({
    key: z.string().meta({ description: 'OIN, of "overig" / "rest" voor de samengevoegde rest' }),
    name: z.string(),
    load: z.array(z.number()),
  })
  .meta({ id: 'LoadSeries' });

export const LoadResponse = z
  .object({
    from: Instant,
    to: Instant,
    bucket: LoadBucketSize,
    starts: z.array(Instant).meta({ description: 'Begin van elke bucket; de andere reeksen lopen hiermee gelijk' }),
    capacity: z.array(z.number()),
    load: z.array(z.number()),
    loadConcept: z.array(z.number()),
    loadDefinitief: z.array(z.number()),
    utilization: z.array(z.number().nullable()),
    backlog: z.array(z.number()).meta({ description: 'Grootste wachtrij binnen de bucket' }),
    state: z.array(LoadBucketState),
    afnemers: z.array(LoadSeries),
    actual: z.array(z.number().nullable()).optional().meta({
      description:
        'Werkelijk verzonden berichten per bucket (planner: de eigen Afnemer); null voor een bucket die nog niet voorbij is of waarvoor nog geen aantallen zijn aangeleverd',
    }),
    actualUnannounced: z
      .array(z.number().nullable())
      .optional()
      .meta({ description: 'Het deel van actual dat is verzonden in uren zonder aangekondigd venster van de Afnemer (onaangekondigd)' }),
  })
  .meta({ id: 'Load', description: 'Belasting tegen capaciteit per bucket, kolomsgewijs' });
export type LoadResponse = z.infer<typeof LoadResponse>;

export const ConflictWindowJson = z
  .object({
    windowId: z.number().int().nullable(),
    afnemer: Oin,
    kenmerk: z.string().nullable().meta({ description: 'Leeg bij vensters van andere Afnemers (voor planners)' }),
    load: z.number().meta({ description: 'Berichten van dit venster binnen het conflict' }),
    start: Instant.nullable(),
    eind: Instant.nullable(),
    aantalBerichten: z.number().nullable(),
  })
  .meta({ id: 'ConflictWindow' });

export const ConflictStatus = z.enum(['open', 'resolved']);

export const ConflictJson = z
  .object({
    id: z.number().int(),
    status: ConflictStatus,
    start: Instant,
    end: Instant,
    windowCount: z.number().int().meta({ description: 'Aantal vensters in het conflict' }),
    windows: z.array(ConflictWindowJson).meta({ description: 'In een lijst de tien grootste, in het detail alle' }),
    afnemers: z.array(Oin),
    peakUtilization: z.number().nullable(),
    excessMessages: z.number(),
    peakBacklog: z.number(),
    drainedAt: Instant.nullable(),
    delayMinutes: z.number().nullable().meta({ description: 'Geschatte vertraging: van einde conflict tot lege wachtrij' }),
    detectedAt: Instant,
    updatedAt: Instant,
    resolvedAt: Instant.nullable(),
    resolvedReason: z.string().nullable(),
    procedure: ProcedureSummary.nullable().meta({ description: 'Waar het dossier staat in de zesstappenprocedure' }),
  })
  .meta({ id: 'Conflict' });
export type ConflictJson = z.infer<typeof ConflictJson>;

export const ConflictPage = z
  .object({ items: z.array(ConflictJson), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .meta({ id: 'ConflictPage' });

export const ConflictQuery = z.object({
  status: ConflictStatus.optional(),
  from: RangeInstant.optional(),
  to: RangeInstant.optional(),
  afnemer: Oin.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});

const Slot = z.object({ start: Instant, end: Instant, shiftMinutes: z.number() }).meta({ id: 'SuggestionSlot' });

export const WindowSuggestionsJson = z
  .object({
    windowId: z.number().int(),
    afnemer: Oin,
    kenmerk: z.string().nullable(),
    earlier: Slot.nullable(),
    later: Slot.nullable(),
    split: z
      .object({ parts: z.array(Slot.extend({ aantalBerichten: z.number() })) })
      .nullable()
      .meta({ description: 'Het venster in twee helften over twee momenten' }),
    ranked: z.array(
      z.object({
        kind: z.enum(['earlier', 'later', 'split']),
        distanceMinutes: z.number(),
        cost: z.number().meta({ description: 'Berichten × uren verschoven; hoe lager, hoe beter' }),
        best: z.boolean().meta({ description: 'De beste suggestie van het hele conflict (precies één)' }),
      }),
    ),
  })
  .meta({ id: 'WindowSuggestions' });

export const ConflictSuggestions = z
  .object({
    conflictId: z.number().int(),
    windows: z.array(WindowSuggestionsJson).meta({ description: 'Goedkoopste eerst (berichten × uren verschoven)' }),
    best: z.object({ windowId: z.number().int(), kind: z.enum(['earlier', 'later', 'split']) }).nullable(),
  })
  .meta({ id: 'ConflictSuggestions' });

const ConflictPreview = z
  .object({
    start: Instant,
    end: Instant,
    afnemers: z.array(Oin).meta({ description: 'Voor Logius alle Afnemers in het conflict; voor een Afnemer alleen de eigen (als die erin zit)' }),
    otherAfnemers: z.number().int().min(0).meta({ description: 'Hoeveel Afnemers er daarnaast in zitten, zonder ze te noemen' }),
    peakUtilization: z.number().nullable(),
    excessMessages: z.number(),
    delayMinutes: z.number().nullable(),
  })
  .meta({ id: 'ConflictPreview' });

export const DryRunResult = z
  .object({
    dryRun: z.literal(true),
    rowCount: z.number().int(),
    created: z.array(ConflictPreview),
    worsened: z.array(z.object({ before: ConflictPreview, after: ConflictPreview })),
    solved: z.array(ConflictPreview),
    eased: z.array(z.object({ before: ConflictPreview, after: ConflictPreview })),
  })
  .meta({ id: 'DryRunResult', description: 'Wat de aanlevering met de conflicten zou doen; er is niets opgeslagen' });
export type DryRunResult = z.infer<typeof DryRunResult>;

export const PlanningDryRunResult = DryRunResult.omit({ rowCount: true }).meta({
  id: 'PlanningDryRunResult',
  description: 'Wat de wijziging met de conflicten zou doen; er is niets opgeslagen',
});
export type PlanningDryRunResult = z.infer<typeof PlanningDryRunResult>;

export const DryRunQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true: alleen tonen welke conflicten de wijziging zou veroorzaken, verergeren of oplossen; niets opslaan' }),
});
