import { z } from 'zod';
import { RangeInstant } from './range-instant.js';
import { instantSchema } from './instant.js';
import { CapacityDropBase } from './planning-api.js';
import { Oin } from './roles.js';
import { CONTACT_ROLES } from './incidents/contacts.js';
import { LADDERS } from './incidents/ladders.js';
import { PRIORITIES } from './incidents/priority.js';
import { INCIDENT_CHANNELS, INCIDENT_KINDS, INCIDENT_STATUSES } from './incidents/status.js';

const Instant = instantSchema();
const LocalDate = z.iso.date();
const text = (max: number, required = 'Vul dit veld in.') => z.string().trim().min(1, required).max(max);
const Page = { page: z.number().int(), pageSize: z.number().int(), total: z.number().int() };

export const IncidentPriority = z.enum(PRIORITIES).meta({ id: 'IncidentPriority', description: 'Prioriteit volgens de SNO; P1 is de hoogste' });
export const IncidentStatus = z.enum(INCIDENT_STATUSES).meta({ id: 'IncidentStatus' });
export const IncidentChannel = z.enum(INCIDENT_CHANNELS).meta({ id: 'IncidentChannel', description: 'Hoe de melding binnenkwam' });
export const IncidentKind = z
  .enum(INCIDENT_KINDS)
  .meta({ id: 'IncidentKind', description: 'mijnoverheid: verstoring van MijnOverheid (stap 1-3); afnemer-systeem: verstoring bij de Afnemer (stap 4)' });
export const CalamityReason = z
  .enum(['p1-dreigt', 'p1-overschreden', 'imago', 'dienstverlening', 'calamiteitenmanager'])
  .meta({ id: 'CalamityReason', description: 'Grond voor een calamiteit (paragraaf 5.2)' });
export const ImpactLevel = z.enum(['groot', 'middel', 'laag']).meta({ id: 'ImpactLevel' });
export const EscalationLadder = z.enum(LADDERS).meta({ id: 'EscalationLadder' });
export const ContactRoleName = z.enum(CONTACT_ROLES).meta({ id: 'ContactRole' });

const SnoDurationJson = z.object({ amount: z.number().int().min(0).max(100_000), unit: z.enum(['minutes', 'working-days']) }).meta({ id: 'SnoDuration' });

export const PrioritySettingJson = z
  .object({
    priority: IncidentPriority,
    response: SnoDurationJson,
    resolution: SnoDurationJson,
    responseText: z.string(),
    resolutionText: z.string(),
    isDefault: z.boolean(),
    updatedBy: z.string().nullable(),
    updatedAt: Instant,
  })
  .meta({ id: 'IncidentPrioritySetting' });
export type PrioritySettingJson = z.infer<typeof PrioritySettingJson>;

export const PrioritySettingsInput = z
  .array(z.object({ priority: IncidentPriority, response: SnoDurationJson, resolution: SnoDurationJson }))
  .min(1)
  .max(4)
  .refine((a) => new Set(a.map((s) => s.priority)).size === a.length, { message: 'Elke prioriteit mag één keer voorkomen.' })
  .meta({ id: 'IncidentPrioritySettingsInput' });

export const IncidentInput = z
  .object({
    kind: IncidentKind,
    title: text(200, 'Geef het incident een titel.'),
    description: z.string().trim().max(10_000).default(''),
    channel: IncidentChannel,
    priority: IncidentPriority.optional().meta({ description: 'De prioriteit; alleen Logius (het Servicecentrum) stelt die vast' }),
    proposedPriority: IncidentPriority.optional().meta({
      description: 'De prioriteit die de melder voorstelt; een Afnemer stelt alleen voor, Logius stelt vast (DAP 5.3 stap 2)',
    }),
    afnemers: z.array(Oin).min(1, 'Noem minstens één getroffen Afnemer.').max(1000),
  })
  .meta({
    id: 'IncidentInput',
    example: { kind: 'afnemer-systeem', title: 'Koppelvlak onbereikbaar', channel: 'telefoon', proposedPriority: 'P2', afnemers: ['00000001003214345000'] },
  });

