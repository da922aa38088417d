import { describe, expect, it } from 'vitest';
import { conflictsDiff } from './diff.js';
import { ConflictWindows } from './conflict-windows.js';
import type { Conflict } from './types.js';

function conflict(start: number, end: number, windowIds: number[], excessMessages = 10, peakUtilization: number | null = 1.5): Conflict {
  return {
    start,
    end,
    fromBucket: 0,
    toBucket: 0,
    windows: ConflictWindows.of(windowIds.map((id) => ({ afnemer: '00000001003214345000', kenmerk: `K-${id}`, id, load: 1 }))),
    afnemers: ['00000001003214345000'],
    peakUtilization,
    excessMessages,
    peakBacklog: excessMessages,
    drainedAt: end,
    delayMs: 0,
  };
}

describe('conflictsDiff', () => {
  it('reports a conflict only after the change as created and one only before as solved', () => {
    const gone = conflict(0, 10, [1]);
    const fresh = conflict(100, 110, [2]);
    const diff = conflictsDiff([gone], [fresh]);
    expect(diff.created).toEqual([fresh]);
    expect(diff.solved).toEqual([gone]);
    expect([diff.worsened, diff.eased, diff.unchanged]).toEqual([[], [], []]);
  });

  it('reports more excess messages as worsened', () => {
    const before = conflict(0, 10, [1], 10);
    const after = conflict(0, 15, [1, 2], 25);
    expect(conflictsDiff([before], [after]).worsened).toEqual([{ before, after }]);
  });

  it('reports a higher peak as worsened even when the excess drops, and a peak without capacity as highest', () => {
    expect(conflictsDiff([conflict(0, 10, [1], 10, 1.2)], [conflict(0, 10, [1], 5, 1.4)]).worsened).toHaveLength(1);
    expect(conflictsDiff([conflict(0, 10, [1], 10, 3)], [conflict(0, 10, [1], 10, null)]).worsened).toHaveLength(1);
  });

  it('reports less excess with no worse peak as eased', () => {
    expect(conflictsDiff([conflict(0, 10, [1], 10)], [conflict(0, 10, [1], 4)]).eased).toHaveLength(1);
    expect(conflictsDiff([conflict(0, 10, [1], 10, null)], [conflict(0, 10, [1], 10, 2)]).eased).toHaveLength(1);
  });

  it('reports identical conflicts as unchanged, ignoring rounding noise', () => {
    const diff = conflictsDiff([conflict(0, 10, [1], 0.1 + 0.2)], [conflict(0, 10, [1], 0.3)]);
    expect(diff.unchanged).toHaveLength(1);
    expect(diff.created.length + diff.solved.length + diff.worsened.length + diff.eased.length).toBe(0);
  });

  it('treats back-to-back conflicts with the same windows as different conflicts', () => {
    const diff = conflictsDiff([conflict(0, 10, [1])], [conflict(10, 20, [1])]);
    expect([diff.created.length, diff.solved.length]).toEqual([1, 1]);
  });
});
