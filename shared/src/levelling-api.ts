import { z } from 'zod';
import { instantSchema } from './instant.js';
import { PlanningDryRunResult } from './planning-api.js';
import { Oin } from './roles.js';
import { DAY_MS } from './time/units.js';

const Instant = instantSchema();

/** The longest period one proposal levels: a year and a day (the benchmark's year takes under 2 s). */
export const LEVELLING_PERIOD_MAX_DAYS = 366;

export const LevellingProposalInput = z
  .object({
    from: Instant.meta({ description: 'Begin van de periode (ISO 8601)' }),
    to: Instant.meta({ description: 'Einde van de periode (ISO 8601, niet inbegrepen)' }),
  })
  .refine((p) => Date.parse(p.to) > Date.parse(p.from), { message: 'Het einde van de periode moet na het begin liggen.', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= LEVELLING_PERIOD_MAX_DAYS * DAY_MS, {
    message: `Een periode is hoogstens ${LEVELLING_PERIOD_MAX_DAYS} dagen lang.`,
    path: ['to'],
  })
  .meta({ id: 'LevellingProposalInput' });

const LevellingMoveJson = z
  .object({
    windowId: z.number().int(),
    afnemer: Oin,
    kenmerk: z.string(),
    status: z.enum(['concept', 'definitief']),
    volume: z.number(),
    from: z.object({ start: Instant, end: Instant }),
    to: z.object({ start: Instant, end: Instant }),
    shiftMinutes: z.number().int().meta({ description: 'Verschuiving in minuten (negatief: eerder)' }),
    cost: z.number().meta({ description: 'Berichten × uren verschoven' }),
  })
  .meta({ id: 'LevellingMove' });

const LevellingRemainingJson = z
  .object({
    start: Instant,
    end: Instant,
    excessMessages: z.number(),
    reason: z.enum(['begonnen', 'geen-ruimte']),
    reasonText: z.string().meta({ description: 'Waarom deze overbelasting niet op te lossen is' }),
    windowIds: z.array(z.number().int()),
  })
  .meta({ id: 'LevellingRemaining' });

export const LevellingProposalJson = z
  .object({
    id: z.number().int(),
    from: Instant,
    to: Instant,
    createdBy: z.string(),
    createdAt: Instant,
    moves: z.array(LevellingMoveJson),
    remaining: z.array(LevellingRemainingJson),
    figures: z.object({
      overloadedBucketsBefore: z.number().int(),
      overloadedBucketsAfter: z.number().int(),
      excessBefore: z.number(),
      excessAfter: z.number(),
      messagesMoved: z.number(),
      cost: z.number().meta({ description: 'Som van berichten × uren verschoven: wat het voorstel zo klein mogelijk houdt' }),
      excessFreed: z.number().meta({ description: 'Overschot van de kwartieren die het voorstel vrijmaakt' }),
      lowerBound: z.number().meta({ description: 'Ondergrens: zoveel berichten moet elke oplossing die dezelfde kwartieren vrijmaakt minstens verschuiven' }),
    }),
    dryRun: PlanningDryRunResult.meta({ description: 'De conflicten vóór en na het voorstel (er is niets verschoven)' }),
  })
  .meta({ id: 'LevellingProposal' });
export type LevellingProposalJson = z.infer<typeof LevellingProposalJson>;
