import { z } from 'zod';
import { ASSESSMENT_ASPECTS, ASSESSMENT_LEVELS, ESCALATION_TITLES, PROCEDURE_STEPS, STEP_SIX_CAUSES, type ProcedureState } from './procedure/types.js';

// The stored case file (conflict_cases.state): the ProcedureState of procedure/types.ts as JSON, instants in ms.
// It is parsed when a case is read, so a row that does not match fails there instead of deep in a transition.

const Ms = z.number();
const Id = z.number().int();
const Level = z.enum(ASSESSMENT_LEVELS);
const Score = z.object({ urgency: Level, impact: Level });
// A record over an enum requires every key.
const Aspects = z.record(z.enum(ASSESSMENT_ASPECTS), Score);
const OpenStep = z.enum(PROCEDURE_STEPS).exclude(['resolved']);

const Assessment = z.object({
  afnemer: z.string(),
  aspects: Aspects,
  motivation: z.string(),
  by: z.string(),
  at: Ms,
  onBehalf: z.boolean().optional(),
});

const WindowMove = z.object({ windowId: Id, start: Ms, end: Ms });

const Advice = z.object({
  moveWindowIds: z.array(Id),
  moveAfnemers: z.array(z.string()),
  text: z.string(),
  drafted: z.boolean(),
  moves: z.array(WindowMove).optional(),
  noResponse: z.array(z.string()).optional(),
});

const KlantraadAnswer = z.object({
  afnemer: z.string(),
  accepted: z.boolean(),
  reason: z.string().nullable(),
  by: z.string(),
  at: Ms,
  onBehalf: z.boolean(),
});

const EscalationEntry = z.object({
  level: z.literal([1, 2, 3]),
  title: z.enum([ESCALATION_TITLES[1], ESCALATION_TITLES[2], ESCALATION_TITLES[3]]),
  reason: z.string(),
  by: z.string(),
  at: Ms,
});

const Decision = z.object({ text: z.string(), by: z.string(), at: Ms, moves: z.array(WindowMove) });

const base = { conflictId: Id, afnemers: z.array(z.string()), enteredAt: Ms };
const open = { ...base, deadline: Ms };
const afterAdvice = { ...open, advice: Advice, reason: z.string(), answers: z.record(z.string(), KlantraadAnswer) };

/** A stored ProcedureState; unknown fields are dropped, a missing or mistyped one is an error. */
export const ProcedureStateSchema: z.ZodType<ProcedureState> = z.discriminatedUnion('step', [
  z.object({ ...open, step: z.literal('planner-adjusts') }),
  z.object({ ...open, step: z.literal('logius-contacted'), contact: z.object({ message: z.string(), by: z.string(), at: Ms }) }),
  z.object({
    ...open,
    step: z.literal('joint-assessment'),
    assessments: z.record(z.string(), Assessment),
    draftAdvice: Advice.nullable(),
  }),
  z.object({ ...open, step: z.literal('planning-adjusted'), advice: Advice }),
  z.object({ ...afterAdvice, step: z.literal('escalated') }),
  z.object({
    ...afterAdvice,
    step: z.literal('logius-decides'),
    cause: z.enum(STEP_SIX_CAUSES),
    level: z.literal([0, 1, 2, 3]),
    ladder: z.array(EscalationEntry),
    decisions: z.array(Decision),
  }),
  z.object({
    ...base,
    step: z.literal('resolved'),
    deadline: z.null(),
    resolvedAt: Ms,
    reason: z.string(),
    resolvedFrom: OpenStep,
  }),
]);
