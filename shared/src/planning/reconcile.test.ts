import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflictsMatch, conflictsReconcile, conflictWindowIds, type ConflictIdentity } from './reconcile.js';
import { ConflictWindows } from './conflict-windows.js';
import type { Conflict } from './types.js';

function conflict(start: number, end: number, windowIds: number[]): Conflict {
  return {
    start,
    end,
    fromBucket: 0,
    toBucket: 0,
    windows: ConflictWindows.of(windowIds.map((id) => ({ afnemer: '00000001003214345000', kenmerk: `K-${id}`, id, load: 1 }))),
    afnemers: ['00000001003214345000'],
    peakUtilization: 1.5,
    excessMessages: 10,
    peakBacklog: 10,
    drainedAt: end,
    delayMs: 0,
  };
}

describe('conflictWindowIds', () => {
  it('gives the window ids in the order of the conflict', () => {
    expect(conflictWindowIds(conflict(0, 10, [7, 3, 9]))).toEqual([7, 3, 9]);
  });
});

describe('conflictsMatch', () => {
  it('matches overlapping conflicts that share a window', () => {
    expect(conflictsMatch([{ start: 0, end: 10, windowIds: [1, 2] }], [{ start: 5, end: 20, windowIds: [2, 3] }])).toEqual([[0, 0]]);
  });

  it('does not match back-to-back conflicts, even with the same windows', () => {
    expect(conflictsMatch([{ start: 0, end: 10, windowIds: [1] }], [{ start: 10, end: 20, windowIds: [1] }])).toEqual([]);
  });

  it('does not match overlapping conflicts without a shared window', () => {
    expect(conflictsMatch([{ start: 0, end: 10, windowIds: [1] }], [{ start: 0, end: 10, windowIds: [2] }])).toEqual([]);
  });

  it('prefers the larger overlap, then more shared windows, then the lower index', () => {
    const before = [
      { start: 0, end: 10, windowIds: [1] },
      { start: 0, end: 30, windowIds: [1] },
    ];
    expect(conflictsMatch(before, [{ start: 5, end: 25, windowIds: [1] }])).toEqual([[1, 0]]);
    const sameSpan = [
      { start: 0, end: 10, windowIds: [1] },
      { start: 0, end: 10, windowIds: [1, 2] },
    ];
    expect(conflictsMatch(sameSpan, [{ start: 0, end: 10, windowIds: [1, 2] }])).toEqual([[1, 0]]);
    const tie = [
      { start: 0, end: 10, windowIds: [1] },
      { start: 0, end: 10, windowIds: [1] },
    ];
    expect(conflictsMatch(tie, [{ start: 0, end: 10, windowIds: [1] }])).toEqual([[0, 0]]);
  });

  it('uses each conflict at most once and only pairs that qualify', () => {
    const identity = fc
      .record({
        start: fc.integer({ min: 0, max: 100 }),
        length: fc.integer({ min: 1, max: 40 }),
        windowIds: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 4 }),
      })
      .map(({ start, length, windowIds }): ConflictIdentity => ({ start, end: start + length, windowIds }));
    fc.assert(
      fc.property(fc.array(identity, { maxLength: 12 }), fc.array(identity, { maxLength: 12 }), (before, after) => {
        const pairs = conflictsMatch(before, after);
        expect(new Set(pairs.map(([i]) => i)).size).toBe(pairs.length);
        expect(new Set(pairs.map(([, j]) => j)).size).toBe(pairs.length);
        for (const [i, j] of pairs) {
          const a = before[i]!;
          const b = after[j]!;
          expect(a.start < b.end && b.start < a.end).toBe(true);
          expect(a.windowIds.some((id) => b.windowIds.includes(id))).toBe(true);
        }
        // Maximal: no unmatched qualifying pair is left.
        const usedI = new Set(pairs.map(([i]) => i));
        const usedJ = new Set(pairs.map(([, j]) => j));
        before.forEach((a, i) =>
          after.forEach((b, j) => {
            const qualifies = a.start < b.end && b.start < a.end && a.windowIds.some((id) => b.windowIds.includes(id));
            if (qualifies) expect(usedI.has(i) || usedJ.has(j)).toBe(true);
          }),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('conflictsReconcile', () => {
  it('keeps the id of a conflict that moved a little but shares a window', () => {
    const now = conflict(15, 30, [1, 5]);
    expect(conflictsReconcile([{ id: 7, start: 0, end: 20, windowIds: [1, 2] }], [now])).toEqual({
      kept: [{ id: 7, conflict: now }],
      created: [],
      resolved: [],
    });
  });

  it('creates a new conflict and resolves the old one when no window is shared', () => {
    const now = conflict(0, 20, [3]);
    expect(conflictsReconcile([{ id: 7, start: 0, end: 20, windowIds: [1, 2] }], [now])).toEqual({
      kept: [],
      created: [now],
      resolved: [7],
    });
  });

  it('gives the id to the part with the larger overlap when a conflict splits', () => {
    const small = conflict(0, 5, [1]);
    const large = conflict(10, 30, [1]);
    const result = conflictsReconcile([{ id: 3, start: 0, end: 40, windowIds: [1] }], [small, large]);
    expect(result.kept).toEqual([{ id: 3, conflict: large }]);
    expect(result.created).toEqual([small]);
  });

  it('keeps one id when two conflicts merge and resolves the other, lowest id winning a tie', () => {
    const merged = conflict(0, 40, [1, 2]);
    const result = conflictsReconcile(
      [
        { id: 9, start: 20, end: 40, windowIds: [2] },
        { id: 4, start: 0, end: 20, windowIds: [1] },
      ],
      [merged],
    );
    expect(result.kept).toEqual([{ id: 4, conflict: merged }]);
    expect(result.resolved).toEqual([9]);
  });

  it('reports resolved ids in ascending order and nothing kept without current conflicts', () => {
    expect(
      conflictsReconcile(
        [
          { id: 5, start: 0, end: 1, windowIds: [1] },
          { id: 2, start: 5, end: 6, windowIds: [1] },
        ],
        [],
      ),
    ).toEqual({ kept: [], created: [], resolved: [2, 5] });
  });
});
