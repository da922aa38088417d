/** Subscriptions to disruption information and maintenance notices (DAP §5.2), and the notices themselves. */
import { z } from 'zod';

export const NOTICE_KINDS = ['storing', 'onderhoud'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Dutch names of the kinds, as the seed says them. */
export const NOTICE_KIND_LABELS: Readonly<Record<NoticeKind, string>> = {
  storing: 'Storingsinformatie',
  onderhoud: 'Onderhoudsmeldingen',
};

export const NoticeKindSchema = z.enum(NOTICE_KINDS, { error: 'Kies storing of onderhoud.' }).meta({ id: 'NoticeKind' });

export const SubscriptionJson = z
  .object({ kind: NoticeKindSchema, label: z.string(), subscribed: z.boolean(), since: z.string().nullable() })
  .meta({ id: 'Subscription' });
export type SubscriptionJson = z.infer<typeof SubscriptionJson>;

export const NoticeInput = z
  .strictObject({
    kind: NoticeKindSchema,
    title: z.string({ error: 'Geef een titel.' }).trim().min(1, 'Geef een titel.').max(200, 'Hoogstens 200 tekens.'),
    body: z.string({ error: 'Geef de tekst.' }).trim().min(1, 'Geef de tekst.').max(5000, 'Hoogstens 5000 tekens.'),
    withhold: z.boolean().default(false).meta({ description: 'Bewust niet communiceren: het bericht wordt vastgelegd maar niet verstuurd' }),
    withheldReason: z.string().trim().max(2000, 'Hoogstens 2000 tekens.').optional().meta({ description: 'Verplicht bij withhold: waarom niet' }),
  })
  .superRefine((n, ctx) => {
    if (n.withhold && !n.withheldReason)
      ctx.addIssue({ code: 'custom', path: ['withheldReason'], message: 'Leg vast waarom dit bericht bewust niet wordt verstuurd.' });
    if (!n.withhold && n.withheldReason)
      ctx.addIssue({ code: 'custom', path: ['withheldReason'], message: 'Alleen een bericht dat wordt tegengehouden heeft een reden.' });
  })
  .meta({ id: 'NoticeInput' });
export type NoticeInput = z.infer<typeof NoticeInput>;

export const NOTICE_SOURCES = ['onderhoud', 'release', 'handmatig'] as const;

export const NoticeJson = z
  .object({
    id: z.number().int(),
    kind: NoticeKindSchema,
    source: z.enum(NOTICE_SOURCES),
    title: z.string(),
    body: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    withheld: z.boolean(),
    withheldReason: z.string().nullable(),
    recipients: z.number().int().meta({ description: 'Aantal abonnees dat het bericht kreeg (0 als het is tegengehouden)' }),
  })
  .meta({ id: 'Notice' });
export type NoticeJson = z.infer<typeof NoticeJson>;
