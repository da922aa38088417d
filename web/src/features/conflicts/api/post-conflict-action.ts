import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { ConflictAction, ConflictWithCase } from '../types';
import { conflictQueryOptions } from './get-conflict';

/** Takes one step of the procedure; answers with the updated conflict (409 illegal now, 403 not your role). */
export const postConflictAction = ({ id, action }: { id: number; action: ConflictAction }) =>
  apiRequest<ConflictWithCase>(`/conflicts/${id}/actions`, { method: 'POST', body: action });

export function usePostConflictAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: postConflictAction,
    onSuccess: (conflict, { id }) => {
      if (conflict && typeof conflict === 'object' && 'id' in conflict) qc.setQueryData(conflictQueryOptions(id).queryKey, conflict);
      for (const root of [QUERY_ROOTS.conflicts, QUERY_ROOTS.load, QUERY_ROOTS.prognoses, QUERY_ROOTS.notifications]) {
        void qc.invalidateQueries({ queryKey: [root] });
      }
    },
  });
}
