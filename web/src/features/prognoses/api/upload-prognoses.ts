import type { DryRunResult, UploadResult } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUpload, type UploadProgress } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export interface UploadVariables {
  file: File;
  onProgress?: (p: UploadProgress) => void;
}

/** What-if: checks the file and reports which conflicts it would create, worsen, solve or ease; stores nothing. */
export const uploadPrognosesDryRun = ({ file, onProgress }: UploadVariables) =>
  apiUpload<DryRunResult>('/prognoses', file, { query: { dryRun: 'true' }, onProgress });

/** Stores the delivery (all rows or none). */
export const uploadPrognoses = ({ file, onProgress }: UploadVariables) => apiUpload<UploadResult>('/prognoses', file, { onProgress });

export const useUploadPrognosesDryRun = () => useMutation({ mutationFn: uploadPrognosesDryRun });

export function useUploadPrognoses() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadPrognoses,
    onSuccess: () => {
      for (const root of [QUERY_ROOTS.prognoses, QUERY_ROOTS.deliveries, QUERY_ROOTS.load, QUERY_ROOTS.conflicts]) {
        void qc.invalidateQueries({ queryKey: [root] });
      }
    },
  });
}
