import type { ApiTokenJson as ApiTokenSchema } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type ApiTokenJson = Infer<typeof ApiTokenSchema>;

export const getTokens = (signal?: AbortSignal) => apiRequest<ApiTokenJson[]>('/tokens', { signal });

export const tokensQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.apiTokens], queryFn: ({ signal }) => getTokens(signal) });

export const useTokens = () => useQuery(tokensQueryOptions());
