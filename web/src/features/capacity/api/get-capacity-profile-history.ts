import type { CapacityProfileJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export const getCapacityProfileHistory = (limit: number, signal?: AbortSignal) =>
  apiRequest<CapacityProfileJson[]>('/capacity-profile/history', { query: { limit }, signal });

export const capacityProfileHistoryQueryOptions = (limit = 10) =>
  queryOptions({ queryKey: [QUERY_ROOTS.capacityProfile, 'history', limit], queryFn: ({ signal }) => getCapacityProfileHistory(limit, signal) });

export const useCapacityProfileHistory = (limit = 10) => useQuery(capacityProfileHistoryQueryOptions(limit));
