import type { PlanChangePreview } from '@cd/shared';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ConflictAction, ConflictWithCase } from '../types';

/** What a procedure action that moves windows would do: the effect on the conflicts, and whether this one goes. */
export interface ConflictActionOutcomeJson {
  dryRun: boolean;
  effect: PlanChangePreview | null;
  conflictSolved: boolean | null;
  message: string | null;
}

export type ConflictActionPreviewJson = ConflictWithCase & { outcome: ConflictActionOutcomeJson | null };

/** POST /conflicts/{id}/actions?dryRun=true: the effect of a decide's moves or of accepting the advice; stores nothing. */
export const postConflictActionDryRun = ({ id, action }: { id: number; action: ConflictAction }) =>
  apiRequest<ConflictActionPreviewJson>(`/conflicts/${id}/actions`, { method: 'POST', query: { dryRun: 'true' }, body: action });

export const usePostConflictActionDryRun = () => useMutation({ mutationFn: postConflictActionDryRun });
