import { z } from 'zod';
import { RangeInstant } from '../range-instant.js';
import { instantSchema } from '../instant.js';
import { Oin } from '../roles.js';
import { PROCEDURE_STEPS } from '../procedure/types.js';
import { SERVICE_REQUEST_FIELDS, SERVICE_REQUEST_TYPE_CODES } from './catalogue.js';
import { UsageTargetsJson } from '../settings/usage-targets.js';
import { AccuracyFiguresJson, AccuracySectionJson } from '../accuracy-api.js';
import { RFC_ACTION_TYPES, RFC_KINDS, RFC_STATUSES } from './rfc-types.js';
import { CHANGE_LADDERS, CHANGE_TYPES } from './ladders.js';
import { SERVICE_REQUEST_STATUSES } from './service-request-status.js';

const Instant = instantSchema();
const Text = (max: number, message = 'Vul dit veld in.') => z.string().trim().min(1, message).max(max);

export const RfcKindSchema = z.enum(RFC_KINDS).meta({ id: 'RfcKind', description: 'standaard, niet-standaard of urgent' });
export const RfcStatusSchema = z.enum(RFC_STATUSES).meta({ id: 'RfcStatus' });
/** A code of the standard-change catalogue; which codes exist is a setting (the server checks it against the catalogue in force). */
export const StandardChangeCode = z
  .string({ error: 'Kies een item uit de catalogus.' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Kies een item uit de catalogus.')
  .max(40, 'Kies een item uit de catalogus.')
  .meta({ id: 'StandardChangeCode', example: 'testaccounts' });
export type StandardChangeCode = z.infer<typeof StandardChangeCode>;

export const ChangeTypeSchema = z
  .enum(CHANGE_TYPES)
  .meta({ id: 'RfcChangeType', description: 'technisch of functioneel (DAP 2.2); elk type heeft zijn eigen escalatieladder (7.3)' });

export const RfcInput = z
  .object({
    kind: RfcKindSchema,
    changeType: ChangeTypeSchema.default('technisch'),
    afnemer: Oin.optional().meta({
      description: 'Alleen voor Logius: de Afnemer namens of voor wie de RFC is; leeg is een RFC van Logius zelf. Een Afnemer dient altijd voor zichzelf in.',
    }),
    title: Text(200, 'Geef de RFC een titel.'),
    description: z.string().trim().max(10_000).default(''),
    catalogueItem: StandardChangeCode.optional().meta({ description: 'Verplicht bij een standaardwijziging: het item uit de catalogus' }),
    incidentNumber: z.string().trim().min(1).max(50).optional().meta({ description: 'Verplicht bij een urgente wijziging: het incident dat ze oplost' }),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'standaard' && !r.catalogueItem)
      ctx.addIssue({ code: 'custom', path: ['catalogueItem'], message: 'Kies bij een standaardwijziging een item uit de catalogus.' });
    if (r.kind !== 'standaard' && r.catalogueItem)
      ctx.addIssue({ code: 'custom', path: ['catalogueItem'], message: 'Alleen een standaardwijziging komt uit de catalogus.' });
    if (r.kind === 'urgent' && !r.incidentNumber)
      ctx.addIssue({ code: 'custom', path: ['incidentNumber'], message: 'Noem bij een urgente wijziging het incident dat ze oplost.' });
    if (r.kind !== 'urgent' && r.incidentNumber)
      ctx.addIssue({ code: 'custom', path: ['incidentNumber'], message: 'Alleen een urgente wijziging hoort bij een incident.' });
  })
  .meta({
    id: 'RfcInput',
    description: 'Een nieuw wijzigingsverzoek (Request for Change)',
    example: { kind: 'urgent', changeType: 'technisch', title: 'Herstel koppelvlak', incidentNumber: 'INC-2027-000123' },
  });
export type RfcInput = z.infer<typeof RfcInput>;

export const RfcAction = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('analyse'), text: Text(10_000, 'Beschrijf de uitkomst van de korte analyse.') }).meta({ id: 'RfcActionAnalyse' }),
    z.object({ type: z.literal('impact-analyse'), text: Text(10_000, 'Beschrijf de impact.') }).meta({ id: 'RfcActionImpactAnalyse' }),
    z
      .object({
        type: z.literal('decide'),
        outcome: z.enum(['goedgekeurd', 'afgewezen']),
        reason: Text(5000, 'Geef de reden van het CAB-besluit.'),
      })
      .meta({ id: 'RfcActionDecide' }),
    z.object({ type: z.literal('plan'), releaseId: z.number().int().positive() }).meta({ id: 'RfcActionPlan' }),
    z.object({ type: z.literal('implement'), text: z.string().trim().max(5000).default('') }).meta({ id: 'RfcActionImplement' }),
  ])
  .meta({ id: 'RfcAction', description: 'Een stap in het wijzigingsproces' });
