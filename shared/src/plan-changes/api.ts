import { z } from 'zod';
import { DryRunResult } from '../planning-api.js';
import { ConflictDetail } from '../procedure-api.js';
import { SendWindow } from '../prognose/api.js';
import { PLAN_CHANGE_SOURCES } from './sources.js';

const Instant = z.iso.datetime({
  offset: true,
  error: 'Geef datum en tijd in ISO 8601 met tijdzone, bijvoorbeeld 2027-01-15T08:00:00+01:00.',
});

export const PlanChangeSourceJson = z.enum(PLAN_CHANGE_SOURCES).meta({ id: 'PlanChangeSource', description: 'Waar de planwijziging vandaan komt' });

/** What every move answers, so the user can undo it for 15 minutes. */
export const PlanChangeRef = z
  .object({ id: z.number().int(), undoUntil: Instant })
  .meta({ id: 'PlanChangeRef', description: 'De planwijziging; tot undoUntil ongedaan te maken' });
export type PlanChangeRef = z.infer<typeof PlanChangeRef>;

/** The edit of one window; at least one field. */
export const PrognosePatch = z
  .object({
    start: Instant.optional(),
    eind: Instant.optional(),
    aantalBerichten: z
      .number({ error: 'Het aantal berichten is een getal.' })
      .int('Het aantal berichten is een geheel getal.')
      .positive('Het aantal berichten moet groter dan 0 zijn.')
      .max(1e12, 'Het aantal berichten is te groot.')
      .optional(),
    status: z.enum(['concept', 'definitief'], { error: 'Kies concept of definitief; annuleren gaat met DELETE.' }).optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'Geef minstens één van start, eind, aantalBerichten of status.' })
  .refine((p) => !(p.start && p.eind) || Date.parse(p.eind) > Date.parse(p.start), { message: 'Het eind moet na de start liggen.', path: ['eind'] })
  .meta({ id: 'PrognosePatch', description: 'Eén verzendmoment wijzigen: tijd, aantal of status' });
export type PrognosePatch = z.infer<typeof PrognosePatch>;

const WindowState = z
  .object({ start: Instant, eind: Instant, aantalBerichten: z.number().int(), status: z.enum(['concept', 'definitief', 'geannuleerd']) })
  .meta({ id: 'WindowState' });

export const WindowChangeJson = z
  .object({ windowId: z.number().int(), kenmerk: z.string(), afnemer: z.string(), before: WindowState, after: WindowState })
  .meta({ id: 'WindowChange', description: 'Een verzendmoment voor en na de wijziging' });
export type WindowChangeJson = z.infer<typeof WindowChangeJson>;

export const PlanChangePreview = DryRunResult.extend({ windows: z.array(WindowChangeJson) }).meta({
  id: 'PlanChangePreview',
  description: 'Wat de wijziging met de conflicten zou doen (gemaakt, verergerd, opgelost), met elk venster voor en na; er is niets opgeslagen',
});
export type PlanChangePreview = z.infer<typeof PlanChangePreview>;

export const SendWindowChanged = SendWindow.extend({ planChange: PlanChangeRef }).meta({
  id: 'SendWindowChanged',
  description: 'Het verzendmoment na de wijziging, met de planwijziging om ongedaan te maken',
});

export const PlanChangeUndone = z
  .object({ planChange: PlanChangeRef, undoOf: z.number().int(), windows: z.array(WindowChangeJson) })
  .meta({ id: 'PlanChangeUndone', description: 'De ongedaanmaking: zelf een planwijziging, met elk venster voor en na' });
export type PlanChangeUndone = z.infer<typeof PlanChangeUndone>;

/** What a procedure action that moves windows did (or, with dryRun, would do). */
export const ConflictActionOutcome = z
  .object({
    dryRun: z.boolean().meta({ description: 'true: er is niets opgeslagen; het dossier is zoals het was' }),
    effect: PlanChangePreview.nullable().meta({ description: 'Het effect van de verplaatsingen op de conflicten, vooraf berekend' }),
    conflictSolved: z.boolean().nullable().meta({ description: 'Of dit conflict na de verplaatsingen weg is (of zou zijn)' }),
    message: z.string().nullable().meta({ description: 'Wat er gebeurde, bijvoorbeeld dat het conflict blijft bestaan' }),
    awaitingAnswers: z
      .number()
      .int()
      .min(0)
      .meta({
        description:
          'Bij het aanvaarden van het advies: hoeveel Afnemers daarna nog moeten antwoorden voordat de verplaatsingen worden ' +
          'uitgevoerd (het effect toont ze zoals ze dan worden uitgevoerd); 0 als ze nu worden uitgevoerd',
      }),
  })
  .meta({ id: 'ConflictActionOutcome' });
export type ConflictActionOutcome = z.infer<typeof ConflictActionOutcome>;

export const ConflictActionResult = ConflictDetail.extend({
  planChange: PlanChangeRef.nullable().meta({ description: 'Bij een verplaatsing: de planwijziging, tot undoUntil ongedaan te maken' }),
  outcome: ConflictActionOutcome.nullable().meta({ description: 'Bij een besluit of aanvaard advies met verplaatsingen, en bij dryRun' }),
}).meta({ id: 'ConflictActionResult' });
