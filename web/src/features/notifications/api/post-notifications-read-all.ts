import type { NotificationKind } from '@cd/shared/constants';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { notificationsQueryOptions } from './get-notifications';

export const postNotificationsReadAll = (kind: NotificationKind | null) =>
  apiRequest<{ marked: number; unread: number }>(`/notifications/read-all${kind ? `?kind=${encodeURIComponent(kind)}` : ''}`, { method: 'POST' });

export function usePostNotificationsReadAll() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: postNotificationsReadAll,
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationsQueryOptions().queryKey }),
  });
}
