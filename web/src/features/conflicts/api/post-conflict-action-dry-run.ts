import type { DryRunResult } from '@cd/shared';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ConflictAction } from '../types';

type ConflictPreview = DryRunResult['created'][number];

/** What carrying out an action would do to the conflicts; the server stores nothing. */
export interface ConflictActionPreviewJson {
  dryRun: true;
  created: ConflictPreview[];
  worsened: { before: ConflictPreview; after: ConflictPreview }[];
  solved: ConflictPreview[];
  eased?: { before: ConflictPreview; after: ConflictPreview }[];
}

/** POST /conflicts/{id}/actions?dryRun=true: the effect of the moves of a decide or of accepting the advice. */
export const postConflictActionDryRun = ({ id, action }: { id: number; action: ConflictAction }) =>
  apiRequest<ConflictActionPreviewJson>(`/conflicts/${id}/actions`, { method: 'POST', query: { dryRun: 'true' }, body: action });

export const usePostConflictActionDryRun = () => useMutation({ mutationFn: postConflictActionDryRun });
