import { z } from 'zod';
import { instantSchema } from './instant.js';
import { ConflictJson } from './planning-api.js';
import { STEP_SIX_CAUSES } from './procedure/types.js';
import { ActionType } from './procedure/actions.js';
import { NOTIFICATION_KINDS } from './notification-groups.js';
import { ProcedureStepName, ProcedureSummary, WaitingOnJson } from './procedure-summary-api.js';

const Instant = instantSchema();
const Level = z.enum(['laag', 'middel', 'hoog']);
const Score = z.object({ urgency: Level, impact: Level });

export { ProcedureStepName, ProcedureSummary, WaitingOnJson };

const MoveJson = z.object({ windowId: z.number().int(), start: Instant, end: Instant }).meta({ id: 'ProcedureMove' });

const AdviceJson = z
  .object({
    text: z.string(),
    moveWindowIds: z.array(z.number().int()),
    moveAfnemers: z.array(z.string()),
    drafted: z.boolean(),
    moves: z.array(MoveJson).meta({ description: 'De voorgestelde nieuwe tijden; deze worden uitgevoerd als alle Afnemers aanvaarden' }),
    noResponse: z.array(z.string()).meta({ description: 'Afnemers zonder afweging bij de termijn ("geen reactie")' }),
  })
  .meta({ id: 'Advice' });

export const ProcedureDetail = ProcedureSummary.extend({
  enteredAt: Instant,
  nextStepOffered: ProcedureStepName.nullable(),
  assessments: z.array(
    z.object({
      afnemer: z.string(),
      aspects: z.object({ administratief: Score, financieel: Score, juridisch: Score, imago: Score }),
      motivation: z.string(),
      by: z.string(),
      at: Instant,
      onBehalf: z.boolean().meta({ description: 'Door Logius namens de Afnemer vastgelegd' }),
    }),
  ),
  advice: AdviceJson.nullable(),
  draftAdvice: AdviceJson.nullable(),
  escalationReason: z.string().nullable().meta({ description: 'Waarom geëscaleerd werd (stap 4 → 5), los van het advies' }),
  answers: z
    .array(
      z.object({
        afnemer: z.string(),
        accepted: z.boolean(),
        reason: z.string().nullable(),
        by: z.string(),
        at: Instant,
        onBehalf: z.boolean(),
      }),
    )
    .meta({ description: 'De antwoorden van de klantraad-managers op het advies (stap 5)' }),
  leadCause: z.enum(STEP_SIX_CAUSES).nullable().meta({ description: 'Waarom Logius de regie voert (stap 6)' }),
  escalation: z
    .object({
      level: z.number().int(),
      ladder: z.array(z.object({ level: z.number().int(), title: z.string(), reason: z.string(), by: z.string(), at: Instant })),
    })
    .nullable(),
  decision: z.object({ text: z.string(), by: z.string(), at: Instant }).nullable().meta({ description: 'Het laatste besluit' }),
  decisions: z.array(z.object({ text: z.string(), by: z.string(), at: Instant, moves: z.array(MoveJson) })),
  events: z.array(
    z.object({
      id: z.number().int(),
      at: Instant,
      actor: z.string().nullable(),
      role: z.string().nullable(),
      afnemer: z.string().nullable(),
      action: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      payload: z.record(z.string(), z.unknown()),
      text: z.string().meta({ description: 'De regel van het dossier, met Afnemers bij naam' }),
    }),
  ),
  actions: z.array(ActionType).meta({ description: 'De acties die de huidige gebruiker nu mag nemen' }),
}).meta({ id: 'ProcedureDetail' });
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;

export const ConflictDetail = ConflictJson.extend({ procedure: ProcedureDetail.nullable() }).meta({ id: 'ConflictDetail' });
export type ConflictDetail = z.infer<typeof ConflictDetail>;

export const NotificationJson = z
  .object({
    id: z.number().int(),
    conflictId: z.number().int().nullable(),
    title: z.string(),
    body: z.string(),
    createdAt: Instant,
    readAt: Instant.nullable(),
    subjectKind: z.enum(NOTIFICATION_KINDS).meta({ description: 'Waar de melding over gaat; meldingen over hetzelfde horen bij elkaar' }),
    subjectRef: z.string().nullable().meta({ description: 'Het nummer van dat conflict, incident, RFC enz.; leeg bij een losse melding' }),
  })
  .meta({ id: 'Notification' });

export const NotificationsReadAllJson = z
  .object({
    marked: z.number().int().meta({ description: 'Zoveel meldingen zijn nu als gelezen gemarkeerd' }),
    unread: z.number().int().meta({ description: 'Zoveel ongelezen meldingen blijven over' }),
  })
  .meta({ id: 'NotificationsReadAll' });

export const OutboxMailJson = z
  .object({
    id: z.number().int(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    createdAt: Instant,
    attempts: z.number().int(),
    nextAttemptAt: Instant,
    lastError: z.string().nullable(),
    sentAt: Instant.nullable(),
  })
  .meta({ id: 'OutboxMail' });
