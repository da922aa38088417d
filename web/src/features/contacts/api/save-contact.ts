import type { ContactRole } from '@cd/shared/constants';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type Contact, contactsQueryOptions } from './get-contacts';

export interface ContactBody {
  afnemer: string | null;
  role: ContactRole;
  name: string;
  email: string;
  phone: string;
}

/** Adds a contact, or changes one when `id` is given. */
export const saveContact = ({ id, body }: { id: number | null; body: ContactBody }) =>
  apiRequest<Contact>(id === null ? '/contacts' : `/contacts/${id}`, { method: id === null ? 'POST' : 'PUT', body });

export function useSaveContact() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: saveContact, onSuccess: () => void qc.invalidateQueries({ queryKey: contactsQueryOptions().queryKey }) });
}
