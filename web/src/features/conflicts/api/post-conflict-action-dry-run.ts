import type { ConflictActionOutcome } from '@cd/shared';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ConflictAction, ConflictWithCase } from '../types';

/**
 * What a procedure action that moves windows would do: the effect on the conflicts, whether this one goes, and for an
 * acceptance that is not the last, how many Afnemers must still accept before the moves are carried out.
 */
export type ConflictActionOutcomeJson = ConflictActionOutcome;

export type ConflictActionPreviewJson = ConflictWithCase & { outcome: ConflictActionOutcomeJson | null };

/** POST /conflicts/{id}/actions?dryRun=true: the effect of a decide's moves or of accepting the advice; stores nothing. */
export const postConflictActionDryRun = ({ id, action }: { id: number; action: ConflictAction }) =>
  apiRequest<ConflictActionPreviewJson>(`/conflicts/${id}/actions`, { method: 'POST', query: { dryRun: 'true' }, body: action });

export const usePostConflictActionDryRun = () => useMutation({ mutationFn: postConflictActionDryRun });
