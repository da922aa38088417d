import type { ServiceRequestTypeJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type ServiceRequestType = Infer<typeof ServiceRequestTypeJson>;

export const getServiceRequestTypes = (signal?: AbortSignal) => apiRequest<ServiceRequestType[]>('/service-request-types', { signal });

export const serviceRequestTypesQueryOptions = () =>
  queryOptions({ queryKey: [QUERY_ROOTS.serviceRequests, 'types'], queryFn: ({ signal }) => getServiceRequestTypes(signal), staleTime: 3_600_000 });

export const useServiceRequestTypes = () => useQuery(serviceRequestTypesQueryOptions());
