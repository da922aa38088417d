import type { ContactJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type Contact = ContactJson;

/** Logius' contacts and those of the Afnemers the user may see (an Afnemer's users: its own). */
export const getContacts = (signal?: AbortSignal) => apiRequest<Contact[]>('/contacts', { signal });

export const contactsQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.contacts, 'list'], queryFn: ({ signal }) => getContacts(signal) });

export const useContacts = () => useQuery(contactsQueryOptions());
