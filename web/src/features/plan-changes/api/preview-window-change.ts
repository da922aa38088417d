import type { PlanChangePreview, PrognosePatch } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

/** What changing one window would do to the conflicts, and the window before and after; nothing is stored. */
export const previewWindowChange = (id: number, patch: PrognosePatch, signal?: AbortSignal) =>
  apiRequest<PlanChangePreview>(`/prognoses/${id}`, { method: 'PATCH', query: { dryRun: true }, body: patch, signal });

export const windowChangePreviewQueryOptions = (id: number, patch: PrognosePatch) =>
  queryOptions({
    queryKey: [QUERY_ROOTS.prognoses, 'change-preview', id, patch],
    queryFn: ({ signal }) => previewWindowChange(id, patch, signal),
    retry: false,
    gcTime: 0,
  });

/** The preview while `change` is set (the dialog is open). */
export function useWindowChangePreview(change: { id: number; patch: PrognosePatch } | null) {
  return useQuery({ ...windowChangePreviewQueryOptions(change?.id ?? 0, change?.patch ?? {}), enabled: change !== null });
}
