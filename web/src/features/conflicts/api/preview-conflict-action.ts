import type { ConflictActionResult, PlanChangePreview } from '@cd/shared';
import type { Infer } from '../../../lib/schema-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { ConflictAction } from '../types';

/**
 * The dry run of a moving action (move-window, or decide with moves): 403/409 when it may not be taken now,
 * otherwise the windows before and after and the effect on the conflicts. Nothing is stored.
 */
export const previewConflictAction = async (id: number, action: ConflictAction, signal?: AbortSignal): Promise<PlanChangePreview> => {
  const result = await apiRequest<Infer<typeof ConflictActionResult>>(`/conflicts/${id}/actions`, {
    method: 'POST',
    query: { dryRun: true },
    body: action,
    signal,
  });
  if (!result.outcome?.effect) throw new Error('Deze handeling verplaatst geen vensters.');
  return result.outcome.effect;
};

export const conflictActionPreviewQueryOptions = (id: number, action: ConflictAction | null) =>
  queryOptions({
    queryKey: [QUERY_ROOTS.conflicts, 'action-preview', id, action],
    queryFn: ({ signal }) => previewConflictAction(id, action!, signal),
    retry: false,
    gcTime: 0,
  });

/** The preview while `action` is set (the dialog is open). */
export const useConflictActionPreview = (id: number, action: ConflictAction | null) =>
  useQuery({ ...conflictActionPreviewQueryOptions(id, action), enabled: action !== null });
