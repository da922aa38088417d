/**
 * The body of POST /api/v1/conflicts/{id}/actions, with Dutch messages, plus the system's own action.
 * Times stay ISO 8601 strings with an offset in actions; procedureApply turns them into ms for states and events.
 */

import { z } from 'zod';
import { Oin } from '../roles.js';
import { instantSchema } from '../instant.js';
import { ASSESSMENT_ASPECTS, ASSESSMENT_LEVELS } from './types.js';

const MAX_TEXT = 5000;

const Instant = instantSchema('Geef datum en tijd in ISO 8601 met tijdzone, bijvoorbeeld 2027-01-15T08:00:00+01:00.');

const WindowId = z.number({ error: 'Een venster-id is een getal.' }).int('Een venster-id is een geheel getal.').positive('Een venster-id is groter dan 0.');

function text(what: string) {
  return z
    .string({ error: `${what} ontbreekt.` })
    .trim()
    .min(1, `${what} mag niet leeg zijn.`)
    .max(MAX_TEXT, `${what} mag hoogstens ${MAX_TEXT} tekens lang zijn.`);
}

function endAfterStart(m: { start: string; end: string }): boolean {
  return Date.parse(m.end) > Date.parse(m.start);
}
const END_AFTER_START = { message: 'Het einde moet na het begin liggen.', path: ['end'] };

const Level = z.enum(ASSESSMENT_LEVELS, { error: 'Kies laag, middel of hoog.' }).meta({ id: 'ConflictActionLevel', description: 'Urgentie of impact' });

const AspectScore = z
  .object({ urgency: Level, impact: Level }, { error: 'Geef per aspect de urgentie en de impact.' })
  .meta({ id: 'ConflictActionAspectScore' });

const Aspects = z
  .object(Object.fromEntries(ASSESSMENT_ASPECTS.map((aspect) => [aspect, AspectScore])) as Record<(typeof ASSESSMENT_ASPECTS)[number], typeof AspectScore>, {
    error: 'Geef de aspecten administratief, financieel, juridisch en imago.',
  })
  .meta({ id: 'ConflictActionAspects', description: 'Urgentie en impact van een wijziging van de planning, per aspect' });

export const ConflictActionMoveWindow = z
  .object({
    type: z.literal('move-window'),
    windowId: WindowId,
    start: Instant,
    end: Instant,
    source: z
      .enum(['suggestie', 'handmatig'], { error: 'Kies suggestie of handmatig.' })
      .optional()
      .meta({ description: 'Of de verplaatsing een suggestie volgt; standaard handmatig' }),
  })
  .refine(endAfterStart, END_AFTER_START)
  .meta({ id: 'ConflictActionMoveWindow', description: 'Verplaats een verzendvenster (stap 1-6)' });

export const ConflictActionContactLogius = z
  .object({ type: z.literal('contact-logius'), message: text('Het bericht aan Logius') })
  .meta({ id: 'ConflictActionContactLogius', description: 'Stap 1 → 2: de planner neemt contact op met Logius' });

export const ConflictActionOpenAssessment = z.object({ type: z.literal('open-assessment') }).meta({
  id: 'ConflictActionOpenAssessment',
  description: 'Stap 2 → 3 (of 1 → 3 na de termijn): Logius opent de afweging',
});

export const ConflictActionSubmitAssessment = z
  .object({
    type: z.literal('submit-assessment'),
    aspects: Aspects,
    motivation: text('De motivering'),
    afnemer: Oin.optional().meta({
      description: 'Voor welke Afnemer; verplicht voor de capaciteitsmanager, die de afweging namens die Afnemer vastlegt',
    }),
  })
  .meta({ id: 'ConflictActionSubmitAssessment', description: 'Stap 3: de afweging van één Afnemer (door de planner, of namens de Afnemer door Logius)' });

export const ConflictActionMove = z
  .object({ windowId: WindowId, start: Instant, end: Instant })
  .refine(endAfterStart, END_AFTER_START)
  .meta({ id: 'ConflictActionMove', description: 'Een verplaatsing van een verzendvenster' });

