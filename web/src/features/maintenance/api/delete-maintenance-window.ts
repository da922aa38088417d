import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export const deleteMaintenanceWindow = (id: number) => apiRequest<null>(`/maintenance-windows/${id}`, { method: 'DELETE' });

export function useDeleteMaintenanceWindow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteMaintenanceWindow,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.maintenance, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}
