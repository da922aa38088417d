import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { contactsQueryOptions } from './get-contacts';

export const deleteContact = (id: number) => apiRequest<null>(`/contacts/${id}`, { method: 'DELETE' });

export function useDeleteContact() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteContact, onSuccess: () => void qc.invalidateQueries({ queryKey: contactsQueryOptions().queryKey }) });
}
