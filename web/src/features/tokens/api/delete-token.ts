import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tokensQueryOptions } from './get-tokens';

export const deleteToken = (id: number) => apiRequest<null>(`/tokens/${id}`, { method: 'DELETE' });

export function useDeleteToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteToken,
    onSuccess: () => void qc.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
