import type { SendWindowDetail } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type SendWindowDetailJson = Infer<typeof SendWindowDetail>;

export const getPrognose = (id: number, signal?: AbortSignal) => apiRequest<SendWindowDetailJson>(`/prognoses/${id}`, { signal });

export const prognoseQueryOptions = (id: number) =>
  queryOptions({ queryKey: [QUERY_ROOTS.prognoses, 'detail', id], queryFn: ({ signal }) => getPrognose(id, signal) });

export const usePrognose = (id: number | null) => useQuery({ ...prognoseQueryOptions(id ?? 0), enabled: id !== null });
