import type { ConflictSuggestions } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type ConflictSuggestionsJson = Infer<typeof ConflictSuggestions>;
export type WindowSuggestions = ConflictSuggestionsJson['windows'][number];

export const getConflictSuggestions = (id: number, signal?: AbortSignal) => apiRequest<ConflictSuggestionsJson>(`/conflicts/${id}/suggestions`, { signal });

export const conflictSuggestionsQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [QUERY_ROOTS.conflicts, 'suggestions', id],
    queryFn: ({ signal }) => getConflictSuggestions(id, signal),
    retry: false,
  });

export const useConflictSuggestions = (id: number, enabled: boolean) => useQuery({ ...conflictSuggestionsQueryOptions(id), enabled });
