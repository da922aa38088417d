import type { IncidentAction, IncidentDetail } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type IncidentActionBody = Infer<typeof IncidentAction>;

/** One action on an incident (update, priority, afwijkende oplostijd, calamity, afmelding …). */
export const actOnIncident = ({ id, body }: { id: number; body: IncidentActionBody }) =>
  apiRequest<IncidentDetail>(`/incidents/${id}/actions`, { method: 'POST', body });

export function useActOnIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: actOnIncident,
    onSuccess: (incident) => {
      qc.setQueryData([QUERY_ROOTS.incidents, 'detail', incident.id], incident);
      void qc.invalidateQueries({ queryKey: [QUERY_ROOTS.incidents] });
    },
  });
}
