import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type DisruptionAnalysis, disruptionAnalysesQueryOptions } from './get-disruption-analyses';

type Impact = { level: 'groot' | 'middel' | 'laag'; explanation: string };

/** The fields of Bijlage 2's analysis template. */
export interface AnalysisBody {
  status: string;
  startedAt: string;
  resolvedAt: string | null;
  cause: string;
  impact: { afnemer: Impact; logius: Impact; klanten: Impact };
  solutionIncidental: string;
  solutionStructural: string;
  communication: { who: string; what: string; when: string; bottlenecks: string };
  improvements: string;
}

export const deliverDisruptionAnalysis = ({ id, body }: { id: number; body: AnalysisBody }) =>
  apiRequest<DisruptionAnalysis>(`/disruption-analyses/${id}/analysis`, { method: 'PUT', body });

export function useDeliverDisruptionAnalysis() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deliverDisruptionAnalysis,
    onSuccess: () => void qc.invalidateQueries({ queryKey: disruptionAnalysesQueryOptions().queryKey }),
  });
}
