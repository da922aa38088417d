import { describe, expect, it } from 'vitest';
import { SERVICE_REQUEST_STATUSES, serviceRequestTransitionError, type ServiceRequestStatus } from './service-request-status.js';

const LEGAL: [ServiceRequestStatus, ServiceRequestStatus][] = [
  ['ingediend', 'in-behandeling'],
  ['ingediend', 'afgehandeld'],
  ['ingediend', 'afgewezen'],
  ['in-behandeling', 'afgehandeld'],
  ['in-behandeling', 'afgewezen'],
];

describe('serviceRequestTransitionError', () => {
  for (const from of SERVICE_REQUEST_STATUSES) {
    for (const to of SERVICE_REQUEST_STATUSES) {
      const legal = LEGAL.some(([f, t]) => f === from && t === to);
      it(`${legal ? 'allows' : 'refuses'} ${from} → ${to} with an answer`, () => {
        expect(serviceRequestTransitionError(from, to, 'Zie bijlage') === null).toBe(legal);
      });
    }
  }

  it('requires an answer to close a request, not to take it up', () => {
    expect(serviceRequestTransitionError('ingediend', 'afgehandeld', '  ')).toMatch(/antwoord/);
    expect(serviceRequestTransitionError('in-behandeling', 'afgewezen', null)).toMatch(/antwoord/);
    expect(serviceRequestTransitionError('ingediend', 'in-behandeling', null)).toBeNull();
  });
});
