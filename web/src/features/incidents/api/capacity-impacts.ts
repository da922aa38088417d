import type { CapacityImpactInput, ChangeEffect, MaintenanceChangeJson, MaintenanceChangeResult, PlanningDryRunResult } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type CapacityImpactBody = Infer<typeof CapacityImpactInput>;
/** What lowering stored: the change in the trail (undoable for a while) and what it did to the conflicts. */
export interface CapacityImpactSaved {
  change: MaintenanceChangeJson;
  effect: ChangeEffect;
}

const base = (id: number) => `/incidents/${id}/capacity-impacts`;

/** An incident lowers capacity (a window of kind incident); `dryRun` only shows the effect on the conflicts. */
export const lowerCapacity = ({ id, body }: { id: number; body: CapacityImpactBody }) => apiRequest<CapacityImpactSaved>(base(id), { method: 'POST', body });
export const previewLowerCapacity = ({ id, body }: { id: number; body: CapacityImpactBody }) =>
  apiRequest<PlanningDryRunResult>(base(id), { method: 'POST', body, query: { dryRun: true } });

/** Lifts one capacity drop of the incident. */
export const liftCapacityImpact = ({ id, impactId }: { id: number; impactId: number }) =>
  apiRequest<MaintenanceChangeResult>(`${base(id)}/${impactId}`, { method: 'DELETE' });
export const previewLiftCapacityImpact = ({ id, impactId }: { id: number; impactId: number }) =>
  apiRequest<PlanningDryRunResult>(`${base(id)}/${impactId}`, { method: 'DELETE', query: { dryRun: true } });

/** Undoes lowering or lifting (within 15 minutes), through the incident. */
export const undoCapacityChange = ({ id, changeId }: { id: number; changeId: number }) =>
  apiRequest<MaintenanceChangeResult>(`${base(id)}/changes/${changeId}/undo`, { method: 'POST' });
export const previewUndoCapacityChange = ({ id, changeId }: { id: number; changeId: number }) =>
  apiRequest<PlanningDryRunResult>(`${base(id)}/changes/${changeId}/undo`, { method: 'POST', query: { dryRun: true } });

/** A stored capacity change touches the incident, the maintenance calendar, the load and the conflicts. */
function useSaved<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.incidents, QUERY_ROOTS.maintenance, QUERY_ROOTS.load, QUERY_ROOTS.conflicts])
        void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}

export const useLowerCapacity = () => useSaved(lowerCapacity);
export const useLiftCapacityImpact = () => useSaved(liftCapacityImpact);
export const useUndoCapacityChange = () => useSaved(undoCapacityChange);
export const usePreviewLowerCapacity = () => useMutation({ mutationFn: previewLowerCapacity });
export const usePreviewLiftCapacityImpact = () => useMutation({ mutationFn: previewLiftCapacityImpact });
export const usePreviewUndoCapacityChange = () => useMutation({ mutationFn: previewUndoCapacityChange });
