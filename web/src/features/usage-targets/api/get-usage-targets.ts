import type { UsageTargetsInput as UsageTargetsInputSchema, UsageTargetsJson as UsageTargetsSchema } from '@cd/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type UsageTargetsJson = Infer<typeof UsageTargetsSchema>;
export type UsageTargetsInput = Infer<typeof UsageTargetsInputSchema>;
export interface Quarter {
  year: number;
  quarter: number;
}

export const getUsageTargets = (q: Quarter, signal?: AbortSignal) => apiRequest<UsageTargetsJson>('/usage-targets', { query: { ...q }, signal });

export const usageTargetsQueryOptions = (q: Quarter) =>
  queryOptions({ queryKey: [QUERY_ROOTS.usageTargets, q.year, q.quarter], queryFn: ({ signal }) => getUsageTargets(q, signal) });

export const useUsageTargets = (q: Quarter) => useQuery(usageTargetsQueryOptions(q));

export const setUsageTargets = ({ q, body }: { q: Quarter; body: UsageTargetsInput }) =>
  apiRequest<UsageTargetsJson>('/usage-targets', { method: 'PUT', query: { ...q }, body });

export function useSetUsageTargets() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setUsageTargets,
    onSuccess: (saved, { q }) => qc.setQueryData(usageTargetsQueryOptions(q).queryKey, saved),
  });
}
