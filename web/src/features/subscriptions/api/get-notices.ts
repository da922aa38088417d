import type { NoticeInput as NoticeInputSchema, NoticeJson as NoticeSchema } from '@cd/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type NoticeJson = Infer<typeof NoticeSchema>;
export type NoticeInput = Partial<Infer<typeof NoticeInputSchema>> & Pick<Infer<typeof NoticeInputSchema>, 'kind' | 'title' | 'body'>;

export const getNotices = (signal?: AbortSignal) => apiRequest<NoticeJson[]>('/notices', { signal });

export const noticesQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.notices], queryFn: ({ signal }) => getNotices(signal) });

export const useNotices = (enabled: boolean) => useQuery({ ...noticesQueryOptions(), enabled });

export const createNotice = (body: NoticeInput) => apiRequest<NoticeJson>('/notices', { method: 'POST', body });

export function useCreateNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createNotice,
    onSuccess: () => void qc.invalidateQueries({ queryKey: noticesQueryOptions().queryKey }),
  });
}
