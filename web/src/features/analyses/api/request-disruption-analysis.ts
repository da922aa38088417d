import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type DisruptionAnalysis, disruptionAnalysesQueryOptions } from './get-disruption-analyses';

export interface AnalysisRequestBody {
  incidentId: number;
  afnemer?: string;
  description: string;
  disruptionDate: string;
  desiredDeliveryDate?: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  questions: string;
}

export const requestDisruptionAnalysis = (body: AnalysisRequestBody) => apiRequest<DisruptionAnalysis>('/disruption-analyses', { method: 'POST', body });

export function useRequestDisruptionAnalysis() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: requestDisruptionAnalysis,
    onSuccess: () => void qc.invalidateQueries({ queryKey: disruptionAnalysesQueryOptions().queryKey }),
  });
}
