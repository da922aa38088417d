import type { MaintenanceWindowInput, MaintenanceWindowSavedJson, PlanningDryRunResult } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type MaintenanceInput = Infer<typeof MaintenanceWindowInput>;

export const createMaintenanceWindow = (body: MaintenanceInput) => apiRequest<MaintenanceWindowSavedJson>('/maintenance-windows', { method: 'POST', body });

/** The dry run: what the new window would do to the conflicts; nothing is stored. */
export const previewCreateMaintenanceWindow = (body: MaintenanceInput) =>
  apiRequest<PlanningDryRunResult>('/maintenance-windows', { method: 'POST', body, query: { dryRun: true } });

export function useCreateMaintenanceWindow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createMaintenanceWindow,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.maintenance, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}

export const usePreviewCreateMaintenanceWindow = () => useMutation({ mutationFn: previewCreateMaintenanceWindow });
