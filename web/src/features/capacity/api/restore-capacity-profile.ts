import type { CapacityProfileSavedJson, PlanningDryRunResult } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export interface RestoreRequest {
  profileId: number;
  effectiveFrom?: string;
}

const path = (r: RestoreRequest) => `/capacity-profile/history/${r.profileId}/restore`;
const body = (r: RestoreRequest) => (r.effectiveFrom ? { effectiveFrom: r.effectiveFrom } : {});

/** Restores an earlier profile as a new version ("Terugzetten"). */
export const restoreCapacityProfile = (r: RestoreRequest) => apiRequest<CapacityProfileSavedJson>(path(r), { method: 'POST', body: body(r) });

/** The dry run of a restore: what it would do to the conflicts; nothing is stored. */
export const previewRestoreCapacityProfile = (r: RestoreRequest) =>
  apiRequest<PlanningDryRunResult>(path(r), { method: 'POST', body: body(r), query: { dryRun: true } });

export function useRestoreCapacityProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: restoreCapacityProfile,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.capacityProfile, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}

export const usePreviewRestoreCapacityProfile = () => useMutation({ mutationFn: previewRestoreCapacityProfile });
