import type { LevellingMovesAccepted, LevellingOffers, LevellingProposalJson, LevellingProposalList, PlanChangePreview } from '@cd/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import { QUERY_ROOTS } from '../../lib/query-keys';

// A proposal's answers follow the planners' moves: under the conflicts root, a moved window (a live change of
// prognoses or conflicts) refetches it. The offers hang under notifications: an accepted proposal notifies the planner.
const proposalKey = (id: number) => [QUERY_ROOTS.conflicts, 'levelling-proposal', id] as const;
const offersKey = [QUERY_ROOTS.notifications, 'levelling-offers'] as const;

export const useProposal = (id: number | null) =>
  useQuery(
    queryOptions({
      queryKey: proposalKey(id ?? 0),
      queryFn: ({ signal }) => apiRequest<LevellingProposalJson>(`/levelling/proposals/${id}`, { signal }),
      enabled: id !== null,
    }),
  );

/** The newest proposals; under the conflicts root like a proposal, so answers and moves refresh it. */
export const useProposals = () =>
  useQuery(
    queryOptions({
      queryKey: [QUERY_ROOTS.conflicts, 'levelling-proposals'],
      queryFn: ({ signal }) => apiRequest<LevellingProposalList>('/levelling/proposals', { signal }),
    }),
  );

export function useCreateProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { from: string; to: string }) => apiRequest<LevellingProposalJson>('/levelling/proposals', { method: 'POST', body }),
    onSuccess: (p) => {
      qc.setQueryData(proposalKey(p.id), p);
      void qc.invalidateQueries({ queryKey: [QUERY_ROOTS.conflicts, 'levelling-proposals'] });
    },
  });
}

export function useAcceptProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<LevellingProposalJson>(`/levelling/proposals/${id}/accept`, { method: 'POST' }),
    onSuccess: (p) => {
      qc.setQueryData(proposalKey(p.id), p);
      void qc.invalidateQueries({ queryKey: [QUERY_ROOTS.conflicts, 'levelling-proposals'] });
    },
  });
}

export const useOffers = () =>
  useQuery(queryOptions({ queryKey: offersKey, queryFn: ({ signal }) => apiRequest<LevellingOffers>('/levelling/offers', { signal }) }));

export interface MovesChoice {
  proposalId: number;
  windowIds: number[];
}

/** The dry run of accepting these moves while `choice` is set (the dialog is open); nothing is stored. */
export const useMovesPreview = (choice: MovesChoice | null) =>
  useQuery({
    queryKey: [QUERY_ROOTS.prognoses, 'levelling-preview', choice],
    queryFn: ({ signal }) =>
      apiRequest<PlanChangePreview>(`/levelling/proposals/${choice!.proposalId}/moves/accept`, {
        method: 'POST',
        query: { dryRun: true },
        body: { windowIds: choice!.windowIds },
        signal,
      }),
    enabled: choice !== null,
    retry: false,
    gcTime: 0,
  });

function useRefreshAfterMove() {
  const qc = useQueryClient();
  return () => {
    for (const root of [QUERY_ROOTS.prognoses, QUERY_ROOTS.load, QUERY_ROOTS.conflicts, QUERY_ROOTS.notifications])
      void qc.invalidateQueries({ queryKey: [root] });
  };
}

export function useAcceptMoves() {
  const refresh = useRefreshAfterMove();
  return useMutation({
    mutationFn: (c: MovesChoice) =>
      apiRequest<LevellingMovesAccepted>(`/levelling/proposals/${c.proposalId}/moves/accept`, { method: 'POST', body: { windowIds: c.windowIds } }),
    onSuccess: refresh,
  });
}

export function useDeclineMoves() {
  const refresh = useRefreshAfterMove();
  return useMutation({
    mutationFn: (c: MovesChoice) =>
      apiRequest<LevellingOffers>(`/levelling/proposals/${c.proposalId}/moves/decline`, { method: 'POST', body: { windowIds: c.windowIds } }),
    onSuccess: refresh,
  });
}
