import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type FraudReport, fraudReportsQueryOptions } from './get-fraud-reports';

export type FraudAction =
  | { type: 'status'; status: 'in-onderzoek' | 'afgesloten'; note?: string }
  | { type: 'note'; text: string }
  | { type: 'communication'; what: string; audience: string; how: string; when: string };

export const postFraudAction = ({ id, action }: { id: number; action: FraudAction }) =>
  apiRequest<FraudReport>(`/fraud-reports/${id}/actions`, { method: 'POST', body: action });

export function usePostFraudAction() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: postFraudAction, onSuccess: () => void qc.invalidateQueries({ queryKey: fraudReportsQueryOptions().queryKey }) });
}
