import type { Delivery } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export const getDeliveries = (limit: number, signal?: AbortSignal) => apiRequest<Delivery[]>('/deliveries', { query: { limit }, signal });

export const deliveriesQueryOptions = (limit = 10) =>
  queryOptions({ queryKey: [QUERY_ROOTS.deliveries, limit], queryFn: ({ signal }) => getDeliveries(limit, signal) });

export const useDeliveries = (limit = 10) => useQuery(deliveriesQueryOptions(limit));