export const ConflictActionConfirmAdvice = z
  .object({
    type: z.literal('confirm-advice'),
    text: text('De tekst van het advies').optional(),
    moveWindowIds: z
      .array(WindowId, { error: 'Geef de vensters als lijst van venster-ids.' })
      .min(1, 'Kies minstens één venster om te verplaatsen.')
      .optional(),
    moves: z
      .array(ConflictActionMove, { error: 'Geef de verplaatsingen als lijst.' })
      .min(1, 'Geef minstens één verplaatsing.')
      .optional()
      .meta({ description: 'De voorgestelde nieuwe tijden; gaat voor moveWindowIds' }),
  })
  .meta({
    id: 'ConflictActionConfirmAdvice',
    description:
      'Stap 3 → 4: stel het advies vast; zonder tekst, vensters en verplaatsingen geldt het concept zoals het is. ' +
      'Na de termijn ook met ontbrekende afwegingen, die als "geen reactie" worden vastgelegd',
  });

export const ConflictActionEscalate = z.object({ type: z.literal('escalate'), reason: text('De reden van de escalatie') }).meta({
  id: 'ConflictActionEscalate',
  description: 'Stap 4 → 5: escaleer het vastgestelde advies (ongewijzigd) naar de klantraad-managers, met een reden',
});

const OnBehalfOf = Oin.optional().meta({
  description: 'Voor welke Afnemer; verplicht voor de capaciteitsmanager, die het antwoord namens die Afnemer vastlegt',
});

export const ConflictActionAcceptAdvice = z.object({ type: z.literal('accept-advice'), afnemer: OnBehalfOf }).meta({
  id: 'ConflictActionAcceptAdvice',
  description: 'Stap 5: de klantraad-manager aanvaardt het advies; als alle Afnemers aanvaarden, wordt het uitgevoerd',
});

export const ConflictActionRejectAdvice = z
  .object({ type: z.literal('reject-advice'), reason: text('De reden van de afwijzing'), afnemer: OnBehalfOf })
  .meta({ id: 'ConflictActionRejectAdvice', description: 'Stap 5 → 6: de klantraad-manager wijst het advies af' });

export const ConflictActionEscalateLevel = z
  .object({ type: z.literal('escalate-level'), reason: text('De reden') })
  .meta({ id: 'ConflictActionEscalateLevel', description: 'Stap 6: Logius schaalt op naar het volgende niveau van de ladder' });

export const ConflictActionDecide = z
  .object({
    type: z.literal('decide'),
    text: text('Het besluit'),
    moves: z.array(ConflictActionMove, { error: 'Geef de verplaatsingen als lijst.' }).optional(),
  })
  .meta({
    id: 'ConflictActionDecide',
    description: 'Stap 6: Logius legt de uitkomst vast en voert de verplaatsingen uit',
  });

export const ConflictAction = z
  .discriminatedUnion(
    'type',
    [
      ConflictActionMoveWindow,
      ConflictActionContactLogius,
      ConflictActionOpenAssessment,
      ConflictActionSubmitAssessment,
      ConflictActionConfirmAdvice,
      ConflictActionEscalate,
      ConflictActionAcceptAdvice,
      ConflictActionRejectAdvice,
      ConflictActionEscalateLevel,
      ConflictActionDecide,
    ],
    {
      error:
        'Onbekende actie. Kies move-window, contact-logius, open-assessment, submit-assessment, ' +
        'confirm-advice, escalate, accept-advice, reject-advice, escalate-level of decide.',
    },
  )
  .meta({ id: 'ConflictAction', description: 'Een stap of handeling in de conflictprocedure' });
export type ConflictAction = z.infer<typeof ConflictAction>;

/** The action types a user may post, in procedure order. */
export const ACTION_TYPES = [
  'move-window',
  'contact-logius',
  'open-assessment',
  'submit-assessment',
  'confirm-advice',
  'escalate',
  'accept-advice',
  'reject-advice',
  'escalate-level',
  'decide',
] as const satisfies readonly ConflictAction['type'][];

export const ActionType = z.enum(ACTION_TYPES).meta({ id: 'ConflictActionType' });
export type ActionType = z.infer<typeof ActionType>;

/**
 * The system's own actions, which no user can post: closing a conflict the recompute no longer finds, moving an
 * overdue step 5 to step 6, and moving step 5 to step 6 when the accepted advice was carried out but the conflict
 * remains.
 */
export type SystemAction =
  | { readonly type: 'resolve'; readonly reason: string }
  | { readonly type: 'deadline-passed' }
  | { readonly type: 'advice-fell-short' };
export type SystemActionType = SystemAction['type'];

export type ProcedureAction = ConflictAction | SystemAction;
