import { z } from 'zod';
import { RangeInstant } from '../range-instant.js';
import { instantSchema } from '../instant.js';
import { Oin } from '../roles.js';

const Status = z.enum(['concept', 'definitief', 'geannuleerd']);
const Instant = instantSchema();

export const SendWindow = z
  .object({
    id: z.number().int(),
    afnemer: Oin,
    kenmerk: z.string(),
    omschrijving: z.string(),
    berichttype: z.string(),
    start: Instant,
    eind: Instant,
    aantalBerichten: z.number().int(),
    status: Status,
    vroegsteStart: Instant.nullable(),
    laatsteEind: Instant.nullable(),
    revision: z.number().int(),
    deliveryId: z.number().int().nullable(),
    updatedAt: Instant,
  })
  .meta({ id: 'SendWindow', description: 'Een verzendmoment uit een prognose' });
export type SendWindow = z.infer<typeof SendWindow>;

export const SendWindowRevision = z
  .object({
    revision: z.number().int(),
    deliveryId: z.number().int().nullable(),
    changedBy: z.string().nullable(),
    changedAt: Instant,
    omschrijving: z.string(),
    berichttype: z.string(),
    start: Instant,
    eind: Instant,
    aantalBerichten: z.number().int(),
    status: Status,
  })
  .meta({ id: 'SendWindowRevision' });

export const SendWindowDetail = SendWindow.extend({ revisions: z.array(SendWindowRevision) }).meta({
  id: 'SendWindowDetail',
});

export const SendWindowPage = z
  .object({
    items: z.array(SendWindow),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'SendWindowPage' });

export const Delivery = z
  .object({
    id: z.number().int(),
    afnemer: Oin,
    uploadedBy: z.number().int(),
    uploadedAt: Instant,
    fileName: z.string().nullable(),
    contentType: z.string(),
    rowCount: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  })
  .meta({ id: 'Delivery', description: 'Een aanlevering: één geüpload bestand of JSON-bericht' });
export type Delivery = z.infer<typeof Delivery>;

export const UploadResult = z
  .object({
    deliveries: z.array(Delivery),
    rowCount: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  })
  .meta({ id: 'UploadResult' });
export type UploadResult = z.infer<typeof UploadResult>;

export const SendWindowQuery = z.object({
  afnemer: Oin.optional(),
  from: RangeInstant.optional().meta({ description: 'Alleen vensters die na dit moment eindigen' }),
  to: RangeInstant.optional().meta({ description: 'Alleen vensters die voor dit moment beginnen' }),
  status: Status.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});
