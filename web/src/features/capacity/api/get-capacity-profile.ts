import type { CapacityProfileNowJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export const getCapacityProfile = (signal?: AbortSignal) => apiRequest<CapacityProfileNowJson>('/capacity-profile', { signal });

export const capacityProfileQueryOptions = () =>
  queryOptions({ queryKey: [QUERY_ROOTS.capacityProfile, 'current'], queryFn: ({ signal }) => getCapacityProfile(signal) });

export const useCapacityProfile = () => useQuery(capacityProfileQueryOptions());
