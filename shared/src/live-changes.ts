import { afnemerScopeConcerns, type AfnemerScope } from './afnemer-scope.js';

/** What a live dashboard is told has changed; each kind makes its own queries stale. */
export const LIVE_CHANGE_KINDS = [
  'prognoses', 'load', 'conflicts', 'capacity', 'maintenance', 'procedure', 'notifications', 'incidents', 'contacts', 'changes',
] as const;
export type LiveChangeKind = (typeof LIVE_CHANGE_KINDS)[number];

/** A change as the database tells it (db/migrations/0017): what changed, and whom it concerns. */
export interface StoredChange {
  kind: string;
  conflictId?: number;
  /** The Afnemers it concerns (Logius always); absent: everyone. */
  afnemers?: string[];
  /** The users it concerns, and nobody else (a notification). */
  users?: number[];
}

/** A change as a live dashboard gets it: what to refetch, never whom it concerns. */
export interface LiveChange {
  kind: string;
  conflictId?: number;
}

/**
 * The change as a user (by id and scope) may learn it, or null when it is none of theirs: an Afnemer's users hear
 * of its own windows, the conflicts it is in and what concerns everyone. Another Afnemer's windows moved only the
 * total load, which GET /load shows everyone, so they hear `{ kind: 'load' }` and no more.
 * Edge: a change for named users reaches only them, Logius included.
 */
export function liveChangeFor(change: StoredChange, userId: number, scope: AfnemerScope): LiveChange | null {
  if (change.users !== undefined) return change.users.includes(userId) ? { kind: change.kind } : null;
  if (afnemerScopeConcerns(scope, change.afnemers ?? null)) {
    return change.conflictId === undefined ? { kind: change.kind } : { kind: change.kind, conflictId: change.conflictId };
  }
  return change.kind === 'prognoses' ? { kind: 'load' } : null;
}
