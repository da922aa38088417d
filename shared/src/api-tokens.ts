/** The shapes the API uses for API tokens; the rules themselves are in api-token-rules.ts. */
import { z } from 'zod';
import { API_TOKEN_DAYS, API_TOKEN_LABEL_MAX } from './api-token-rules.js';

export * from './api-token-rules.js';

const Instant = z.iso.datetime({ offset: true });

export const ApiTokenJson = z
  .object({
    id: z.number().int(),
    label: z.string(),
    createdAt: Instant,
    expiresAt: Instant,
    lastUsedAt: Instant.nullable(),
    revokedAt: Instant.nullable(),
    status: z.enum(['actief', 'verlopen', 'ingetrokken']),
  })
  .meta({ id: 'ApiToken', description: 'Een API-token, zonder het geheim (dat wordt alleen bij aanmaken getoond)' });

export const ApiTokenInput = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, 'Geef het token een omschrijving, zodat u het later herkent.')
      .max(API_TOKEN_LABEL_MAX, `De omschrijving is hoogstens ${API_TOKEN_LABEL_MAX} tekens.`),
    days: z
      .number()
      .int('Geef het aantal dagen als geheel getal.')
      .min(1, 'Een token is minstens 1 dag geldig.')
      .max(API_TOKEN_DAYS.max, `Een token is hoogstens ${API_TOKEN_DAYS.max} dagen geldig.`)
      .default(API_TOKEN_DAYS.default)
      .meta({ description: `Geldigheid in dagen, 1 tot en met ${API_TOKEN_DAYS.max} (standaard ${API_TOKEN_DAYS.default})` }),
  })
  .meta({ id: 'ApiTokenInput' });

export const ApiTokenCreated = ApiTokenJson.extend({
  token: z.string().meta({ description: 'Het token zelf; wordt maar één keer getoond' }),
}).meta({ id: 'ApiTokenCreated' });
