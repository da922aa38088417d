import { describe, expect, it } from 'vitest';
import { ConflictWindows, conflictObjects, conflictsDetect, type PlanWindow } from '@cd/shared';
import {
  cpuTaskRun,
  detectPack,
  detectSummary,
  detectTransfer,
  detectUnpack,
  windowColumnsOf,
  windowColumnsPacked,
  KENMERK_SEPARATOR,
  type DetectPacked,
  type WindowColumns,
} from './cpu-tasks.js';

const t0 = Date.UTC(2027, 2, 28, 0); // the spring DST Sunday
const STATUSES = ['concept', 'definitief', 'geannuleerd'] as const;

/** Random windows around t0 from a seeded generator (mulberry32), every status, ids not in input order. */
function windowsRandom(seed: number, count: number): PlanWindow[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Array.from({ length: count }, (_, i) => {
    const start = t0 + Math.floor(random() * 96) * 900_000 + Math.floor(random() * 900_000);
    return {
      id: 5000 - i * 7,
      afnemer: random() < 0.5 ? '00000001003214345000' : '00000001234567890000',
      kenmerk: `K-${i}`,
      start,
      end: start + (1 + Math.floor(random() * 600)) * 60_000,
      volume: 1 + Math.floor(random() * 50_000),
      status: STATUSES[Math.floor(random() * 3)]!,
    };
  });
}

/** The windows read back from their columns, entry by entry (the worker reads them where it needs them). */
function windowsOfColumns(c: WindowColumns): PlanWindow[] {
  const kenmerken = c.id.length === 0 ? [] : c.kenmerken!.split(KENMERK_SEPARATOR);
  return Array.from(c.id, (id, k) => ({
    id,
    afnemer: c.afnemers[c.afnemerCode[k]!]!,
    kenmerk: kenmerken[k]!,
    start: c.start[k]!,
    end: c.end[k]!,
    volume: c.volume[k]!,
    status: STATUSES[c.status[k]!]!,
  }));
}

describe('windowColumnsOf', () => {
  it('carries every window, cancelled ones with their status, to the worker and back unchanged, in order', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const windows = windowsRandom(seed, seed);
      expect(windowsOfColumns(windowColumnsOf(windows, true))).toEqual(windows);
      const lean = windowColumnsOf(windows);
      expect(lean.kenmerken).toBeUndefined();
      expect(windowsOfColumns({ ...lean, kenmerken: windows.map((w) => w.kenmerk).join(KENMERK_SEPARATOR) })).toEqual(windows);
    }
  });

  it('codes many Afnemers, as new string objects with the same text too, each to its own OIN', () => {
    // 1,500 OINs (more than the coder's table has slots), each met several times as a fresh string in random order.
    const oins = Array.from({ length: 1500 }, (_, i) => String(1_000_000_000 + i * 7919).padStart(20, '0'));
    const windows = windowsRandom(7, 6000).map((w, i) => ({
      ...w,
      afnemer: `${oins[(i * 7919) % oins.length]!.slice(0, 10)}${oins[(i * 7919) % oins.length]!.slice(10)}`,
    }));
    const c = windowColumnsOf(windows);
    expect(new Set(c.afnemers).size).toBe(c.afnemers.length);
    expect(c.afnemers.length).toBe(new Set(windows.map((w) => w.afnemer)).size);
    expect(Array.from(c.afnemerCode, (code) => c.afnemers[code])).toEqual(windows.map((w) => w.afnemer));
  });
});

