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
