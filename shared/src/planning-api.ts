import { z } from 'zod';
import { Oin } from './roles.js';
import { PROCEDURE_STEPS } from './procedure/types.js';

const Instant = z.iso.datetime({ offset: true });

export const CapacityProfileInput = z
  .object({
    ratesPerHour: z
      .array(z.number({ error: 'Elke capaciteit moet een getal zijn.' }).min(0, 'Capaciteit kan niet negatief zijn.').max(1e9))
      .length(168, 'Geef precies 168 waarden: één per uur van de week, beginnend met maandag 00:00-01:00.'),
    threshold: z.number().positive('De drempel moet groter dan 0 zijn.').max(10).optional(),
    warningLevel: z.number().positive('Het waarschuwingsniveau moet groter dan 0 zijn.').max(10).optional(),
  })
  .refine((p) => (p.warningLevel ?? 0.8) <= (p.threshold ?? 1), {
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
    setBy: z.string().nullable(),
    setAt: Instant,
  })
  .meta({ id: 'CapacityProfile' });
export type CapacityProfileJson = z.infer<typeof CapacityProfileJson>;

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

export const MaintenanceWindowJson = z
  .object({
    id: z.number().int(),
    start: Instant,
    end: Instant,
    factor: z.number(),
    reason: z.string(),
    kind: MaintenanceKind,
    createdBy: z.string().nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'MaintenanceWindow' });
export type MaintenanceWindowJson = z.infer<typeof MaintenanceWindowJson>;

export const LoadBucketSize = z.enum(['15m', '1h', '1d']);
export type LoadBucketSize = z.infer<typeof LoadBucketSize>;

export const LoadQuery = z.object({
  from: Instant.meta({ description: 'Begin (ISO 8601 met offset)' }),
  to: Instant.meta({ description: 'Einde, exclusief' }),
  bucket: LoadBucketSize.default('1h'),
});

export const LoadBucketState = z.enum(['ok', 'warning', 'overload']);

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
    procedure: z
      .object({
        step: z.enum(PROCEDURE_STEPS),
        stepLabel: z.string(),
        deadline: Instant.nullable(),
        overdue: z.boolean(),
        escalationLevel: z.number().int().nullable(),
      })
      .nullable()
      .meta({ description: 'Waar het dossier staat in de zesstappenprocedure' }),
  })
  .meta({ id: 'Conflict' });
export type ConflictJson = z.infer<typeof ConflictJson>;

export const ConflictPage = z
  .object({ items: z.array(ConflictJson), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .meta({ id: 'ConflictPage' });

export const ConflictQuery = z.object({
  status: ConflictStatus.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
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
    afnemers: z.array(Oin),
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
