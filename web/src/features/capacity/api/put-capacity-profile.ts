import type { CapacityProfileInput, CapacityProfileJson } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type CapacityProfileBody = Infer<typeof CapacityProfileInput>;

export const putCapacityProfile = (body: CapacityProfileBody) => apiRequest<CapacityProfileJson>('/capacity-profile', { method: 'PUT', body });

export function usePutCapacityProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putCapacityProfile,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.capacityProfile, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}
