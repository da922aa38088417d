import type { StandardChangeJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Infer } from '../../../lib/schema-types';

export type StandardChange = Infer<typeof StandardChangeJson>;

/** The catalogue of standard changes (Bijlage 2), which skip the impact analysis. */
export const getStandardChanges = (signal?: AbortSignal) => apiRequest<StandardChange[]>('/standard-changes', { signal });

export const standardChangesQueryOptions = () =>
  queryOptions({ queryKey: ['standard-changes'], queryFn: ({ signal }) => getStandardChanges(signal), staleTime: 60 * 60_000 });

export const useStandardChanges = () => useQuery(standardChangesQueryOptions());
