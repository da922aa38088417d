/** API tokens: how long they live, when one still works, and the shapes the API uses for them. */
import { z } from 'zod';

/** Lifetime of an API token in days: the default for a new token and the most anyone may ask for. */
export const API_TOKEN_DAYS = { default: 365, max: 365 } as const;

/** Longest label of a token (what it is for, e.g. "Aanlevering vanuit SAP"). */
export const API_TOKEN_LABEL_MAX = 100;

export type ApiTokenStatus = 'actief' | 'verlopen' | 'ingetrokken';

/**
 * Returns whether a token still works at `now`: revoked wins over expired, and a token is expired from
 * its expiry instant on (half-open: valid while now < expiresAt).
 * Edge: `apiTokenStatus({ revokedAt: null, expiresAt: t }, t)` is 'verlopen'.
 */
export function apiTokenStatus(token: { revokedAt: Date | null; expiresAt: Date }, now: Date): ApiTokenStatus {
  if (token.revokedAt !== null) return 'ingetrokken';
  return now.getTime() < token.expiresAt.getTime() ? 'actief' : 'verlopen';
}

/** The expiry of a token created at `now` to live `days` days (exactly days × 24 hours, whatever the clocks do). */
export function apiTokenExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

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
