import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { ConflictWithCase } from '../types';

export const getConflict = (id: number, signal?: AbortSignal) => apiRequest<ConflictWithCase>(`/conflicts/${id}`, { signal });

export const conflictQueryOptions = (id: number) =>
  queryOptions({ queryKey: [QUERY_ROOTS.conflicts, 'detail', id], queryFn: ({ signal }) => getConflict(id, signal) });

export const useConflict = (id: number) => useQuery(conflictQueryOptions(id));
