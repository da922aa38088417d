/**
 * The planning cache keeps each version's windows as columns beside the list (decision 012, fifth pass): these tests
 * hold the columns to the list over random sequences of changes, and detection on them to conflictsDetect on the list.
 */
import { conflictObjects, conflictsDetect, type PlanWindow } from '@cd/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflictsDetectOffThread } from '../server/src/services/cpu-pool.js';
import { cpuTaskRun, type DetectPacked, detectUnpack } from '../server/src/services/cpu-tasks.js';
import { planningCache, type PlanningInputs, WINDOWS_NONE, type WindowsVersion, windowsVersionPatched } from '@cd/server/planning-cache';

const Q = 900_000;
const t0 = Date.UTC(2027, 2, 28, 0);
const OINS = ['00000001003214345000', '00000001234567890000', '00000009999999999123', '00000004444444444000'];

type Op =
  | { kind: 'add'; n: number; afnemer: number; slot: number; quarters: number; volume: number; definitief: boolean }
  | { kind: 'change'; pick: number; afnemer: number; slot: number; quarters: number; volume: number; definitief: boolean }
  | { kind: 'cancel'; pick: number }
  | { kind: 'cancelUnknown' }
  | { kind: 'reload' };

const fields = {
  afnemer: fc.integer({ min: 0, max: OINS.length - 1 }),
  slot: fc.integer({ min: 0, max: 60 }),
  quarters: fc.integer({ min: 1, max: 24 }),
  volume: fc.integer({ min: 1, max: 60_000 }),
  definitief: fc.boolean(),
};
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), n: fc.integer({ min: 1, max: 6 }), ...fields }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), ...fields }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelUnknown' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reload' as const) }) },
);

function windowOf(id: number, o: { afnemer: number; slot: number; quarters: number; volume: number; definitief: boolean }): PlanWindow {
  const start = t0 + o.slot * Q + (id % 7) * 60_000;
  return {
    id,
    afnemer: OINS[o.afnemer]!,
    kenmerk: `K-${id}`,
    start,
    end: start + o.quarters * Q,
    volume: o.volume,
    status: o.definitief ? 'definitief' : 'concept',
  };
}

/** The columns as plain values, to hold a version's against later versions. */
function columnsSnapshot(v: WindowsVersion) {
  const c = v.columns;
  return {
    id: Array.from(c.id),
    start: Array.from(c.start),
    end: Array.from(c.end),
    volume: Array.from(c.volume),
    status: Array.from(c.status),
    afnemerCode: Array.from(c.afnemerCode),
    afnemers: [...c.afnemers],
  };
}

/** Entry k of each column is windows[k], in shared memory. */
function expectColumnsOfList(v: WindowsVersion) {
  const c = v.columns;
  expect(c.id.buffer).toBeInstanceOf(SharedArrayBuffer);
  expect(Array.from(c.id)).toEqual(v.windows.map((w) => w.id));
  expect(Array.from(c.start)).toEqual(v.windows.map((w) => w.start));
  expect(Array.from(c.end)).toEqual(v.windows.map((w) => w.end));
  expect(Array.from(c.volume)).toEqual(v.windows.map((w) => w.volume));
  expect(Array.from(c.status)).toEqual(v.windows.map((w) => (w.status === 'definitief' ? 1 : 0)));
  expect(Array.from(c.afnemerCode, (code) => c.afnemers[code])).toEqual(v.windows.map((w) => w.afnemer));
  expect(new Set(c.afnemers).size).toBe(c.afnemers.length);
}

/** Detection as the product runs it on the cache's columns (the worker cuts the range), unpacked into the list. */
function detectThroughColumns(v: WindowsVersion, fromBucket: number, toBucket: number) {
  const input = { profile: new Array<number>(168).fill(40_000), maintenance: [], fromBucket, toBucket };
  const viaColumns = detectUnpack(cpuTaskRun({ task: 'detect', input, windows: v.columns }) as DetectPacked, v.windows);
  const direct = conflictsDetect({ ...input, windows: v.windows });
  return { via: viaColumns.conflicts.map(conflictObjects), direct: direct.conflicts.map(conflictObjects) };
}

