import type { NotificationJson as NotificationSchema } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type NotificationJson = Infer<typeof NotificationSchema>;

export const getNotifications = (signal?: AbortSignal) => apiRequest<NotificationJson[]>('/notifications', { signal });

export const notificationsQueryOptions = () =>
  queryOptions({ queryKey: [QUERY_ROOTS.notifications], queryFn: ({ signal }) => getNotifications(signal), retry: false });

export const useNotifications = () => useQuery(notificationsQueryOptions());

/**
 * The number of unread notifications, for the header; null while unknown or unavailable. Here rather than beside the
 * list: the layout needs only this, and so the list stays out of the entry chunk.
 */
export function useUnreadCount(): number | null {
  const query = useNotifications();
  return query.data ? query.data.filter((n) => !n.readAt).length : null;
}
