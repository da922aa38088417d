import type { PlanChangeUndone } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

/** Undoes a plan change (a move of a decision or an accepted advice) within its 15 minutes; 409 when too late. */
export const postPlanChangeUndo = (id: number) => apiRequest<PlanChangeUndone>(`/plan-changes/${id}/undo`, { method: 'POST' });

export function usePostPlanChangeUndo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: postPlanChangeUndo,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.conflicts, QUERY_ROOTS.load, QUERY_ROOTS.prognoses]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}
