import type { ServiceRequestJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type ServiceRequest = ServiceRequestJson;

export const getServiceRequests = (signal?: AbortSignal) => apiRequest<ServiceRequest[]>('/service-requests', { signal });

export const serviceRequestsQueryOptions = () =>
  queryOptions({ queryKey: [QUERY_ROOTS.serviceRequests, 'list'], queryFn: ({ signal }) => getServiceRequests(signal) });

export const useServiceRequests = () => useQuery(serviceRequestsQueryOptions());
