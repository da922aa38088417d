import type { ReleaseJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type Release = ReleaseJson;

export interface ReleasesQuery {
  /** Only releases that end after this instant (ISO). */
  from?: string;
  /** Only releases that begin before this instant (ISO). */
  to?: string;
}

export const getReleases = (q: ReleasesQuery, signal?: AbortSignal) => apiRequest<Release[]>('/releases', { query: { ...q }, signal });

export const releasesQueryOptions = (q: ReleasesQuery) =>
  queryOptions({ queryKey: [QUERY_ROOTS.releases, 'list', q], queryFn: ({ signal }) => getReleases(q, signal) });

export const useReleases = (q: ReleasesQuery = {}) => useQuery(releasesQueryOptions(q));
