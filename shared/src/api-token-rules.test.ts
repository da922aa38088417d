import { describe, expect, it } from 'vitest';
import { apiTokenExpiry, apiTokenStatus } from './api-token-rules.js';

describe('apiTokenStatus', () => {
  const expiresAt = new Date('2027-03-28T01:30:00Z');

  it('is actief until the last millisecond before the expiry, verlopen from the expiry on', () => {
    expect(apiTokenStatus({ revokedAt: null, expiresAt }, new Date(expiresAt.getTime() - 1))).toBe('actief');
    expect(apiTokenStatus({ revokedAt: null, expiresAt }, expiresAt)).toBe('verlopen');
    expect(apiTokenStatus({ revokedAt: null, expiresAt }, new Date(expiresAt.getTime() + 1))).toBe('verlopen');
  });

  it('is ingetrokken once revoked, also before it would have expired', () => {
    expect(apiTokenStatus({ revokedAt: new Date('2027-01-01T00:00:00Z'), expiresAt }, new Date('2027-01-02T00:00:00Z'))).toBe('ingetrokken');
  });
});

describe('apiTokenExpiry', () => {
  it('adds whole days of 24 hours, also across the spring DST change in Amsterdam', () => {
    const now = new Date('2027-03-27T12:00:00Z');
    expect(apiTokenExpiry(now, 1).toISOString()).toBe('2027-03-28T12:00:00.000Z');
    expect(apiTokenExpiry(now, 365).getTime() - now.getTime()).toBe(365 * 86_400_000);
  });
});
