import type { EscalationJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type Escalation = EscalationJson;

export interface EscalationsQuery {
  ladder?: 'incident' | 'algemeen';
  incidentId?: number;
}

/** Escalations on the incident ladder and the general ladder, latest first (the API scopes them to the user). */
export const getEscalations = (q: EscalationsQuery, signal?: AbortSignal) => apiRequest<Escalation[]>('/escalations', { query: { ...q }, signal });

export const escalationsQueryOptions = (q: EscalationsQuery = {}) =>
  queryOptions({ queryKey: [QUERY_ROOTS.escalations, 'list', q], queryFn: ({ signal }) => getEscalations(q, signal) });

export const useEscalations = (q: EscalationsQuery = {}) => useQuery(escalationsQueryOptions(q));
