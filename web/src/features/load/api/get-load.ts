import type { LoadBucketSize, LoadResponse } from '@cd/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export interface LoadQuery {
  from: string;
  to: string;
  bucket: LoadBucketSize;
}

export const getLoad = (q: LoadQuery, signal?: AbortSignal) => apiRequest<LoadResponse>('/load', { query: { ...q }, signal });

export const loadQueryOptions = (q: LoadQuery) =>
  queryOptions({
    queryKey: [QUERY_ROOTS.load, q],
    queryFn: ({ signal }) => getLoad(q, signal),
    // Keep the old curve on screen while a new range loads, instead of flashing an empty chart.
    placeholderData: keepPreviousData,
  });

export const useLoad = (q: LoadQuery) => useQuery(loadQueryOptions(q));