export type RfcAction = z.infer<typeof RfcAction>;

const RecordJson = z.object({ text: z.string(), by: z.string(), at: Instant }).meta({ id: 'RfcRecord' });

const LadderSideJson = z.object({ title: z.string(), contactRole: z.string() });

export const RfcEscalationJson = z
  .object({
    ladder: z.enum(CHANGE_LADDERS),
    ladderLabel: z.string(),
    levels: z.array(z.object({ level: z.number().int(), logius: LadderSideJson, afnemer: LadderSideJson })),
    consulted: z.boolean().meta({ description: 'Stap 1 (overleggen) is vastgelegd' }),
    level: z.number().int().meta({ description: 'De bereikte trede; 0 zolang niet geëscaleerd' }),
    next: z.enum(['overleggen', 'escaleren']).nullable().meta({ description: 'Wat hierna kan; null bovenaan de ladder' }),
    mayAct: z.boolean().meta({ description: 'true wanneer u die volgende stap mag vastleggen' }),
  })
  .meta({ id: 'RfcEscalation', description: 'De escalatieladder van het type van de RFC (DAP 7.3), met de kant van de Afnemer' });

export const RfcEscalationInput = z
  .object({
    step: z.enum(['overleggen', 'escaleren']),
    text: Text(5000, 'Beschrijf het overleg of de reden van de escalatie.'),
  })
  .meta({
    id: 'RfcEscalationInput',
    description: 'Stap 1 overleggen, daarna stap 2 escaleren en informeren, één trede tegelijk',
    example: { step: 'overleggen', text: 'Bilateraal overleg met de servicemanager; geen oplossing voor de planning.' },
  });

export const RfcJson = z
  .object({
    id: z.number().int(),
    afnemer: Oin.nullable().meta({ description: 'null voor een RFC van Logius zelf' }),
    afnemerName: z.string().nullable(),
    kind: RfcKindSchema,
    changeType: ChangeTypeSchema,
    catalogueItem: StandardChangeCode.nullable(),
    incidentNumber: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    status: RfcStatusSchema,
    statusLabel: z.string(),
    step: z.number().int().min(1).max(6),
    releaseId: z.number().int().nullable(),
    filedBy: z.string(),
    filedAt: Instant,
    updatedAt: Instant,
    analysis: RecordJson.nullable(),
    impact: RecordJson.nullable(),
    decision: RecordJson.extend({ outcome: z.enum(['goedgekeurd', 'afgewezen']) }).nullable(),
    implemented: RecordJson.nullable(),
    availableActions: z.array(z.enum(RFC_ACTION_TYPES)).meta({ description: 'Wat de aanvrager nu mag doen' }),
    escalation: RfcEscalationJson,
  })
  .meta({ id: 'Rfc' });
export type RfcJson = z.infer<typeof RfcJson>;

export const RfcEventJson = z
  .object({
    at: Instant,
    actorEmail: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    fromStatus: RfcStatusSchema.nullable(),
    toStatus: RfcStatusSchema,
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'RfcEvent' });

export const RfcDetail = RfcJson.extend({ events: z.array(RfcEventJson) }).meta({ id: 'RfcDetail' });
export type RfcDetail = z.infer<typeof RfcDetail>;

export const RfcQuery = z.object({
  status: RfcStatusSchema.optional(),
  kind: RfcKindSchema.optional(),
  afnemer: Oin.optional(),
});

export const StandardChangeJson = z.object({ code: StandardChangeCode, name: z.string(), description: z.string() }).meta({ id: 'StandardChange' });

export const RfcPermissionInput = z.object({ mayFileRfc: z.boolean() }).meta({ id: 'RfcPermissionInput' });
export const RfcPermissionJson = z
  .object({ userId: z.number().int(), email: z.string(), afnemer: Oin.nullable(), mayFileRfc: z.boolean() })
  .meta({ id: 'RfcPermission' });

export const ReleaseInput = z
  .object({
    name: Text(200, 'Geef de release een naam.'),
    description: z.string().trim().max(10_000).default(''),
    start: Instant,
    end: Instant,
    factor: z
      .number()
      .min(0, 'De factor ligt tussen 0 en 1.')
      .max(1, 'De factor ligt tussen 0 en 1.')
      .meta({ description: 'Deel van de capaciteit dat tijdens de release beschikbaar is (0..1)' }),
  })
  .refine((r) => Date.parse(r.end) > Date.parse(r.start), { message: 'Het einde moet na het begin liggen.', path: ['end'] })
  .meta({ id: 'ReleaseInput' });
export type ReleaseInput = z.infer<typeof ReleaseInput>;