export const IncidentAction = z
  .discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('update'), text: text(10_000) }).meta({ id: 'IncidentActionUpdate' }),
      z
        .object({ type: z.literal('status'), status: z.enum(['in-behandeling', 'opgelost']), note: z.string().trim().max(2000).default('') })
        .meta({ id: 'IncidentActionStatus' }),
      z.object({ type: z.literal('close'), closingReport: text(20_000, 'Een afmelding heeft een afsluitend verslag.') }).meta({ id: 'IncidentActionClose' }),
      z
        .object({ type: z.literal('priority'), priority: IncidentPriority, reason: text(2000, 'Geef een reden voor de nieuwe prioriteit.') })
        .meta({ id: 'IncidentActionPriority' }),
      z
        .object({ type: z.literal('confirm-calamity'), reason: CalamityReason, note: z.string().trim().max(2000).default('') })
        .meta({ id: 'IncidentActionConfirmCalamity' }),
      z.object({ type: z.literal('declare-crisis'), note: text(2000, 'Noem wie de regie overneemt.') }).meta({ id: 'IncidentActionDeclareCrisis' }),
      z
        .object({
          type: z.literal('agree-resolution'),
          resolutionDueAt: Instant.meta({ description: 'Het afgesproken moment waarop het incident opgelost moet zijn' }),
          agreedWith: text(200, 'Noem met wie bij de Afnemer de oplostijd is afgesproken.'),
          reason: text(2000, 'Geef de reden van de afwijkende oplostijd.'),
        })
        .meta({ id: 'IncidentActionAgreeResolution', description: 'Een afwijkende oplostijd voor dit incident (DAP 5.2)' }),
      z
        .object({ type: z.literal('propose-calamity'), reason: CalamityReason, note: z.string().trim().max(2000).default('') })
        .meta({ id: 'IncidentActionProposeCalamity', description: 'De incidentmanager stelt een calamiteit voor; de calamiteitenmanager bevestigt' }),
    ],
    { error: 'Onbekende actie. Kies update, status, close, priority, agree-resolution, propose-calamity, confirm-calamity of declare-crisis.' },
  )
  .meta({ id: 'IncidentAction', description: 'Een handeling op een incident; elke handeling komt in het audittrail' });
export type IncidentAction = z.infer<typeof IncidentAction>;
export type IncidentActionType = IncidentAction['type'];

