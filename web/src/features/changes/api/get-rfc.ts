import type { RfcDetail } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type RfcDetailJson = RfcDetail;

/** One RFC with its trail and the ladder of its type. */
export const getRfc = (id: number, signal?: AbortSignal) => apiRequest<RfcDetailJson>(`/rfcs/${id}`, { signal });

export const rfcQueryOptions = (id: number) => queryOptions({ queryKey: [QUERY_ROOTS.rfcs, 'detail', id], queryFn: ({ signal }) => getRfc(id, signal) });

export const useRfc = (id: number) => useQuery(rfcQueryOptions(id));
