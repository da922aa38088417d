import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Conflict } from '../types';

export interface ConflictsQuery {
  status?: 'open' | 'resolved';
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface ConflictPageJson {
  items: Conflict[];
  page: number;
  pageSize: number;
  total: number;
}

export const getConflicts = (q: ConflictsQuery, signal?: AbortSignal) => apiRequest<ConflictPageJson>('/conflicts', { query: { ...q }, signal });

export const conflictsQueryOptions = (q: ConflictsQuery) =>
  queryOptions({ queryKey: [QUERY_ROOTS.conflicts, 'list', q], queryFn: ({ signal }) => getConflicts(q, signal), placeholderData: keepPreviousData });

export const useConflicts = (q: ConflictsQuery) => useQuery(conflictsQueryOptions(q));
