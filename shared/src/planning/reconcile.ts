import type { Conflict } from './types.js';

/** What identifies a conflict over time: its span and the windows in it. */
export interface ConflictIdentity {
  start: number;
  end: number;
  windowIds: readonly number[];
}

/** A conflict as stored before, with the id it was given. */
export interface StoredConflict extends ConflictIdentity {
  id: number;
}

/**
 * Returns the ids of the windows in a conflict, in the conflict's order.
 * Edge: the order is the conflict's (largest load first, as conflictsDetect gives it); nothing is deduplicated.
 */
export function conflictWindowIds(conflict: Pick<Conflict, 'windows'>): number[] {
  return conflict.windows.ids();
}

/**
 * Returns index pairs [i, j] matching `before[i]` to `after[j]`, each index at most once: a pair qualifies when the
 * spans overlap (half-open) and they share a window; pairs are taken greedily by largest overlap, then most shared
 * windows, then lowest i, then lowest j. Pairs are returned in order of j.
 * Edge: [0, 10) and [10, 20) never match (back to back); overlapping spans without a shared window never match.
 */
export function conflictsMatch(before: readonly ConflictIdentity[], after: readonly ConflictIdentity[]): [number, number][] {
  const byStart = (list: readonly ConflictIdentity[]): number[] => list.map((_, i) => i).sort((x, y) => list[x]!.start - list[y]!.start || x - y);
  const beforeOrder = byStart(before);
  const afterOrder = byStart(after);
  const windowSets = new Map<number, Set<number>>();
  const windowSetOf = (i: number): Set<number> => {
    let set = windowSets.get(i);
    if (!set) {
      set = new Set(before[i]!.windowIds);
      windowSets.set(i, set);
    }
    return set;
  };

  const candidates: { i: number; j: number; overlap: number; shared: number }[] = [];
  let next = 0;
  let active: number[] = [];
  for (const j of afterOrder) {
    const b = after[j]!;
    if (!(b.end > b.start)) continue;
    while (next < beforeOrder.length && before[beforeOrder[next]!]!.start < b.end) active.push(beforeOrder[next++]!);
    // `after` is visited by start, so a span that ended before this one can never overlap a later one.
    active = active.filter((i) => before[i]!.end > b.start);
    for (const i of active) {
      const a = before[i]!;
      if (!(a.start < b.end && a.end > a.start)) continue;
      const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
      if (overlap <= 0) continue;
      const set = windowSetOf(i);
      let shared = 0;
      for (const id of new Set(b.windowIds)) if (set.has(id)) shared++;
      if (shared > 0) candidates.push({ i, j, overlap, shared });
    }
  }
  candidates.sort((x, y) => y.overlap - x.overlap || y.shared - x.shared || x.i - y.i || x.j - y.j);
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  const pairs: [number, number][] = [];
  for (const c of candidates) {
    if (usedBefore.has(c.i) || usedAfter.has(c.j)) continue;
    usedBefore.add(c.i);
    usedAfter.add(c.j);
    pairs.push([c.i, c.j]);
  }
  return pairs.sort((x, y) => x[1] - y[1]);
}

export interface ReconcileResult {
  /** Current conflicts that continue a stored one, with its id, in the order of `current`. */
  kept: { id: number; conflict: Conflict }[];
  /** Current conflicts without a predecessor, in the order of `current`. */
  created: Conflict[];
  /** Ids of stored conflicts without a successor, ascending. */
  resolved: number[];
}

/**
 * Returns which stored conflicts persist (keeping their id), which current ones are new, and which stored ids are
 * resolved; a conflict persists when its run still overlaps the stored span and shares a window (conflictsMatch;
 * ties go to the lowest stored id).
 * Edge: a conflict that split in two keeps its id on the part with the larger overlap; the other part is created.
 */
export function conflictsReconcile(previous: readonly StoredConflict[], current: readonly Conflict[]): ReconcileResult {
  const stored = [...previous].sort((a, b) => a.id - b.id);
  const pairs = conflictsMatch(
    stored,
    current.map((c) => ({ start: c.start, end: c.end, windowIds: conflictWindowIds(c) })),
  );
  const idOf = new Map<number, number>();
  for (const [i, j] of pairs) idOf.set(j, stored[i]!.id);
  const kept: { id: number; conflict: Conflict }[] = [];
  const created: Conflict[] = [];
  current.forEach((conflict, j) => {
    const id = idOf.get(j);
    if (id === undefined) created.push(conflict);
    else kept.push({ id, conflict });
  });
  const matched = new Set(idOf.values());
  const resolved = stored.filter((s) => !matched.has(s.id)).map((s) => s.id);
  return { kept, created, resolved };
}
