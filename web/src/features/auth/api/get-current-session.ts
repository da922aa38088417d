import type { CurrentUser } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

/** The signed-in user, or null when nobody is signed in (401). */
export async function getCurrentSession(): Promise<CurrentUser | null> {
  try {
    return await apiRequest<CurrentUser>('/sessions/current');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const currentSessionQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.session], queryFn: getCurrentSession, staleTime: 5 * 60_000, retry: 1 });

export const useCurrentSession = () => useQuery(currentSessionQueryOptions());