describe('cpuTaskRun detect', () => {
  it('finds from the columns the same conflicts as conflictsDetect on the window objects', () => {
    let conflicts = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const windows = windowsRandom(seed, 2 * seed);
      const input = { profile: new Array<number>(168).fill(40_000), maintenance: [], fromBucket: t0 / 900_000 - 4, toBucket: t0 / 900_000 + 140 };
      // As the worker answers (conflict windows as indices into the columns), unpacked as the main thread does.
      const viaColumns = detectUnpack(cpuTaskRun({ task: 'detect', input, windows: windowColumnsOf(windows) }) as DetectPacked, windows);
      const direct = detectSummary({ ...input, windows });
      expect({ ...viaColumns, conflicts: viaColumns.conflicts.map(conflictObjects) }).toEqual({ ...direct, conflicts: direct.conflicts.map(conflictObjects) });
      expect(viaColumns.conflicts.map(conflictObjects)).toEqual(conflictsDetect({ ...input, windows }).conflicts.map(conflictObjects));
      conflicts += viaColumns.conflicts.length;
    }
    expect(conflicts).toBeGreaterThan(10);
  });

  it('finds from windows packed for the range (read in place by the worker) the same conflicts, indices into the windows', () => {
    let conflicts = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const windows = windowsRandom(seed, 2 * seed);
      // A range that cuts some windows off at both ends, so that packing leaves windows out besides the cancelled ones.
      const input = { profile: new Array<number>(168).fill(40_000), maintenance: [], fromBucket: t0 / 900_000 + 10, toBucket: t0 / 900_000 + 80 };
      const packed = windowColumnsPacked(windows, input.fromBucket, input.toBucket);
      expect(Array.from(packed.index!)).toEqual(
        windows.flatMap((w, k) => (w.status !== 'geannuleerd' && w.start < input.toBucket * 900_000 && w.end > input.fromBucket * 900_000 ? [k] : [])),
      );
      expect(Array.from(packed.id)).toEqual(Array.from(packed.index!, (k) => windows[k]!.id));
      expect(Array.from(packed.status)).toEqual(Array.from(packed.index!, (k) => STATUSES.indexOf(windows[k]!.status)));
      expect(Array.from(packed.afnemerCode, (c) => packed.afnemers[c])).toEqual(Array.from(packed.index!, (k) => windows[k]!.afnemer));
      const viaPacked = detectUnpack(cpuTaskRun({ task: 'detect', input, windows: packed }) as DetectPacked, windows);
      const direct = detectSummary({ ...input, windows });
      expect({ ...viaPacked, conflicts: viaPacked.conflicts.map(conflictObjects) }).toEqual({ ...direct, conflicts: direct.conflicts.map(conflictObjects) });
      expect(viaPacked.conflicts.map((c) => Array.from(c.windows.index))).toEqual(direct.conflicts.map((c) => Array.from(c.windows.index)));
      conflicts += viaPacked.conflicts.length;
    }
    expect(conflicts).toBeGreaterThan(10);
  });

  it('refuses packed columns with a window that does not count in the range', () => {
    const windows = windowsRandom(3, 40).map((w) => ({ ...w, status: 'definitief' as const }));
    const input = { profile: new Array<number>(168).fill(40_000), maintenance: [], fromBucket: t0 / 900_000 - 4, toBucket: t0 / 900_000 + 140 };
    const packed = windowColumnsPacked(windows, input.fromBucket, input.toBucket);
    expect(() => cpuTaskRun({ task: 'detect', input, windows: { ...packed, status: packed.status.map(() => 2) } })).toThrow(RangeError);
    expect(() => cpuTaskRun({ task: 'detect', input: { ...input, fromBucket: input.toBucket - 1 }, windows: packed })).toThrow(RangeError);
    expect(() => cpuTaskRun({ task: 'detect', input, windows: { ...packed, volume: packed.volume.map(() => 0) } })).toThrow(RangeError);
  });

  it("packs detection's own result without a copy and the same as conflicts put together by hand, which it copies", () => {
    let packedSome = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const windows = windowsRandom(seed, 3 * seed);
      const input = { profile: new Array<number>(168).fill(40_000), maintenance: [], fromBucket: t0 / 900_000 - 4, toBucket: t0 / 900_000 + 140 };
      const summary = detectSummary({ ...input, windows });
      const own = detectPack(summary);
      const byHand = detectPack({ ...summary, conflicts: summary.conflicts.map((c) => ({ ...c, windows: ConflictWindows.of(c.windows.list()) })) });
      // By hand the windows are their own source, index j; otherwise the same columns.
      expect({ ...own, windowAt: [] }).toEqual({ ...byHand, windowAt: [] });
      if (summary.conflicts.length === 0) continue;
      packedSome++;
      expect(own.windowId.buffer).toBe(summary.conflicts[0]!.windows.id.buffer);
      expect(byHand.windowId.buffer).not.toBe(summary.conflicts[0]!.windows.id.buffer);
      expect(Array.from(own.windowAt)).toEqual(summary.conflicts.flatMap((c) => Array.from(c.windows.index)));
    }
    expect(packedSome).toBeGreaterThan(10);
  });
});

