/** Request and response shapes of the actuals upload and the accuracy report (`/api/v1/actuals`, `/api/v1/accuracy`). */
import { z } from 'zod';
import { ACCURACY_PERIODS } from './accuracy/period.js';
import { MISS_NEAR_HOURS, MISSES_PER_PERIOD, MISS_PICTURE_MAX_HOURS } from './accuracy/misses.js';
import { TREND_LEVEL_POINTS, TREND_PERIODS } from './accuracy/trend.js';
import { Oin } from './roles.js';

const DateParam = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Geef ${what} als jjjj-mm-dd.`)
    .optional();

export const AccuracyQuery = z.object({
  period: z
    .enum(ACCURACY_PERIODS, { error: 'Kies week, month of quarter.' })
    .default('month')
    .meta({ description: 'Periode: week, month of quarter (Amsterdamse tijd)' }),
  from: DateParam('de begindatum').meta({
    description: 'Eerste dag (jjjj-mm-dd); standaard twaalf maanden terug. Wordt verruimd tot het begin van de periode.',
  }),
  to: DateParam('de einddatum').meta({ description: 'Dag na de laatste dag (jjjj-mm-dd); standaard het einde van de huidige periode.' }),
  afnemer: Oin.optional().meta({ description: 'Alleen deze Afnemer (Logius); een planner krijgt altijd de eigen' }),
});

export const AccuracyScoreJson = z
  .object({
    afnemer: Oin,
    afnemerName: z.string(),
    periodStart: z.string().meta({ description: 'Begin van de periode (ISO 8601)' }),
    periodEnd: z.string().meta({ description: 'Begin van de volgende periode (ISO 8601)' }),
    planned: z.number().meta({ description: 'Aangekondigde berichten in de periode' }),
    actual: z.number().meta({ description: 'Werkelijk verzonden berichten' }),
    unannounced: z.number().meta({ description: 'Berichten verzonden in uren zonder aangekondigd venster' }),
    volumeError: z.number().nullable().meta({ description: 'WAPE: som |gepland − werkelijk| per uur / werkelijk; null als er niets is verzonden' }),
    bias: z.number().nullable().meta({ description: '(gepland − werkelijk) / werkelijk: positief = te hoog aangekondigd' }),
    unannouncedShare: z.number().nullable().meta({ description: 'Aandeel onaangekondigd verzonden berichten (0..1)' }),
    score: z.number().int().meta({ description: 'Betrouwbaarheid 0..100: round(100 × (1 − min(1, WAPE)) × (1 − aandeel onaangekondigd))' }),
  })
  .meta({ id: 'AccuracyScore' });

export const AccuracyTrendJson = z
  .object({
    afnemer: Oin,
    afnemerName: z.string(),
    scores: z.array(z.number().int().nullable()).meta({ description: 'De score per periode van trend.periodStarts, oudste eerst; null als er niets was' }),
    direction: z
      .enum(['up', 'down', 'level'])
      .nullable()
      .meta({
        description: `De laatste score tegen de vorige: up, down of level (minder dan ${TREND_LEVEL_POINTS} punten verschil); null met minder dan twee scores`,
      }),
  })
  .meta({ id: 'AccuracyTrend' });

export const AccuracyMissJson = z
  .object({
    kind: z.enum(['window', 'unannounced']).meta({ description: 'Een venster dat miste, of een reeks onaangekondigde uren zonder venster in de buurt' }),
    periodStart: z.string(),
    windowId: z.number().int().nullable(),
    kenmerk: z.string().nullable(),
    start: z.string(),
    end: z.string(),
    planned: z.number().meta({ description: 'Aangekondigde berichten van het venster' }),
    actual: z.number().meta({ description: 'Berichten verzonden in de uren van het venster' }),
    early: z.number().meta({ description: `Onaangekondigde berichten in de ${MISS_NEAR_HOURS} uur vóór het venster (te vroeg)` }),
    late: z.number().meta({ description: `Onaangekondigde berichten in de ${MISS_NEAR_HOURS} uur na het venster (te laat)` }),
    miss: z.number().meta({ description: 'Som |gepland − werkelijk| per uur plus te vroeg en te laat; voor een reeks: de berichten' }),
    hours: z
      .array(z.object({ hour: z.string(), planned: z.number(), actual: z.number() }))
      .nullable()
      .meta({ description: `Gepland tegen werkelijk per uur; null bij meer dan ${MISS_PICTURE_MAX_HOURS} uur` }),
  })
  .meta({ id: 'AccuracyMiss' });

export const AccuracyReport = z
  .object({
    period: z.enum(ACCURACY_PERIODS),
    from: z.string(),
    to: z.string(),
    scores: z.array(AccuracyScoreJson),
    trend: z
      .object({ periodStarts: z.array(z.string()), afnemers: z.array(AccuracyTrendJson) })
      .meta({ description: `Per Afnemer de score van de laatste ${TREND_PERIODS} periodes tot "to"` }),
    misses: z.array(AccuracyMissJson).meta({
      description: `Waar de prognoses misten: per periode van de trend de ${MISSES_PER_PERIOD} grootste missers. Alleen voor één Afnemer (een planner, of Logius met afnemer); anders leeg.`,
    }),
  })
  .meta({ id: 'AccuracyReport' });
export type AccuracyReport = z.infer<typeof AccuracyReport>;

export const ActualsUploadResult = z
  .object({
    rowCount: z.number().int(),
    created: z.number().int().meta({ description: 'Nieuwe uren' }),
    replaced: z.number().int().meta({ description: 'Uren die er al waren en zijn vervangen' }),
  })
  .meta({ id: 'ActualsUploadResult' });

/** The accuracy figures of one Afnemer over a report's range (the usage template's quarter, the service report's period). */
export const AccuracyFiguresJson = AccuracyScoreJson.pick({
  planned: true,
  actual: true,
  unannounced: true,
  volumeError: true,
  bias: true,
  unannouncedShare: true,
  score: true,
}).meta({
  id: 'AccuracyFigures',
  description: 'Betrouwbaarheid van de prognoses over de periode van de rapportage, over de uren die voorbij zijn (formules als bij /accuracy)',
  example: { planned: 120_000, actual: 150_000, unannounced: 3000, volumeError: 0.24, bias: -0.2, unannouncedShare: 0.02, score: 74 },
});

/** The accuracy section of the service report: every Afnemer the reader may see, least reliable first. */
export const AccuracySectionJson = z
  .object({
    comparedUntil: z.string().meta({ description: 'Einde van de vergeleken uren (ISO 8601): het einde van de periode, of het begin van het huidige uur' }),
    afnemers: z.array(AccuracyFiguresJson.extend({ afnemer: Oin, afnemerName: z.string() })).meta({ description: 'Per Afnemer, laagste score eerst' }),
  })
  .meta({ id: 'AccuracySection' });
export type AccuracySectionJson = z.infer<typeof AccuracySectionJson>;
