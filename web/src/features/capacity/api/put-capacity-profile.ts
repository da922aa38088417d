import type { CapacityProfileInput, CapacityProfileSavedJson, PlanningDryRunResult } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type CapacityProfileBody = Infer<typeof CapacityProfileInput>;

export const putCapacityProfile = (body: CapacityProfileBody) => apiRequest<CapacityProfileSavedJson>('/capacity-profile', { method: 'PUT', body });

/** The dry run: what the profile would do to the conflicts; nothing is stored. */
export const previewCapacityProfile = (body: CapacityProfileBody) =>
  apiRequest<PlanningDryRunResult>('/capacity-profile', { method: 'PUT', body, query: { dryRun: true } });

export function usePutCapacityProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putCapacityProfile,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.capacityProfile, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}

export const usePreviewCapacityProfile = () => useMutation({ mutationFn: previewCapacityProfile });
