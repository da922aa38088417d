import type { RfcAction, RfcDetail, RfcEscalationInput } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type RfcActionBody = Infer<typeof RfcAction>;
export type RfcEscalationBody = Infer<typeof RfcEscalationInput>;

/** A step of the change process (analysis, impact analysis, CAB decision, planning, implementation). */
export const actOnRfc = ({ id, body }: { id: number; body: RfcActionBody }) => apiRequest<RfcDetail>(`/rfcs/${id}/actions`, { method: 'POST', body });

/** Section 7.3 on the RFC's ladder: "overleggen", then one level up ("escaleren en informeren"). */
export const escalateRfc = ({ id, body }: { id: number; body: RfcEscalationBody }) =>
  apiRequest<RfcDetail>(`/rfcs/${id}/escalations`, { method: 'POST', body });

function useRfcMutation<B>(fn: (v: { id: number; body: B }) => Promise<RfcDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (rfc) => {
      qc.setQueryData([QUERY_ROOTS.rfcs, 'detail', rfc.id], rfc);
      for (const root of [QUERY_ROOTS.rfcs, QUERY_ROOTS.releases, QUERY_ROOTS.notifications]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}

export const useActOnRfc = () => useRfcMutation(actOnRfc);
export const useEscalateRfc = () => useRfcMutation(escalateRfc);
