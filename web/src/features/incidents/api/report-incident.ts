import type { IncidentDetail, IncidentInput } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type IncidentReport = Infer<typeof IncidentInput>;

/** Reports a disruption: Logius sets the priority, an Afnemer proposes one (DAP 5.3 step 2). */
export const reportIncident = (body: IncidentReport) => apiRequest<IncidentDetail>('/incidents', { method: 'POST', body });

export function useReportIncident() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: reportIncident, onSuccess: () => void qc.invalidateQueries({ queryKey: [QUERY_ROOTS.incidents] }) });
}
