import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { currentSessionQueryOptions } from './get-current-session';

export function deleteSession(): Promise<null> {
  return apiRequest<null>('/sessions/current', { method: 'DELETE' });
}

export function useDeleteSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteSession,
    onSettled: () => {
      qc.clear();
      qc.setQueryData(currentSessionQueryOptions().queryKey, null);
    },
  });
}
