import { useQueries } from '@tanstack/react-query';
import { conflictQueryOptions } from '../api/get-conflict';
import type { ConflictWithCase } from '../types';

const MAX_DETAILS = 50;

/** The full case files of a few conflicts (fetched in parallel), for views that need assessments or advice. */
export function useConflictDetails(ids: number[]): { details: Map<number, ConflictWithCase>; loading: boolean } {
  const results = useQueries({ queries: ids.slice(0, MAX_DETAILS).map((id) => conflictQueryOptions(id)) });
  const details = new Map<number, ConflictWithCase>();
  for (const r of results) if (r.data) details.set(r.data.id, r.data);
  return { details, loading: results.some((r) => r.isLoading) };
}
