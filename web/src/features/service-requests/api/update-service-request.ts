import type { ServiceRequestJson } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { serviceRequestsQueryOptions } from './get-service-requests';

export interface ServiceRequestUpdate {
  id: number;
  status: ServiceRequestJson['status'];
  answer?: string;
}

export const updateServiceRequest = ({ id, ...body }: ServiceRequestUpdate) =>
  apiRequest<ServiceRequestJson>(`/service-requests/${id}`, { method: 'PATCH', body });

export function useUpdateServiceRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateServiceRequest,
    onSuccess: () => void qc.invalidateQueries({ queryKey: serviceRequestsQueryOptions().queryKey }),
  });
}
