import type { ServiceReport } from '@cd/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type { ServiceReport };

/** The service report for [from, to) (dates as yyyy-mm-dd, Dutch midnight): Logius all of it, an Afnemer its own part. */
export const getServiceReport = (from: string, to: string, signal?: AbortSignal) =>
  apiRequest<ServiceReport>('/reports/service', { query: { from, to }, signal });

export const serviceReportQueryOptions = (from: string, to: string) =>
  queryOptions({
    queryKey: [QUERY_ROOTS.serviceReport, from, to],
    queryFn: ({ signal }) => getServiceReport(from, to, signal),
    enabled: from < to,
    placeholderData: keepPreviousData,
  });

export const useServiceReport = (from: string, to: string) => useQuery(serviceReportQueryOptions(from, to));
