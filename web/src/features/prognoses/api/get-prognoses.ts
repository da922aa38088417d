import type { SendWindowPage } from '@cd/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type SendWindowPageJson = Infer<typeof SendWindowPage>;

export interface PrognosesQuery {
  from?: string;
  to?: string;
  status?: 'concept' | 'definitief' | 'geannuleerd';
  page?: number;
  pageSize?: number;
}

export const getPrognoses = (q: PrognosesQuery, signal?: AbortSignal) => apiRequest<SendWindowPageJson>('/prognoses', { query: { ...q }, signal });

export const prognosesQueryOptions = (q: PrognosesQuery) =>
  queryOptions({
    queryKey: [QUERY_ROOTS.prognoses, 'list', q],
    queryFn: ({ signal }) => getPrognoses(q, signal),
    placeholderData: keepPreviousData,
  });

export const usePrognoses = (q: PrognosesQuery) => useQuery(prognosesQueryOptions(q));
