import type { CurrentUser } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { currentSessionQueryOptions } from './get-current-session';

export function createSession(body: { email: string; password: string }): Promise<CurrentUser> {
  return apiRequest<CurrentUser>('/sessions', { method: 'POST', body });
}

export function useCreateSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createSession,
    onSuccess: (user) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== currentSessionQueryOptions().queryKey[0] });
      qc.setQueryData(currentSessionQueryOptions().queryKey, user);
    },
  });
}
