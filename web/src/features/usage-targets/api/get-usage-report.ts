import type { UsageTemplateJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';
import type { Quarter } from './get-usage-targets';

export type UsageReport = Infer<typeof UsageTemplateJson>;

/** The filled usage template of the user's own Afnemer for a quarter (with the quarter's reliability figures). */
export const getUsageReport = (q: Quarter, signal?: AbortSignal) => apiRequest<UsageReport>('/reports/usage', { query: { ...q }, signal });

export const usageReportQueryOptions = (q: Quarter) =>
  queryOptions({
    queryKey: [QUERY_ROOTS.usageTargets, 'report', q.year, q.quarter],
    queryFn: ({ signal }) => getUsageReport(q, signal),
  });

export const useUsageReport = (q: Quarter) => useQuery(usageReportQueryOptions(q));
