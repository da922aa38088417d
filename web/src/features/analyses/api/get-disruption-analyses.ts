import type { DisruptionAnalysisJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type DisruptionAnalysis = DisruptionAnalysisJson;

export const getDisruptionAnalyses = (signal?: AbortSignal) => apiRequest<DisruptionAnalysis[]>('/disruption-analyses', { signal });

// Under the incidents root: analyses report live as 'incidents'.
export const disruptionAnalysesQueryOptions = () =>
  queryOptions({ queryKey: [QUERY_ROOTS.incidents, 'analyses'], queryFn: ({ signal }) => getDisruptionAnalyses(signal) });

export const useDisruptionAnalyses = () => useQuery(disruptionAnalysesQueryOptions());
