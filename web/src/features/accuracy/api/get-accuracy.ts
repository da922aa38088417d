import type { AccuracyReport } from '@cd/shared';
import type { AccuracyPeriod } from '@cd/shared/accuracy';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type { AccuracyReport };

/** The report for a period; with `afnemer` (Logius only) just that Afnemer, with its misses. */
export const getAccuracy = (period: AccuracyPeriod, afnemer: string | null, signal?: AbortSignal) =>
  apiRequest<AccuracyReport>('/accuracy', { query: afnemer ? { period, afnemer } : { period }, signal });

export const accuracyQueryOptions = (period: AccuracyPeriod, afnemer: string | null = null) =>
  queryOptions({ queryKey: [QUERY_ROOTS.accuracy, period, afnemer], queryFn: ({ signal }) => getAccuracy(period, afnemer, signal) });

export const useAccuracy = (period: AccuracyPeriod, afnemer: string | null = null) => useQuery(accuracyQueryOptions(period, afnemer));
