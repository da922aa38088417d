import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ServiceRequest } from './get-service-requests';
import { serviceRequestsQueryOptions } from './get-service-requests';

/** The body of POST /service-requests (the schema's input side: description may be left out of a standard request). */
export type ServiceRequestBody =
  | { kind: 'standaard'; catalogueItem: string; fields: Record<string, unknown>; description?: string }
  | { kind: 'vrij'; subject: string; description: string };

export const createServiceRequest = (body: ServiceRequestBody) => apiRequest<ServiceRequest>('/service-requests', { method: 'POST', body });

export function useCreateServiceRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createServiceRequest,
    onSuccess: () => void qc.invalidateQueries({ queryKey: serviceRequestsQueryOptions().queryKey }),
  });
}
