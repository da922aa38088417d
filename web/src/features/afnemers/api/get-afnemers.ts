import type { Afnemer as AfnemerSchema } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type Afnemer = Infer<typeof AfnemerSchema>;

export const getAfnemers = () => apiRequest<Afnemer[]>('/afnemers');

export const afnemersQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.afnemers], queryFn: getAfnemers, staleTime: 30 * 60_000 });

export const useAfnemers = () => useQuery(afnemersQueryOptions());
