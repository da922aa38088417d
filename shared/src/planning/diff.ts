import { conflictsMatch, conflictWindowIds } from './reconcile.js';
import { loadExceeds } from './tolerance.js';
import type { Conflict } from './types.js';

export interface ConflictChange {
  before: Conflict;
  after: Conflict;
}

export interface ConflictsDiff {
  /** Conflicts that exist only after the change. */
  created: Conflict[];
  /** Conflicts that the change removes. */
  solved: Conflict[];
  /** Matched conflicts with more excess messages or a higher peak utilization (null counts as highest). */
  worsened: ConflictChange[];
  /** Matched conflicts with less excess or a lower peak, and nothing worse. */
  eased: ConflictChange[];
  /** Matched conflicts with the same excess and peak (within the planning tolerance). */
  unchanged: ConflictChange[];
}

/** -1, 0 or 1 comparing peaks, where null (a bucket without capacity) is above every number. */
function peakCompare(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return loadExceeds(a, b) ? 1 : loadExceeds(b, a) ? -1 : 0;
}

/**
 * Returns what a change does to the conflicts: created, solved, worsened, eased or unchanged, with conflicts
 * identified across the change as in conflictsReconcile (overlapping run and a shared window).
 * Edge: a conflict whose excess grows while its peak drops counts as worsened; identical lists give only unchanged.
 */
export function conflictsDiff(before: readonly Conflict[], after: readonly Conflict[]): ConflictsDiff {
  const identity = (c: Conflict) => ({ start: c.start, end: c.end, windowIds: conflictWindowIds(c) });
  const pairs = conflictsMatch(before.map(identity), after.map(identity));
  const matchedBefore = new Set(pairs.map(([i]) => i));
  const matchedAfter = new Set(pairs.map(([, j]) => j));
  const result: ConflictsDiff = {
    created: after.filter((_, j) => !matchedAfter.has(j)),
    solved: before.filter((_, i) => !matchedBefore.has(i)),
    worsened: [],
    eased: [],
    unchanged: [],
  };
  for (const [i, j] of pairs) {
    const change = { before: before[i]!, after: after[j]! };
    const excess = loadExceeds(change.after.excessMessages, change.before.excessMessages)
      ? 1
      : loadExceeds(change.before.excessMessages, change.after.excessMessages)
        ? -1
        : 0;
    const peak = peakCompare(change.after.peakUtilization, change.before.peakUtilization);
    if (excess > 0 || peak > 0) result.worsened.push(change);
    else if (excess < 0 || peak < 0) result.eased.push(change);
    else result.unchanged.push(change);
  }
  return result;
}
