/** The Afnemer's own targets and planned communication per quarter (DAP Bijlage 2). */
import { z } from 'zod';
import { Oin } from '../roles.js';

const Count = (what: string) =>
  z
    .number({ error: `Geef ${what} als aantal berichten.` })
    .int('Geef een heel aantal berichten.')
    .min(0, 'Het aantal kan niet negatief zijn.')
    .max(1e12, 'Het aantal is te groot.')
    .nullable();

export const UsageTargetsQuery = z.object({
  afnemer: Oin.optional().meta({ description: 'Verplicht voor Logius; een Afnemer krijgt altijd de eigen' }),
  year: z.coerce.number({ error: 'Geef een jaar.' }).int('Geef een jaar.').min(2000, 'Kies een jaar vanaf 2000.').max(2100, 'Kies een jaar tot en met 2100.'),
  quarter: z.coerce.number({ error: 'Geef een kwartaal.' }).int('Kies kwartaal 1 t/m 4.').min(1, 'Kies kwartaal 1 t/m 4.').max(4, 'Kies kwartaal 1 t/m 4.'),
});

export const UsageActivity = z
  .strictObject({
    date: z.iso.date({ error: 'Geef een datum als jjjj-mm-dd.' }),
    description: z.string({ error: 'Omschrijf de activiteit.' }).trim().min(1, 'Omschrijf de activiteit.').max(500, 'Hoogstens 500 tekens.'),
  })
  .meta({ id: 'UsageActivity' });

export const UsageTargetsInput = z
  .strictObject({
    quarterTarget: Count('de doelstelling voor het kwartaal').meta({ description: 'Doelstelling voor toename aantal transacties in het kwartaal' }),
    yearTarget: Count('de doelstelling voor het jaar').meta({ description: 'Doelstelling voor toename aantal transacties in het jaar' }),
    activities: z.array(UsageActivity).max(20, 'Hoogstens 20 activiteiten per kwartaal.'),
    expectedGrowth: z.enum(['groot', 'middel', 'laag'], { error: 'Kies groot, middel of laag.' }).nullable(),
    note: z.string().trim().max(2000, 'Hoogstens 2000 tekens.').default(''),
  })
  .meta({ id: 'UsageTargetsInput' });
export type UsageTargetsInput = z.infer<typeof UsageTargetsInput>;

export const UsageTargetsJson = UsageTargetsInput.extend({
  afnemer: Oin,
  year: z.number().int(),
  quarter: z.number().int(),
  updatedAt: z.string().nullable().meta({ description: 'Null zolang de Afnemer niets heeft ingevuld' }),
  updatedBy: z.string().nullable(),
}).meta({ id: 'UsageTargets' });
export type UsageTargetsJson = z.infer<typeof UsageTargetsJson>;
