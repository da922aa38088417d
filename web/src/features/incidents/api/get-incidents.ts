import type { IncidentJson } from '@cd/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type Incident = IncidentJson;

export interface IncidentsQuery {
  open?: boolean;
  calamity?: 'voorgesteld' | 'bevestigd';
  page?: number;
  pageSize?: number;
}

export interface IncidentPageJson {
  items: Incident[];
  page: number;
  pageSize: number;
  total: number;
}

export const getIncidents = (q: IncidentsQuery, signal?: AbortSignal) =>
  apiRequest<IncidentPageJson>('/incidents', { query: { ...q, open: q.open === undefined ? undefined : String(q.open) }, signal });

export const incidentsQueryOptions = (q: IncidentsQuery) =>
  queryOptions({ queryKey: [QUERY_ROOTS.incidents, 'list', q], queryFn: ({ signal }) => getIncidents(q, signal), placeholderData: keepPreviousData });

export const useIncidents = (q: IncidentsQuery) => useQuery(incidentsQueryOptions(q));