describe('windowsVersionPatched', () => {
  it('keeps columns equal to the list, codes stable and older versions untouched, and detection on them equal to conflictsDetect', () => {
    let conflicts = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), fc.integer({ min: -8, max: 40 }), fc.integer({ min: 8, max: 90 }), (ops, from, length) => {
        // What the database holds (the truth), and the versions as the cache makes them.
        const stored = new Map<number, PlanWindow>();
        let nextId = 1;
        let version: WindowsVersion = WINDOWS_NONE;
        let positions = new Map<number, number>();
        const history: { v: WindowsVersion; snapshot: ReturnType<typeof columnsSnapshot> }[] = [];
        for (const o of ops) {
          const ids = [...stored.keys()];
          let changed: PlanWindow[] = [];
          if (o.kind === 'add') {
            for (let i = 0; i < o.n; i++) changed.push(windowOf(nextId++, { ...o, slot: (o.slot + 5 * i) % 60 }));
          } else if (o.kind === 'change' && ids.length > 0) {
            changed = [windowOf(ids[o.pick % ids.length]!, o)];
          } else if (o.kind === 'cancel' && ids.length > 0) {
            changed = [{ ...stored.get(ids[o.pick % ids.length]!)!, status: 'geannuleerd' }];
          } else if (o.kind === 'cancelUnknown') {
            changed = [{ ...windowOf(nextId++, fields as never), status: 'geannuleerd', afnemer: OINS[0]!, start: t0, end: t0 + Q, volume: 1 }];
          }
          for (const w of changed) {
            if (w.status === 'geannuleerd') stored.delete(w.id);
            else stored.set(w.id, w);
          }
          const before = version;
          if (o.kind === 'reload') {
            positions = new Map();
            version = windowsVersionPatched(WINDOWS_NONE, [...stored.values()], positions);
          } else {
            version = windowsVersionPatched(before, changed, positions);
            // Afnemer codes hold across an incremental version: the older list of Afnemers is the start of the newer.
            expect(version.columns.afnemers.slice(0, before.columns.afnemers.length)).toEqual(before.columns.afnemers);
          }
          expect([...version.windows].sort((a, b) => a.id - b.id)).toEqual([...stored.values()].sort((a, b) => a.id - b.id));
          expect([...positions].sort((a, b) => a[0] - b[0])).toEqual(version.windows.map((w, k) => [w.id, k] as const).sort((a, b) => a[0] - b[0]));
          expectColumnsOfList(version);
          history.push({ v: version, snapshot: columnsSnapshot(version) });
          const { via, direct } = detectThroughColumns(version, t0 / Q + from, t0 / Q + from + length);
          expect(via).toEqual(direct);
          conflicts += direct.length;
        }
        // No version's columns were written by a later patch.
        for (const h of history) expect(columnsSnapshot(h.v)).toEqual(h.snapshot);
      }),
      { numRuns: 150 },
    );
    expect(conflicts).toBeGreaterThan(50);
  });
});

describe('planningCache patched', () => {
  it("patches a version for one transaction as the cache would, without moving the cache's own", () => {
    const windows = Array.from({ length: 30 }, (_, i) =>
      windowOf(i + 1, { afnemer: i % 3, slot: i * 2, quarters: 8, volume: 30_000, definitief: i % 2 === 0 }),
    );
    const base: PlanningInputs = {
      ...windowsVersionPatched(WINDOWS_NONE, windows, new Map()),
      version: '7',
      byId: new Map(),
      maintenance: [],
      profile: {} as PlanningInputs['profile'],
      schedule: [] as unknown as PlanningInputs['schedule'],
    };
    const snapshot = columnsSnapshot(base);
    const changed: PlanWindow[] = [
      { ...windows[3]!, status: 'geannuleerd' },
      { ...windows[10]!, volume: 1, afnemer: OINS[3]! },
      windowOf(99, { afnemer: 3, slot: 4, quarters: 4, volume: 50_000, definitief: true }),
      { ...windows[29]!, status: 'geannuleerd' },
    ];
    const own = planningCache().patched(base, changed);
    const expected = windowsVersionPatched(base, changed, new Map(windows.map((w, k) => [w.id, k])));
    expect(own.windows).toEqual(expected.windows);
    expect(columnsSnapshot(own)).toEqual(columnsSnapshot(expected));
    expectColumnsOfList(own);
    expect(columnsSnapshot(base)).toEqual(snapshot);
    expect(base.windows).toEqual(windows);
  });
});

describe('conflictsDetectOffThread on ready columns', () => {
  it("finds in the worker, from the cache's shared columns, what conflictsDetect finds on the list, and leaves them as they were", async () => {
    let version = windowsVersionPatched(
      WINDOWS_NONE,
      Array.from({ length: 400 }, (_, i) =>
        windowOf(i + 1, { afnemer: i % 4, slot: (i * 7) % 60, quarters: 1 + (i % 12), volume: 2_000 + ((i * 7919) % 20_000), definitief: i % 3 === 0 }),
      ),
      new Map(),
    );
    version = windowsVersionPatched(
      version,
      [{ ...version.windows[5]!, status: 'geannuleerd' }, windowOf(1000, { afnemer: 2, slot: 20, quarters: 6, volume: 90_000, definitief: true })],
      new Map(version.windows.map((w, k) => [w.id, k])),
    );
    const snapshot = columnsSnapshot(version);
    let conflicts = 0;
    for (const [from, to] of [
      [-4, 100],
      [10, 30],
      [25, 26],
      [70, 90],
    ] as const) {
      const input = { profile: new Array<number>(168).fill(40_000), maintenance: [], fromBucket: t0 / Q + from, toBucket: t0 / Q + to };
      const offThread = await conflictsDetectOffThread({ ...input, windows: version.windows }, version.columns);
      expect(offThread.conflicts.map(conflictObjects)).toEqual(conflictsDetect({ ...input, windows: version.windows }).conflicts.map(conflictObjects));
      conflicts += offThread.conflicts.length;
    }
    expect(conflicts).toBeGreaterThanOrEqual(3);
    expect(columnsSnapshot(version)).toEqual(snapshot);
    // Columns that are not the list's are refused.
    const input = { profile: new Array<number>(168).fill(40_000), maintenance: [], fromBucket: t0 / Q, toBucket: t0 / Q + 10 };
    await expect(conflictsDetectOffThread({ ...input, windows: version.windows.slice(1) }, version.columns)).rejects.toThrow(RangeError);
  });
});
