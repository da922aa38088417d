import type { RfcDetail, RfcInput } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type RfcFiling = Infer<typeof RfcInput>;

/** Files an RFC; an urgent one must name an open incident the filer can see (422 otherwise). */
export const fileRfc = (body: RfcFiling) => apiRequest<RfcDetail>('/rfcs', { method: 'POST', body });

export function useFileRfc() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fileRfc, onSuccess: () => void qc.invalidateQueries({ queryKey: [QUERY_ROOTS.rfcs] }) });
}
