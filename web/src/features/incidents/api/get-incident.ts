import type { IncidentDetail } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type IncidentDetailJson = IncidentDetail;

/** One incident with its updates, history and the actions the user may take now. */
export const getIncident = (id: number, signal?: AbortSignal) => apiRequest<IncidentDetailJson>(`/incidents/${id}`, { signal });

export const incidentQueryOptions = (id: number) =>
  queryOptions({ queryKey: [QUERY_ROOTS.incidents, 'detail', id], queryFn: ({ signal }) => getIncident(id, signal) });

export const useIncident = (id: number) => useQuery(incidentQueryOptions(id));
