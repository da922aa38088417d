/**
 * API tokens: how long they live and when one still works. Free of zod, so the web imports it as
 * `@cd/shared/api-token-rules` without the schemas.
 */

import { DAY_MS } from './time/units.js';

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
  return new Date(now.getTime() + days * DAY_MS);
}
