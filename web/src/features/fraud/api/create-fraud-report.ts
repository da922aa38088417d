import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type FraudReceipt, fraudReportsQueryOptions } from './get-fraud-reports';

export interface FraudReportBody {
  description: string;
  channel: 'app';
  highPriority: boolean;
  observedAt?: string;
}

export const createFraudReport = (body: FraudReportBody) => apiRequest<FraudReceipt>('/fraud-reports', { method: 'POST', body });

export function useCreateFraudReport() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createFraudReport, onSuccess: () => void qc.invalidateQueries({ queryKey: fraudReportsQueryOptions().queryKey }) });
}
