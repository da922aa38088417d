import type { SendWindow } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

/** Cancels a send window (status geannuleerd); its history stays. */
export const deletePrognose = (id: number) => apiRequest<SendWindow>(`/prognoses/${id}`, { method: 'DELETE' });

export function useDeletePrognose() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deletePrognose,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.prognoses, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}
