import type { PlanChangeUndone } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

/** Undoes a plan change (within 15 minutes, by its maker or the capacity manager): 409 when too late or changed since. */
export const undoPlanChange = (id: number) => apiRequest<PlanChangeUndone>(`/plan-changes/${id}/undo`, { method: 'POST' });

export function useUndoPlanChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: undoPlanChange,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.prognoses, QUERY_ROOTS.load, QUERY_ROOTS.conflicts, QUERY_ROOTS.notifications]) {
        void qc.invalidateQueries({ queryKey: [root] });
      }
    },
  });
}
