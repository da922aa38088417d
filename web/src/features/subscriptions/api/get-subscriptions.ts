import type { NoticeKind, SubscriptionJson as SubscriptionSchema } from '@cd/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type SubscriptionJson = Infer<typeof SubscriptionSchema>;

export const getSubscriptions = (signal?: AbortSignal) => apiRequest<SubscriptionJson[]>('/subscriptions', { signal });

export const subscriptionsQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.subscriptions], queryFn: ({ signal }) => getSubscriptions(signal) });

export const useSubscriptions = () => useQuery(subscriptionsQueryOptions());

/** Subscribes (on) or unsubscribes (off) the signed-in user for one kind of notice. */
export const setSubscription = ({ kind, on }: { kind: NoticeKind; on: boolean }) =>
  apiRequest<SubscriptionJson[]>(`/subscriptions/${kind}`, { method: on ? 'PUT' : 'DELETE' });

export function useSetSubscription() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setSubscription,
    onSuccess: (list) => qc.setQueryData(subscriptionsQueryOptions().queryKey, list),
  });
}