describe('detectTransfer', () => {
  /** `value` posted through a port as the worker posts its answer, with `transfer`, and read on the other side. */
  async function posted<T>(value: T, transfer: ArrayBuffer[]): Promise<T> {
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<T>((resolve) => port2.once('message', resolve));
    port1.postMessage(value, transfer);
    try {
      return await received;
    } finally {
      port1.close();
      port2.close();
    }
  }

  it("hands a detection's answer over without a copy, the same answer on the other side", async () => {
    let handedOver = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const windows = windowsRandom(seed, 3 * seed);
      const input = { profile: new Array<number>(168).fill(40_000), maintenance: [], fromBucket: t0 / 900_000 - 4, toBucket: t0 / 900_000 + 140 };
      const packed = cpuTaskRun({ task: 'detect', input, windows: windowColumnsOf(windows) }) as DetectPacked;
      const expected = structuredClone(packed);
      const transfer = detectTransfer(packed);
      // Each buffer once (detection's own result: one buffer for its three columns, one for the counts).
      expect(new Set(transfer).size).toBe(transfer.length);
      expect(transfer.length).toBe(packed.conflicts.length === 0 ? 4 : 2);
      const answer = await posted(packed, transfer);
      expect(answer).toEqual(expected);
      // The Afnemers travel as codes into the columns' own list, not as one text per conflict.
      expect(answer.conflicts.every((c) => !('afnemers' in c))).toBe(true);
      expect(answer.afnemerNames).toEqual(windowColumnsOf(windows).afnemers);
      expect(detectUnpack(answer, windows).conflicts.map(conflictObjects)).toEqual(conflictsDetect({ ...input, windows }).conflicts.map(conflictObjects));
      // Handed over: the sender's columns are detached, nothing was copied.
      expect(packed.windowAt.length + packed.windowId.length + packed.windowLoad.length + packed.windowCount.length).toBe(0);
      if (packed.conflicts.length > 0) handedOver++;
    }
    expect(handedOver).toBeGreaterThan(10);
  });

  it('hands over the buffers of conflicts put together by hand (four columns apart) and leaves shared ones out', () => {
    const windows = windowsRandom(5, 60);
    const input = { profile: new Array<number>(168).fill(40_000), maintenance: [], fromBucket: t0 / 900_000 - 4, toBucket: t0 / 900_000 + 140 };
    const summary = detectSummary({ ...input, windows });
    expect(summary.conflicts.length).toBeGreaterThan(0);
    const byHand = detectPack({ ...summary, conflicts: summary.conflicts.map((c) => ({ ...c, windows: ConflictWindows.of(c.windows.list()) })) });
    expect(detectTransfer(byHand)).toHaveLength(4);
    // Afnemers not in the list given are added to the copy sent, and come back as they were.
    expect(detectUnpack(byHand, windows).conflicts.map((c) => c.afnemers)).toEqual(summary.conflicts.map((c) => c.afnemers));
    const some = ['00000001234567890000'];
    const withList = detectPack(summary, some);
    expect(withList.afnemerNames.slice(0, 1)).toEqual(some);
    expect(some).toEqual(['00000001234567890000']);
    expect(detectUnpack(withList, windows).conflicts.map((c) => c.afnemers)).toEqual(summary.conflicts.map((c) => c.afnemers));
    const shared = new Int32Array(new SharedArrayBuffer(byHand.windowAt.byteLength));
    expect(detectTransfer({ ...byHand, windowAt: shared })).toHaveLength(3);
  });
});
