import { z } from 'zod';
import { instantSchema } from './instant.js';
import { PlanChangeRef, WindowChangeJson } from './plan-changes/api.js';
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

/** What a planner answered to one offered move. */
export const LEVELLING_ANSWERS = ['geaccepteerd', 'afgewezen'] as const;

const LevellingAnswerJson = z
  .object({
    windowId: z.number().int(),
    afnemer: Oin,
    answer: z.enum(LEVELLING_ANSWERS),
    by: z.string(),
    at: Instant,
    planChangeId: z.number().int().nullable().meta({ description: 'De planwijziging die de verschuiving uitvoerde (bij geaccepteerd)' }),
    undone: z.boolean().meta({ description: 'De planwijziging is sindsdien ongedaan gemaakt' }),
  })
  .meta({ id: 'LevellingAnswer' });
export type LevellingAnswerJson = z.infer<typeof LevellingAnswerJson>;

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
      moveCostHours: z.number().optional().meta({
        description:
          'Verplaatskosten λ (uren per verschoven bericht) van de oplossing: de oplosser minimaliseert berichten × uren met hoogstens maxMovedOverBound × de ondergrens verschoven berichten en zoekt daarvoor λ (0: berichten × uren alleen). Ontbreekt bij oudere voorstellen.',
      }),
      maxMovedOverBound: z.number().nullable().optional().meta({
        description:
          'De grens op de verschoven berichten als veelvoud van de ondergrens (1,5); null: geen grens (er was geen overbelasting). Ontbreekt bij oudere voorstellen.',
      }),
    }),
    dryRun: PlanningDryRunResult.meta({ description: 'De conflicten vóór en na het voorstel (er is niets verschoven)' }),
    acceptedBy: z.string().nullable().meta({ description: 'Wie het voorstel aanvaardde (het aanbod aan de planners deed); null: nog niet' }),
    acceptedAt: Instant.nullable(),
    answers: z.array(LevellingAnswerJson).meta({ description: 'Wie welke verschuiving aanvaardde of afwees, en wanneer' }),
  })
  .meta({ id: 'LevellingProposal' });
export type LevellingProposalJson = z.infer<typeof LevellingProposalJson>;

/** The moves a planner answers: a selection of their Afnemer's moves in the proposal. */
export const LevellingMovesInput = z
  .object({
    windowIds: z
      .array(z.number().int().positive())
      .min(1, { message: 'Kies minstens één verschuiving.' })
      .max(500, { message: 'Hoogstens 500 verschuivingen tegelijk.' })
      .meta({ description: 'De verzendmomenten (ids) van de verschuivingen' }),
  })
  .meta({ id: 'LevellingMovesInput' });

/** One move offered to a planner's Afnemer, with its answer (null: still open) and whether the window still stands where the proposal found it. */
const LevellingOfferMoveJson = LevellingMoveJson.extend({
  answer: LevellingAnswerJson.nullable(),
  current: z.object({ start: Instant, end: Instant }).meta({ description: 'Waar het verzendmoment nu staat' }),
  stale: z.boolean().meta({ description: 'Het verzendmoment is sinds het voorstel gewijzigd; de verschuiving kan niet meer' }),
}).meta({ id: 'LevellingOfferMove' });

export const LevellingOffer = z
  .object({
    proposalId: z.number().int(),
    from: Instant,
    to: Instant,
    acceptedBy: z.string(),
    acceptedAt: Instant,
    moves: z.array(LevellingOfferMoveJson),
  })
  .meta({ id: 'LevellingOffer' });
export type LevellingOffer = z.infer<typeof LevellingOffer>;

export const LevellingOffers = z.object({ items: z.array(LevellingOffer) }).meta({ id: 'LevellingOffers' });
export type LevellingOffers = z.infer<typeof LevellingOffers>;

/** The moves a planner accepted: one plan change (undoable for 15 minutes), each window before and after. */
export const LevellingMovesAccepted = z
  .object({ planChange: PlanChangeRef, windows: z.array(WindowChangeJson) })
  .meta({ id: 'LevellingMovesAccepted', description: 'De uitgevoerde verschuivingen: één planwijziging, tot undoUntil ongedaan te maken' });
export type LevellingMovesAccepted = z.infer<typeof LevellingMovesAccepted>;

/** One proposal in the capacity manager's list: what it covers, how far it got. */
export const LevellingProposalSummary = z
  .object({
    id: z.number().int(),
    from: Instant,
    to: Instant,
    createdBy: z.string(),
    createdAt: Instant,
    moves: z.number().int().meta({ description: 'Aantal verschuivingen' }),
    acceptedAt: Instant.nullable(),
    accepted: z.number().int().meta({ description: 'Verschuivingen die een planner accepteerde (en niet ongedaan maakte)' }),
    declined: z.number().int().meta({ description: 'Verschuivingen die een planner afwees' }),
  })
  .meta({ id: 'LevellingProposalSummary' });

export const LevellingProposalList = z.object({ items: z.array(LevellingProposalSummary) }).meta({ id: 'LevellingProposalList' });
export type LevellingProposalList = z.infer<typeof LevellingProposalList>;
