import type { PrognosePatch, SendWindowChanged } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type SendWindowChangedJson = Infer<typeof SendWindowChanged>;

/** Changes one window as a plan change; the answer carries the plan change to undo it. */
export const patchWindow = ({ id, patch }: { id: number; patch: PrognosePatch }) =>
  apiRequest<SendWindowChangedJson>(`/prognoses/${id}`, { method: 'PATCH', body: patch });

export function usePatchWindow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: patchWindow,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.prognoses, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) void qc.invalidateQueries({ queryKey: [root] });
    },
  });
}
