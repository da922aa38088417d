import type { IncidentJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

type Page = { items: IncidentJson[] };

/** The incidents the user may see that an analysis can follow: a P1 or a (proposed or confirmed) calamity. */
export const getAnalysableIncidents = async (signal?: AbortSignal) =>
  (await apiRequest<Page>('/incidents', { query: { pageSize: 200 }, signal })).items.filter((i) => i.priority === 'P1' || i.calamity.status !== 'geen');

export const analysableIncidentsQueryOptions = () =>
  queryOptions({ queryKey: [QUERY_ROOTS.incidents, 'analysable'], queryFn: ({ signal }) => getAnalysableIncidents(signal) });

export const useAnalysableIncidents = () => useQuery(analysableIncidentsQueryOptions());
