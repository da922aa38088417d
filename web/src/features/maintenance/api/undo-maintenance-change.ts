import type { MaintenanceChangeResult, PlanningDryRunResult } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

/** Undoes a change of the maintenance calendar (within 15 minutes of it). */
export const undoMaintenanceChange = (changeId: number) => apiRequest<MaintenanceChangeResult>(`/maintenance-changes/${changeId}/undo`, { method: 'POST' });

/** The dry run of an undo: what it would do to the conflicts; nothing is stored. */
export const previewUndoMaintenanceChange = (changeId: number) =>
  apiRequest<PlanningDryRunResult>(`/maintenance-changes/${changeId}/undo`, { method: 'POST', query: { dryRun: true } });

export function useUndoMaintenanceChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: undoMaintenanceChange,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.maintenance, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}

export const usePreviewUndoMaintenanceChange = () => useMutation({ mutationFn: previewUndoMaintenanceChange });
