/**
 * Plan changes: every change to windows that moves one or changes its capacity use is stored as one plan change,
 * with where it came from, and can be undone for a short while. Free of zod, so the web can import it.
 */

import type { Role } from '../access/roles.js';
import { roleMay } from '../access/table.js';

/** Where a plan change comes from; stored with the change and with every revision it writes. */
export const PLAN_CHANGE_SOURCES = ['suggestie', 'handmatig', 'besluit Klantraad', 'besluit Logius', 'ongedaan gemaakt', 'procedure', 'nivellering'] as const;
export type PlanChangeSource = (typeof PLAN_CHANGE_SOURCES)[number];

/** How long after a plan change it can be undone. */
export const PLAN_CHANGE_UNDO_MS = 15 * 60_000;

/**
 * Returns the last instant (ms) at which a plan change made at `createdAt` can still be undone.
 * Edge: the undo period is half-open, so at exactly createdAt + 15 minutes the change can no longer be undone.
 */
export function planChangeUndoUntil(createdAt: number): number {
  return createdAt + PLAN_CHANGE_UNDO_MS;
}

/** Why a user who may not undo a change is refused (403); the one Dutch wording of the rule below. */
export const PLAN_CHANGE_UNDO_FORBIDDEN = 'Alleen wie de wijziging deed, of de capaciteitsmanager, kan haar ongedaan maken.';

/**
 * Returns true when `actor` may undo a change made by the user `makerId`: its maker, or a role that may undo anyone's
 * (plan-change.undo-any: the capacity manager). Every undoable change follows it: window moves, maintenance and an
 * incident's capacity drops. Edge: a change without a known maker (null) is only the capacity manager's to undo.
 */
export function planChangeUndoerMay(actor: { id: number; role: Role }, makerId: number | null): boolean {
  return (makerId !== null && actor.id === makerId) || roleMay(actor.role, 'plan-change.undo-any');
}

export interface PlanChangeUndoFacts {
  createdAt: number;
  userId: number;
  undoneAt: number | null;
  /** Kenmerken of the windows of the change that were changed again afterwards. */
  changedSince: readonly string[];
}

/**
 * Returns why this plan change cannot be undone by `actor` at `now` (status and Dutch message), or null when it can.
 * Only the user who made it or the capacity manager may undo; within 15 minutes, once, and only while none of its
 * windows changed since. Edge: at exactly createdAt + 15 minutes it is refused (see planChangeUndoUntil).
 */
export function planChangeUndoRefusal(
  change: PlanChangeUndoFacts,
  actor: { id: number; role: Role },
  now: number,
): { status: 403 | 409; message: string } | null {
  if (!planChangeUndoerMay(actor, change.userId)) return { status: 403, message: PLAN_CHANGE_UNDO_FORBIDDEN };
  if (change.undoneAt !== null) return { status: 409, message: 'Deze wijziging is al ongedaan gemaakt.' };
  if (now >= planChangeUndoUntil(change.createdAt)) {
    return { status: 409, message: 'Deze wijziging is ouder dan 15 minuten en kan niet meer ongedaan worden gemaakt. Verplaats het verzendmoment opnieuw.' };
  }
  if (change.changedSince.length > 0) {
    const list = change.changedSince.join(', ');
    return {
      status: 409,
      message: `Verzendmoment ${list} is sinds deze wijziging opnieuw gewijzigd; ongedaan maken zou die wijziging overschrijven.`,
    };
  }
  return null;
}
