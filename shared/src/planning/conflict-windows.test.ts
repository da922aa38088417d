import { describe, expect, it } from 'vitest';
import { conflictObjects, ConflictWindows } from './conflict-windows.js';

const A = '00000001003214345000';
const B = '00000001234567890000';

describe('ConflictWindows', () => {
  it('reads entries through their source window and gives the object form in order, also as JSON', () => {
    const source = [
      { afnemer: A, kenmerk: 'K-1' },
      { afnemer: B, kenmerk: 'K-2' },
    ];
    const cw = new ConflictWindows(Float64Array.of(12, 11), Float64Array.of(300.5, 20), Int32Array.of(1, 0), source);
    const objects = [
      { afnemer: B, kenmerk: 'K-2', id: 12, load: 300.5 },
      { afnemer: A, kenmerk: 'K-1', id: 11, load: 20 },
    ];
    expect(cw.length).toBe(2);
    expect(cw.list()).toEqual(objects);
    expect(cw.list(1)).toEqual(objects.slice(0, 1));
    expect(cw.ids()).toEqual([12, 11]);
    expect([cw.afnemer(0), cw.kenmerk(1)]).toEqual([B, 'K-1']);
    expect(JSON.stringify({ windows: cw })).toBe(JSON.stringify({ windows: objects }));
  });

  it('round-trips a list of objects, empty included', () => {
    const list = [
      { afnemer: A, kenmerk: 'X', id: 3, load: 7 },
      { afnemer: B, kenmerk: 'Y', id: 1, load: 7 },
    ];
    expect(ConflictWindows.of(list).list()).toEqual(list);
    expect(ConflictWindows.of([]).list()).toEqual([]);
    const conflict = { start: 0, end: 1, fromBucket: 0, toBucket: 1, windows: ConflictWindows.of(list), afnemers: [A, B] };
    const full = { ...conflict, peakUtilization: null, excessMessages: 1, peakBacklog: 1, drainedAt: null, delayMs: null };
    expect(conflictObjects(full)).toEqual({ ...full, windows: list });
  });

  it('rejects columns of different lengths', () => {
    expect(() => new ConflictWindows(Float64Array.of(1), new Float64Array(0), Int32Array.of(0), [])).toThrow(RangeError);
  });
});
