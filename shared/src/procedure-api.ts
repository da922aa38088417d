import { z } from 'zod';
import { instantSchema } from './instant.js';
import { ConflictJson } from './planning-api.js';
import { PROCEDURE_STEPS } from './procedure/types.js';
import { ActionType } from './procedure/actions.js';

const Instant = instantSchema();
const Level = z.enum(['laag', 'middel', 'hoog']);
const Score = z.object({ urgency: Level, impact: Level });

export const ProcedureStepName = z.enum(PROCEDURE_STEPS).meta({ id: 'ProcedureStep' });

export const ProcedureSummary = z
  .object({
    step: ProcedureStepName,
    stepLabel: z.string(),
    deadline: Instant.nullable(),
    overdue: z.boolean(),
    escalationLevel: z.number().int().nullable(),
  })
  .meta({ id: 'ProcedureSummary' });
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

const AdviceJson = z
  .object({ text: z.string(), moveWindowIds: z.array(z.number().int()), moveAfnemers: z.array(z.string()), drafted: z.boolean() })
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
    }),
  ),
  advice: AdviceJson.nullable(),
  draftAdvice: AdviceJson.nullable(),
  escalation: z
    .object({
      level: z.number().int(),
      ladder: z.array(z.object({ level: z.number().int(), title: z.string(), reason: z.string(), by: z.string(), at: Instant })),
    })
    .nullable(),
  decision: z.object({ text: z.string(), by: z.string(), at: Instant }).nullable(),
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
    }),
  ),
  actions: z.array(ActionType).meta({ description: 'De acties die de huidige gebruiker nu mag nemen' }),
}).meta({ id: 'ProcedureDetail' });
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;

export const ConflictDetail = ConflictJson.extend({ procedure: ProcedureDetail.nullable() }).meta({ id: 'ConflictDetail' });
export type ConflictDetail = z.infer<typeof ConflictDetail>;

export const NotificationJson = z
  .object({ id: z.number().int(), conflictId: z.number().int().nullable(), title: z.string(), body: z.string(), createdAt: Instant, readAt: Instant.nullable() })
  .meta({ id: 'Notification' });

export const OutboxMailJson = z
  .object({
    id: z.number().int(), to: z.string(), subject: z.string(), body: z.string(), createdAt: Instant,
    attempts: z.number().int(), nextAttemptAt: Instant, lastError: z.string().nullable(), sentAt: Instant.nullable(),
  })
  .meta({ id: 'OutboxMail' });
