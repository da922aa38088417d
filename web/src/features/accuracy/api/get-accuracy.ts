import type { AccuracyReport } from '@cd/shared';
import type { AccuracyPeriod } from '@cd/shared/accuracy';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type { AccuracyReport };

export const getAccuracy = (period: AccuracyPeriod, signal?: AbortSignal) => apiRequest<AccuracyReport>('/accuracy', { query: { period }, signal });

export const accuracyQueryOptions = (period: AccuracyPeriod) =>
  queryOptions({ queryKey: [QUERY_ROOTS.accuracy, period], queryFn: ({ signal }) => getAccuracy(period, signal) });

export const useAccuracy = (period: AccuracyPeriod) => useQuery(accuracyQueryOptions(period));
