import type { ConflictActionResult } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';
import type { ConflictAction } from '../types';
import { conflictQueryOptions } from './get-conflict';

/**
 * Takes one step of the procedure; answers with the updated conflict and, when windows moved, the plan change that
 * can be undone (409 illegal now, 403 not your role).
 */
export const postConflictAction = ({ id, action }: { id: number; action: ConflictAction }) =>
  apiRequest<Infer<typeof ConflictActionResult>>(`/conflicts/${id}/actions`, { method: 'POST', body: action });

export function usePostConflictAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: postConflictAction,
    onSuccess: (conflict, { id }) => {
      if (conflict && typeof conflict === 'object' && 'id' in conflict) {
        const { planChange: _, ...detail } = conflict;
        qc.setQueryData(conflictQueryOptions(id).queryKey, detail);
      }
      for (const root of [QUERY_ROOTS.conflicts, QUERY_ROOTS.load, QUERY_ROOTS.prognoses, QUERY_ROOTS.notifications]) {
        void qc.invalidateQueries({ queryKey: [root] });
      }
    },
  });
}