export const ReleaseJson = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    start: Instant,
    end: Instant,
    factor: z.number(),
    maintenanceWindowId: z.number().int().nullable(),
    rfcs: z.array(z.object({ id: z.number().int(), title: z.string(), kind: RfcKindSchema, status: RfcStatusSchema, afnemer: Oin.nullable() })),
    createdBy: z.string().nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Release' });
export type ReleaseJson = z.infer<typeof ReleaseJson>;

export const ServiceRequestTypeCode = z.enum(SERVICE_REQUEST_TYPE_CODES).meta({ id: 'ServiceRequestTypeCode' });
export const ServiceRequestStatusSchema = z.enum(SERVICE_REQUEST_STATUSES).meta({ id: 'ServiceRequestStatus' });

export const ServiceRequestInput = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('standaard'),
        catalogueItem: ServiceRequestTypeCode,
        fields: z
          .record(z.string(), z.unknown())
          // additionalProperties {} (any value): without it OpenAPI 3.0 gets a bare `nullable`, which no example can pass.
          .meta({ description: 'De velden die dit catalogusitem vraagt (zie /service-request-types)', additionalProperties: {} }),
        description: z.string().trim().max(10_000).default(''),
      })
      .meta({ id: 'ServiceRequestStandardInput' }),
    z
      .object({
        kind: z.literal('vrij'),
        subject: Text(200, 'Geef een onderwerp.'),
        description: Text(10_000, 'Beschrijf uw verzoek.'),
      })
      .meta({ id: 'ServiceRequestFreeInput' }),
  ])
  .superRefine((r, ctx) => {
    if (r.kind !== 'standaard') return;
    const parsed = SERVICE_REQUEST_FIELDS[r.catalogueItem].safeParse(r.fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
        for (const key of keys) {
          ctx.addIssue({
            code: 'custom',
            path: ['fields', ...issue.path.map(String), ...(key ? [key] : [])],
            message: issue.code === 'unrecognized_keys' ? 'Dit veld hoort niet bij dit verzoek.' : issue.message,
          });
        }
      }
    }
  })
  .meta({ id: 'ServiceRequestInput' });
export type ServiceRequestInput = z.infer<typeof ServiceRequestInput>;

export const ServiceRequestUpdate = z
  .object({
    status: ServiceRequestStatusSchema,
    answer: z.string().trim().max(10_000).optional(),
  })
  .meta({ id: 'ServiceRequestUpdate' });

export const ServiceRequestJson = z
  .object({
    id: z.number().int(),
    afnemer: Oin,
    afnemerName: z.string(),
    kind: z.enum(['standaard', 'vrij']),
    catalogueItem: ServiceRequestTypeCode.nullable(),
    subject: z.string(),
    description: z.string(),
    fields: z.record(z.string(), z.unknown()),
    status: ServiceRequestStatusSchema,
    answer: z.string().nullable(),
    filedBy: z.string(),
    filedAt: Instant,
    answeredBy: z.string().nullable(),
    answeredAt: Instant.nullable(),
    updatedAt: Instant,
  })
  .meta({ id: 'ServiceRequest' });
export type ServiceRequestJson = z.infer<typeof ServiceRequestJson>;

export const ServiceRequestQuery = z.object({ status: ServiceRequestStatusSchema.optional(), afnemer: Oin.optional() });

export const ServiceRequestTypeJson = z
  .object({
    code: ServiceRequestTypeCode,
    name: z.string(),
    termijnWerkdagen: z.number().int(),
    fields: z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema van de velden' }),
  })
  .meta({ id: 'ServiceRequestType' });

export const CalendarFeedJson = z
  .object({ id: z.number().int(), createdAt: Instant, revokedAt: Instant.nullable(), lastUsedAt: Instant.nullable() })
  .meta({ id: 'CalendarFeed' });

export const CalendarFeedCreated = z
  .object({
    id: z.number().int(),
    token: z.string().meta({ description: 'Wordt maar één keer getoond' }),
    path: z.string().meta({ description: 'Pad van de feed, te abonneren in Outlook (met het adres van de server ervoor)' }),
    createdAt: Instant,
  })
  .meta({ id: 'CalendarFeedCreated' });

export const ReportQuery = z.object({
  from: RangeInstant.meta({ description: 'Begin van de periode' }),
  to: RangeInstant.meta({ description: 'Einde, exclusief' }),
});

const Count = z.object({ key: z.string(), label: z.string(), count: z.number().int() }).meta({ id: 'ReportCount' });

