import type { Priority } from './priority.js';

/**
 * Default share of the resolution time of a P1 after which a calamity is proposed (section 5.2: "dreigt te worden
 * overschreden"); an administrator may set another (settings, key calamityThreshold).
 */
export const CALAMITY_THRESHOLD = 0.75;

export interface CalamityInput {
  readonly priority: Priority;
  readonly reportedAt: number;
  readonly resolutionDueAt: number;
  /** When a solution came; null while there is none. */
  readonly resolvedAt: number | null;
  /** When the calamity manager confirmed or flagged a calamity; null while not. */
  readonly calamityAt: number | null;
}

export type CalamityProposal =
  | { readonly proposed: false; readonly usedFraction: number | null }
  | { readonly proposed: true; readonly reason: 'p1-dreigt' | 'p1-overschreden'; readonly usedFraction: number };

/**
 * Returns whether a calamity should be proposed now: a P1 without a solution that has used at least `threshold`
 * (default 75%) of its resolution time ('p1-dreigt') or all of it ('p1-overschreden'); usedFraction for any open
 * incident. Edge: exactly the threshold proposes, exactly 100% counts as overschreden; a resolved incident, a non-P1, or one
 * already a calamity never proposes; a zero-length resolution time counts as used up at once.
 */
export function calamityCheck(i: CalamityInput, nowMs: number, threshold: number = CALAMITY_THRESHOLD): CalamityProposal {
  if (i.resolvedAt !== null) return { proposed: false, usedFraction: null };
  const allowed = i.resolutionDueAt - i.reportedAt;
  const used = allowed <= 0 ? (nowMs >= i.reportedAt ? Infinity : 0) : (nowMs - i.reportedAt) / allowed;
  const usedFraction = Number.isFinite(used) ? Math.max(0, used) : 1;
  if (i.priority !== 'P1' || i.calamityAt !== null || used < threshold) return { proposed: false, usedFraction };
  return { proposed: true, reason: used >= 1 ? 'p1-overschreden' : 'p1-dreigt', usedFraction };
}
