import type { RfcJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type Rfc = RfcJson;

export const getRfcs = (signal?: AbortSignal) => apiRequest<Rfc[]>('/rfcs', { signal });

export const rfcsQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.rfcs, 'list'], queryFn: ({ signal }) => getRfcs(signal) });

export const useRfcs = () => useQuery(rfcsQueryOptions());