export const ServiceReport = z
  .object({
    from: Instant,
    to: Instant,
    generatedAt: Instant,
    afnemer: Oin.nullable().meta({ description: 'De Afnemer wiens deel dit is; null: het hele rapport (Logius)' }),
    afnemerName: z.string().nullable(),
    capacity: z.object({
      threshold: z.number(),
      warningLevel: z.number(),
      peakUtilization: z.number().nullable(),
      peakAt: Instant.nullable(),
      warningBuckets: z.number().int(),
      overloadBuckets: z.number().int(),
      days: z.array(
        z.object({ date: z.iso.date(), peakUtilization: z.number().nullable(), warningBuckets: z.number().int(), overloadBuckets: z.number().int() }),
      ),
    }),
    maintenance: z.array(z.object({ start: Instant, end: Instant, kind: z.string(), reason: z.string(), factor: z.number() })),
    conflicts: z.object({
      detected: z.number().int(),
      open: z.number().int(),
      resolved: z.number().int(),
      resolvedReasons: z.array(Count),
      endedAtStep: z.array(Count),
      stepDurations: z.array(
        z.object({ step: z.enum(PROCEDURE_STEPS), label: z.string(), conflicts: z.number().int(), averageHours: z.number(), maxHours: z.number() }),
      ),
    }),
    incidents: z.object({
      available: z.boolean(),
      byPriority: z.array(
        z.object({
          priority: z.string(),
          total: z.number().int(),
          solved: z.number().int(),
          solvedInTime: z.number().int(),
          shareInTime: z.number().nullable(),
        }),
      ),
    }),
    calamities: z.object({
      available: z.boolean(),
      total: z.number().int(),
      items: z.array(z.object({ title: z.string(), start: Instant.nullable(), status: z.string() })),
    }),
    rfcs: z.object({
      filed: z.number().int(),
      byKind: z.array(Count),
      byStatus: z.array(Count),
      approved: z.number().int(),
      rejected: z.number().int(),
      implemented: z.number().int(),
    }),
    releases: z.array(z.object({ id: z.number().int(), name: z.string(), start: Instant, end: Instant, factor: z.number(), rfcCount: z.number().int() })),
    incidentList: z.array(
      z.object({
        number: z.string(),
        title: z.string(),
        priority: z.string(),
        status: z.string(),
        reportedAt: Instant,
        resolvedAt: Instant.nullable(),
        resolvedInTime: z.boolean().nullable(),
      }),
    ),
    disruptionAnalyses: z.array(
      z.object({ id: z.number().int(), incidentNumber: z.string(), afnemerName: z.string(), requestedAt: Instant, deliveredAt: Instant.nullable() }),
    ),
    accuracy: AccuracySectionJson.meta({ description: 'Betrouwbaarheid van de prognoses per Afnemer (een Afnemer ziet alleen de eigen)' }),
  })
  .meta({ id: 'ServiceReport', description: 'Service rapportage voor het Operationeel Overleg' });
export type ServiceReport = z.infer<typeof ServiceReport>;

export const UsageTemplateQuery = z.object({
  afnemer: Oin.optional().meta({ description: 'Verplicht voor Logius; een Afnemer krijgt altijd de eigen' }),
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
});

export const UsageTemplateJson = z
  .object({
    afnemer: Oin,
    afnemerName: z.string(),
    year: z.number().int(),
    quarter: z.number().int(),
    date: z.iso.date(),
    status: z.enum(['Concept', 'Definitief']),
    months: z.array(z.object({ label: z.string(), messages: z.number() })),
    quarterMessages: z.number(),
    previousQuarterMessages: z.number(),
    quarterGrowthPercent: z.number().nullable(),
    yearMessages: z.number(),
    previousYearMessages: z.number(),
    yearGrowthPercent: z.number().nullable(),
    activities: z
      .array(z.object({ start: Instant, description: z.string(), messages: z.number() }))
      .meta({ description: 'De grootste verzendmomenten van het kwartaal volgens de prognoses' }),
    expectedGrowth: z.enum(['groot', 'middel', 'laag']).meta({ description: 'De groei volgens de prognoses, met de ingestelde drempels' }),
    growthThresholds: z.object({ groot: z.number(), middel: z.number() }).meta({ description: 'De drempels voor groot en middel die nu gelden' }),
    targets: UsageTargetsJson.nullable().meta({ description: 'Wat de Afnemer zelf opgaf: doelstellingen en communicatie-activiteiten; null als nog niets' }),
    accuracy: AccuracyFiguresJson.extend({ comparedUntil: Instant }).nullable().meta({
      description:
        'Betrouwbaarheid van de prognoses in het kwartaal, over de uren die voorbij zijn (tot comparedUntil); null als er in die uren niets was aangekondigd of verzonden',
    }),
  })
  .meta({ id: 'UsageTemplate', description: 'Template (gepland) gebruik en communicatie per kwartaal (DAP Bijlage 2)' });
export type UsageTemplateJson = z.infer<typeof UsageTemplateJson>;
