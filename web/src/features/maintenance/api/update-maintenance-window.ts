import type { MaintenanceWindowSavedJson, PlanningDryRunResult } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { MaintenanceInput } from './create-maintenance-window';

export const updateMaintenanceWindow = ({ id, ...body }: MaintenanceInput & { id: number }) =>
  apiRequest<MaintenanceWindowSavedJson>(`/maintenance-windows/${id}`, { method: 'PUT', body });

/** The dry run: what the edit would do to the conflicts; nothing is stored. */
export const previewUpdateMaintenanceWindow = ({ id, ...body }: MaintenanceInput & { id: number }) =>
  apiRequest<PlanningDryRunResult>(`/maintenance-windows/${id}`, { method: 'PUT', body, query: { dryRun: true } });

export function useUpdateMaintenanceWindow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateMaintenanceWindow,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.maintenance, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}

export const usePreviewUpdateMaintenanceWindow = () => useMutation({ mutationFn: previewUpdateMaintenanceWindow });
