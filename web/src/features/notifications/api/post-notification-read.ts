import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { notificationsQueryOptions } from './get-notifications';

export const postNotificationRead = (id: number) => apiRequest<unknown>(`/notifications/${id}/read`, { method: 'POST' });

export function usePostNotificationRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: postNotificationRead,
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationsQueryOptions().queryKey }),
  });
}
