import { afnemerScopeConcerns, type AfnemerScope } from './afnemer-scope.js';

/** What a live dashboard is told has changed; each kind makes its own queries stale. */
export const LIVE_CHANGE_KINDS = [
  'prognoses',
  'load',
  'conflicts',
  'capacity',
  'maintenance',
  'procedure',
  'notifications',
  'incidents',
  'contacts',
  'changes',
  'levelling',
] as const;
export type LiveChangeKind = (typeof LIVE_CHANGE_KINDS)[number];

/**
 * Returns whether `kind` is one of LIVE_CHANGE_KINDS: what the database's triggers send (tests/constants-in-sql.test.ts
 * holds the triggers to the list) and what a live dashboard acts on.
 * Edge: anything not a string, or a string of another kind (also 'toString'), is not one.
 */
export function liveChangeKindIs(kind: unknown): kind is LiveChangeKind {
  return typeof kind === 'string' && (LIVE_CHANGE_KINDS as readonly string[]).includes(kind);
}

/** A change as the database tells it (db/migrations/0017): what changed, and whom it concerns. */
export interface StoredChange {
  kind: LiveChangeKind;
  conflictId?: number;
  /** The Afnemers it concerns (Logius always); absent: everyone. */
  afnemers?: string[];
  /** The users it concerns, and nobody else (a notification). */
  users?: number[];
}

/** A change as a live dashboard gets it: what to refetch, never whom it concerns. */
export interface LiveChange {
  kind: LiveChangeKind;
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
