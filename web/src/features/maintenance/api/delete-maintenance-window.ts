import type { MaintenanceChangeResult, PlanningDryRunResult } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export const deleteMaintenanceWindow = (id: number) => apiRequest<MaintenanceChangeResult>(`/maintenance-windows/${id}`, { method: 'DELETE' });

/** The dry run: what removing the window would do to the conflicts; nothing is stored. */
export const previewDeleteMaintenanceWindow = (id: number) =>
  apiRequest<PlanningDryRunResult>(`/maintenance-windows/${id}`, { method: 'DELETE', query: { dryRun: true } });

export function useDeleteMaintenanceWindow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteMaintenanceWindow,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.maintenance, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}

export const usePreviewDeleteMaintenanceWindow = () => useMutation({ mutationFn: previewDeleteMaintenanceWindow });