export const CapacityImpactInput = z
  .object({
    start: Instant,
    end: Instant,
    factor: z.number().min(0, 'De factor ligt tussen 0 en 1.').max(1, 'De factor ligt tussen 0 en 1.'),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((m) => Date.parse(m.end) > Date.parse(m.start), { message: 'Het einde moet na het begin liggen.', path: ['end'] })
  .meta({ id: 'CapacityImpactInput', description: 'Berichtenbox-capaciteit maal factor, van start tot eind' });

export const CapacityImpactJson = CapacityDropBase.pick({ id: true, start: true, end: true, factor: true, reason: true, createdBy: true })
  .extend({
    lastChange: z
      .object({
        id: z.number().int().meta({ description: 'De wijziging in het spoor; ongedaan te maken via .../capacity-impacts/changes/{id}/undo' }),
        changedById: z.number().int().nullable().meta({ description: 'Wie haar deed (gebruikers-id): die, of de capaciteitsmanager, mag haar ongedaan maken' }),
        undoableUntil: Instant,
      })
      .nullable()
      .meta({ description: 'De wijziging die de verlaging maakte zoals ze nu is, zolang die niet ongedaan is gemaakt' }),
  })
  .meta({ id: 'CapacityImpact' });

export const CalamityJson = z
  .object({
    status: z.enum(['geen', 'voorgesteld', 'bevestigd']),
    reason: CalamityReason.nullable(),
    proposedAt: Instant.nullable().meta({ description: 'Wanneer de incidentmanager een calamiteit voorstelde' }),
    proposedBy: z.string().nullable(),
    usedFraction: z.number().nullable().meta({ description: 'Deel van de oplostijd dat verstreken is (1 = overschreden)' }),
    at: Instant.nullable(),
    by: z.string().nullable(),
    crisisAt: Instant.nullable(),
    crisisNote: z.string().nullable(),
  })
  .meta({ id: 'Calamity' });

export const ResolutionAgreementJson = z
  .object({ resolutionDueAt: Instant, agreedAt: Instant, agreedBy: z.string().nullable(), agreedWith: z.string(), reason: z.string() })
  .meta({ id: 'ResolutionAgreement', description: 'Een afwijkende oplostijd, afgesproken door de stand-by managers (DAP 5.2)' });

export const SnoClockJson = z
  .object({
    state: z.enum(['loopt', 'overschreden', 'gehaald', 'niet-gehaald']),
    ms: z.number().int().meta({ description: 'Resterend (loopt) of te laat (overschreden, niet-gehaald), in milliseconden' }),
    workingDaysLeft: z.number().int().nullable().meta({ description: 'Bij een prioriteit in werkdagen: hele werkdagen na vandaag' }),
  })
  .meta({ id: 'SnoClock', description: 'De SNO-klok van de oplostijd op het moment van het antwoord' });

export const IncidentJson = z
  .object({
    id: z.number().int(),
    number: z.string().meta({ example: 'INC-2027-000123' }),
    kind: IncidentKind,
    title: z.string(),
    channel: IncidentChannel,
    priority: IncidentPriority.meta({ description: 'De prioriteit; zolang prioritised false is, voorlopig het voorstel van de melder' }),
    proposedPriority: IncidentPriority.nullable().meta({ description: 'Wat de melder voorstelde' }),
    prioritised: z.boolean().meta({ description: 'true wanneer Logius de prioriteit heeft vastgesteld' }),
    prioritisedAt: Instant.nullable(),
    prioritisedBy: z.string().nullable(),
    status: IncidentStatus,
    afnemers: z.array(z.string()),
    reportedAt: Instant,
    reportedBy: z.string().nullable(),
    reportedByAfnemer: z.string().nullable(),
    responseDueAt: Instant,
    resolutionDueAt: Instant,
    respondedAt: Instant.nullable(),
    resolvedAt: Instant.nullable(),
    closedAt: Instant.nullable(),
    responseOverdue: z.boolean(),
    resolutionOverdue: z.boolean(),
    resolutionUnit: z.enum(['minutes', 'working-days']).meta({ description: 'Hoe de SNO de oplostijd van deze prioriteit telt' }),
    resolutionAgreement: ResolutionAgreementJson.nullable(),
    sno: SnoClockJson,
    calamity: CalamityJson,
    escalationLevel: z.number().int().meta({ description: 'Hoogste trede op de incidentladder (0 = niet geëscaleerd)' }),
  })
  .meta({ id: 'Incident' });
export type IncidentJson = z.infer<typeof IncidentJson>;

export const IncidentEventJson = z
  .object({
    id: z.number().int(),
    at: Instant,
    actor: z.string().nullable(),
    role: z.string().nullable(),
    afnemer: z.string().nullable(),
    action: z.string(),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'IncidentEvent' });

export const EscalationJson = z
  .object({
    id: z.number().int(),
    ladder: EscalationLadder,
    ladderLabel: z.string(),
    level: z.number().int(),
    title: z.string(),
    reason: z.string(),
    incidentId: z.number().int().nullable(),
    incidentNumber: z.string().nullable(),
    followsId: z.number().int().nullable(),
    afnemer: z.string().nullable(),
    by: z.string(),
    role: z.string(),
    at: Instant,
  })
  .meta({ id: 'Escalation' });
export type EscalationJson = z.infer<typeof EscalationJson>;

export const IncidentDetail = IncidentJson.extend({
  description: z.string(),
  closingReport: z.string().nullable(),
  updates: z.array(z.object({ at: Instant, by: z.string().nullable(), afnemer: z.string().nullable(), text: z.string() })),
  statusHistory: z.array(z.object({ at: Instant, by: z.string().nullable(), from: IncidentStatus.nullable(), to: IncidentStatus })),
  events: z.array(IncidentEventJson),
  capacityImpacts: z.array(CapacityImpactJson),
  escalations: z.array(EscalationJson),
  disruptionAnalysisIds: z.array(z.number().int()),
  actions: z.array(z.string()).meta({ description: 'Handelingen die u nu mag doen' }),
}).meta({ id: 'IncidentDetail' });
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentQuery = z.object({
  status: IncidentStatus.optional(),
  priority: IncidentPriority.optional(),
  afnemer: Oin.optional(),
  open: z.enum(['true', 'false']).optional().meta({ description: 'true: alleen niet-gesloten incidenten' }),
  calamity: z.enum(['voorgesteld', 'bevestigd']).optional(),
  from: RangeInstant.optional(),
  to: RangeInstant.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const IncidentPage = z.object({ items: z.array(IncidentJson), ...Page }).meta({ id: 'IncidentPage' });

export const EscalationInput = z
  .object({
    ladder: EscalationLadder,
    incidentId: z.number().int().positive().optional(),
    followsId: z.number().int().positive().optional().meta({ description: 'Zonder incident: de escalatie die een trede hoger gaat; leeg begint op trede 1' }),
    afnemer: Oin.optional().meta({ description: 'De Afnemer waar het om gaat; voor een Afnemer-gebruiker altijd de eigen' }),
    reason: text(2000, 'Geef de reden van de escalatie.'),
  })
  .refine((e) => e.ladder !== 'incident' || e.incidentId !== undefined, { message: 'De incidentladder hoort bij een incident.', path: ['incidentId'] })
  .meta({ id: 'EscalationInput' });

export const EscalationQuery = z.object({
  ladder: EscalationLadder.optional(),
  incidentId: z.coerce.number().int().positive().optional(),
  afnemer: Oin.optional(),
});

export const ContactJson = z
  .object({
    id: z.number().int(),
    afnemer: z.string().nullable().meta({ description: 'OIN, of null voor Logius' }),
    role: ContactRoleName,
    roleLabel: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    updatedAt: Instant,
  })
  .meta({ id: 'Contact' });
export type ContactJson = z.infer<typeof ContactJson>;

export const ContactInput = z
  .object({
    afnemer: Oin.nullable().meta({ description: 'OIN, of null voor Logius' }),
    role: ContactRoleName,
    name: text(200, 'Vul een naam in.'),
    email: z.union([z.literal(''), z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in.').max(320)]).default(''),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[0-9 +()-]*$/, 'Een telefoonnummer bestaat uit cijfers, spaties, +, - en haakjes.')
      .default(''),
  })
  .meta({ id: 'ContactInput' });

export const ContactQuery = z.object({
  afnemer: Oin.optional(),
  role: ContactRoleName.optional(),
  logius: z.enum(['true', 'false']).optional().meta({ description: 'true: alleen de contactgegevens van Logius' }),
});

const Impact = z.object({ level: ImpactLevel, explanation: z.string().trim().max(5000).default('') });

export const DisruptionAnalysisRequestInput = z
  .object({
    incidentId: z.number().int().positive(),
    afnemer: Oin.optional().meta({ description: 'Voor welke Afnemer; voor een Afnemer-gebruiker altijd de eigen' }),
    description: text(5000, 'Omschrijf de verstoring.'),
    disruptionDate: LocalDate,
    desiredDeliveryDate: LocalDate.optional(),
    contactName: text(200, 'Vul de naam van de contactpersoon in.'),
    contactEmail: z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in.').max(320),
    contactPhone: z.string().trim().max(40).default(''),
    questions: z.string().trim().max(10_000).default('').meta({ description: 'Aanvullende vragen bij de vaste vragen van het formulier' }),
  })
  .meta({ id: 'DisruptionAnalysisRequestInput', description: 'Aanvraagformulier verstoringsanalyse (Bijlage 2)' });

export const DisruptionAnalysisInput = z
  .object({
    status: text(2000, 'Omschrijf de huidige status van de verstoring.'),
    startedAt: Instant,
    resolvedAt: Instant.nullable().default(null),
    cause: text(10_000, 'Omschrijf de oorzaak.'),
    impact: z.object({ afnemer: Impact, logius: Impact, klanten: Impact }),
    solutionIncidental: text(10_000, 'Omschrijf de incidentele oplossing.'),
    solutionStructural: text(10_000, 'Omschrijf de structurele oplossing.'),
    communication: z.object({
      who: z.string().trim().max(2000).default(''),
      what: z.string().trim().max(5000).default(''),
      when: z.string().trim().max(2000).default(''),
      bottlenecks: z.string().trim().max(5000).default(''),
    }),
    improvements: z.string().trim().max(10_000).default(''),
  })
  .refine((a) => a.resolvedAt === null || Date.parse(a.resolvedAt) >= Date.parse(a.startedAt), {
    message: 'De verstoring kan niet verholpen zijn voor ze begon.',
    path: ['resolvedAt'],
  })
  .meta({ id: 'DisruptionAnalysisInput', description: 'Verstoringsanalyse van Logius (Bijlage 2)' });

export const DisruptionAnalysisJson = z
  .object({
    id: z.number().int(),
    incidentId: z.number().int(),
    incidentNumber: z.string(),
    afnemer: z.string(),
    afnemerName: z.string(),
    requestedBy: z.enum(['afnemer', 'logius']),
    requestedByEmail: z.string().nullable(),
    requestedAt: Instant,
    status: z.enum(['aangevraagd', 'opgeleverd']),
    request: z.object({
      description: z.string(),
      disruptionDate: LocalDate,
      desiredDeliveryDate: LocalDate.nullable(),
      contactName: z.string(),
      contactEmail: z.string(),
      contactPhone: z.string(),
      questions: z.string(),
    }),
    analysis: z
      .object({
        status: z.string(),
        startedAt: Instant,
        resolvedAt: Instant.nullable(),
        cause: z.string(),
        impact: z.object({
          afnemer: z.object({ level: ImpactLevel, explanation: z.string() }),
          logius: z.object({ level: ImpactLevel, explanation: z.string() }),
          klanten: z.object({ level: ImpactLevel, explanation: z.string() }),
        }),
        solutionIncidental: z.string(),
        solutionStructural: z.string(),
        communication: z.object({ who: z.string(), what: z.string(), when: z.string(), bottlenecks: z.string() }),
        improvements: z.string(),
        deliveredAt: Instant,
        deliveredBy: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'DisruptionAnalysis' });
export type DisruptionAnalysisJson = z.infer<typeof DisruptionAnalysisJson>;

export const DisruptionAnalysisQuery = z.object({
  incidentId: z.coerce.number().int().positive().optional(),
  status: z.enum(['aangevraagd', 'opgeleverd']).optional(),
});

export const FraudReportInput = z
  .object({
    description: text(10_000, 'Omschrijf de vermoede fraude.'),
    channel: IncidentChannel,
    highPriority: z.boolean().default(false).meta({ description: 'Hoge prioriteit (buiten kantoortijd via de stand-by manager)' }),
    observedAt: Instant.optional(),
  })
  .meta({ id: 'FraudReportInput' });

export const FraudReportStatus = z.enum(['ontvangen', 'in-onderzoek', 'afgesloten']).meta({ id: 'FraudReportStatus' });

export const FraudReceiptJson = z
  .object({ id: z.number().int(), reference: z.string(), afnemer: z.string(), reportedAt: Instant, receiptOnly: z.literal(true) })
  .meta({ id: 'FraudReceipt', description: 'Ontvangstbevestiging voor de melder; de rest is alleen voor het Fraudeteam' });

export const FraudReportJson = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    afnemer: z.string(),
    reportedAt: Instant,
    receiptOnly: z.literal(false),
    reportedBy: z.string().nullable(),
    channel: IncidentChannel,
    highPriority: z.boolean(),
    observedAt: Instant.nullable(),
    description: z.string(),
    status: FraudReportStatus,
    events: z.array(IncidentEventJson),
  })
  .meta({ id: 'FraudReport' });
export type FraudReportJson = z.infer<typeof FraudReportJson>;

export const FraudReportAction = z
  .discriminatedUnion(
    'type',
    [
      z
        .object({ type: z.literal('status'), status: z.enum(['in-onderzoek', 'afgesloten']), note: z.string().trim().max(5000).default('') })
        .meta({ id: 'FraudReportActionStatus' }),
      z
        .object({
          type: z.literal('communication'),
          what: text(5000, 'Wat wordt er gecommuniceerd?'),
          audience: text(1000, 'Aan wie?'),
          how: text(500, 'Hoe?'),
          when: text(500, 'Wanneer?'),
        })
        .meta({ id: 'FraudReportActionCommunication', description: 'Een besluit van het Fraudeteam over de communicatie' }),
      z.object({ type: z.literal('note'), text: text(10_000) }).meta({ id: 'FraudReportActionNote' }),
    ],
    { error: 'Onbekende actie. Kies status, communication of note.' },
  )
  .meta({ id: 'FraudReportAction' });

export const EscalationCreated = EscalationJson.extend({
  contacts: z.array(ContactJson).meta({ description: 'Wie op deze trede te bereiken is (Bijlage 1)' }),
}).meta({ id: 'EscalationCreated' });

export const EscalationLadderJson = z
  .object({
    ladder: EscalationLadder,
    label: z.string(),
    levels: z.array(z.object({ level: z.number().int(), title: z.string(), contactRole: ContactRoleName, contacts: z.array(ContactJson) })),
  })
  .meta({ id: 'EscalationLadderInfo' });
