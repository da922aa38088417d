import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afnemerCoder } from './afnemer-codes.js';
import { bucketAt } from './bucket.js';
import { capacityProfileUniform } from './capacity.js';
import {
  BUCKET_OK,
  BUCKET_OVERLOADED,
  BUCKET_WARNING,
  bucketStates,
  type ConflictsResult,
  conflictsDetect,
  conflictsDetectColumns,
  type DetectColumns,
  resultColumnsOf,
  windowsPackCoded,
  WINDOW_CONCEPT,
  WINDOW_DEFINITIEF,
  WINDOW_GEANNULEERD,
} from './conflicts.js';
import { ANCHORS, close, DAY, firstDifference, maintenanceArb, OINS, scenarioArb, scheduleArb } from './planning.arbitraries.js';
import { conflictsDetectBrute } from './planning.brute.js';
import { ConflictWindows, conflictObjects } from './conflict-windows.js';
import type { Conflict, ConflictObjects, PlanWindow } from './types.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const t0 = Date.UTC(2027, 0, 13, 9); // Wednesday 10:00 local
const b0 = bucketAt(t0);
const OIN_A = '00000001003214345000';
const OIN_B = '00000001234567890000';
const flat = capacityProfileUniform(4000); // 1000 messages per bucket

let nextId = 1;
function win(start: number, end: number, volume: number, extra: Partial<PlanWindow> = {}): PlanWindow {
  const id = nextId++;
  return { id, afnemer: OIN_A, kenmerk: `K-${id}`, start, end, volume, status: 'definitief', ...extra };
}

const statusCode = { concept: WINDOW_CONCEPT, definitief: WINDOW_DEFINITIEF, geannuleerd: WINDOW_GEANNULEERD } as const;
/** The windows as columns; the Afnemer list in the given order and with Afnemers that have no window. */
const columnsOf = (windows: readonly PlanWindow[], afnemers: readonly string[]): DetectColumns => ({
  id: Float64Array.from(windows, (w) => w.id),
  start: Float64Array.from(windows, (w) => w.start),
  end: Float64Array.from(windows, (w) => w.end),
  volume: Float64Array.from(windows, (w) => w.volume),
  status: Uint8Array.from(windows, (w) => statusCode[w.status]),
  afnemerCode: Int32Array.from(windows, (w) => afnemers.indexOf(w.afnemer)),
  afnemers,
  source: windows,
});

function detect(windows: PlanWindow[], extra: { threshold?: number; warningLevel?: number; from?: number; to?: number } = {}) {
  return conflictsDetect({
    windows,
    profile: flat,
    maintenance: [],
    fromBucket: extra.from ?? b0 - 8,
    toBucket: extra.to ?? b0 + 24,
    threshold: extra.threshold,
    warningLevel: extra.warningLevel,
  });
}

describe('bucketStates', () => {
  it('marks overloaded above capacity * threshold and warning above capacity * warningLevel', () => {
    const states = bucketStates([1001, 1000, 801, 800, 1, 0], [1000, 1000, 1000, 1000, 0, 0]);
    expect([...states]).toEqual([BUCKET_OVERLOADED, BUCKET_WARNING, BUCKET_WARNING, BUCKET_OK, BUCKET_OVERLOADED, BUCKET_OK]);
  });

  it('rejects a negative threshold', () => {
    expect(() => bucketStates([1], [1], { threshold: -1 })).toThrow(RangeError);
  });
});

describe('conflictsDetect', () => {
  it('finds no conflict for back-to-back windows that each fill capacity, only a warning run', () => {
    const result = detect([win(t0, t0 + HOUR, 4000), win(t0 + HOUR, t0 + 2 * HOUR, 4000)]);
    expect(result.conflicts).toEqual([]);
    expect(result.warnings).toEqual([{ start: t0, end: t0 + 2 * HOUR, fromBucket: b0, toBucket: b0 + 8, peakUtilization: 1 }]);
    expect(result.warningBuckets).toBe(8);
  });

  it('reports the run with its windows, Afnemers, peak, excess and backlog', () => {
    const a = win(t0, t0 + HOUR, 4000, { afnemer: OIN_B });
    const b = win(t0 + 30 * MIN, t0 + 90 * MIN, 2000);
    const { conflicts } = detect([a, b]);
    expect(conflicts.map(conflictObjects)).toEqual<ConflictObjects[]>([
      {
        start: t0 + 30 * MIN,
        end: t0 + HOUR,
        fromBucket: b0 + 2,
        toBucket: b0 + 4,
        windows: [
          { afnemer: OIN_B, kenmerk: a.kenmerk, id: a.id, load: 2000 },
          { afnemer: OIN_A, kenmerk: b.kenmerk, id: b.id, load: 1000 },
        ],
        afnemers: [OIN_A, OIN_B],
        peakUtilization: 1.5,
        excessMessages: 1000,
        peakBacklog: 1000,
        drainedAt: t0 + 90 * MIN,
        delayMs: 30 * MIN,
      },
    ]);
  });

  it('does not count load exactly at capacity * threshold as overload', () => {
    expect(detect([win(t0, t0 + 15 * MIN, 1000)]).conflicts).toHaveLength(0);
    expect(detect([win(t0, t0 + 15 * MIN, 1001)]).conflicts).toHaveLength(1);
    expect(detect([win(t0, t0 + 15 * MIN, 1200)], { threshold: 1.2 }).conflicts).toHaveLength(0);
    expect(detect([win(t0, t0 + 15 * MIN, 1201)], { threshold: 1.2 }).conflicts).toHaveLength(1);
  });

  it('warns above the warning level but not at it, and follows the warningLevel option', () => {
    expect(detect([win(t0, t0 + 15 * MIN, 800)]).warningBuckets).toBe(0);
    expect(detect([win(t0, t0 + 15 * MIN, 801)]).warningBuckets).toBe(1);
    expect(detect([win(t0, t0 + 15 * MIN, 600)], { warningLevel: 0.5 }).warnings).toEqual([
      { start: t0, end: t0 + 15 * MIN, fromBucket: b0, toBucket: b0 + 1, peakUtilization: 0.6 },
    ]);
  });

  it('cuts a run at the range end and reports it as not drained', () => {
    const [conflict] = detect([win(t0, t0 + 4 * HOUR, 20_000)], { to: b0 + 4 }).conflicts; // 1250 per bucket
    expect(conflict).toMatchObject({ start: t0, end: t0 + HOUR, drainedAt: null, delayMs: null, peakBacklog: 1000 });
    expect(conflict!.windows.load[0]).toBe(5000);
  });

  it('cuts a run at the range start and counts only the load inside the range', () => {
    const [heavy] = detect([win(t0 - HOUR, t0 + 30 * MIN, 7200)], { from: b0 }).conflicts; // 1200 per bucket
    expect(heavy).toMatchObject({ start: t0, end: t0 + 30 * MIN, fromBucket: b0, excessMessages: 400 });
    expect(heavy!.windows.load[0]).toBeCloseTo(2400, 9);
    expect(heavy!.peakBacklog).toBeCloseTo(400, 9);
  });

  it('overloads a zero-capacity bucket with any load and then gives no peak utilization', () => {
    const result = conflictsDetect({
      windows: [win(t0, t0 + 15 * MIN, 3)],
      profile: capacityProfileUniform(0),
      maintenance: [],
      fromBucket: b0,
      toBucket: b0 + 4,
    });
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({ peakUtilization: null, excessMessages: 3, peakBacklog: 3, drainedAt: null });
  });

  it('reports a drain at the run end as zero delay when the threshold is below 1', () => {
    const [conflict] = detect([win(t0, t0 + 15 * MIN, 600)], { threshold: 0.5 }).conflicts;
    expect(conflict).toMatchObject({ excessMessages: 0, peakBacklog: 0, drainedAt: t0 + 15 * MIN, delayMs: 0 });
  });

  it('lists a window spanning two runs in both, with its load inside each run', () => {
    const long = win(t0, t0 + 2 * HOUR, 4000); // 500 per bucket
    const first = win(t0, t0 + 30 * MIN, 1200);
    const second = win(t0 + 90 * MIN, t0 + 2 * HOUR, 1200);
    const { conflicts } = detect([long, first, second]);
    expect(conflicts.map((c) => [c.start, c.end])).toEqual([
      [t0, t0 + 30 * MIN],
      [t0 + 90 * MIN, t0 + 2 * HOUR],
    ]);
    expect(conflicts.map((c) => c.windows.list().map((w) => [w.id, w.load]))).toEqual([
      [
        [first.id, 1200],
        [long.id, 1000],
      ],
      [
        [second.id, 1200],
        [long.id, 1000],
      ],
    ]);
  });

  it('ignores cancelled windows', () => {
    const result = detect([win(t0, t0 + 15 * MIN, 900), win(t0, t0 + 15 * MIN, 900, { status: 'geannuleerd' })]);
    expect(result.conflicts).toEqual([]);
  });

  it('applies the lowest maintenance factor where maintenance overlaps', () => {
    const result = conflictsDetect({
      windows: [win(t0, t0 + 15 * MIN, 600)],
      profile: flat,
      maintenance: [
        { id: 1, start: t0 - HOUR, end: t0 + HOUR, factor: 0.9 },
        { id: 2, start: t0, end: t0 + 15 * MIN, factor: 0.5 },
      ],
      fromBucket: b0,
      toBucket: b0 + 4,
    });
    expect(result.conflicts[0]).toMatchObject({ peakUtilization: 1.2, excessMessages: 100 });
  });

  it('finds the overload in both real hours of the autumn double hour', () => {
    const profile = [...flat];
    profile[6 * 24 + 2] = 0; // Sunday 02:00-03:00 local
    const start = Date.UTC(2026, 9, 24, 23); // 01:00 CEST
    const result = conflictsDetect({
      windows: [win(start, start + 4 * HOUR, 1600)], // 100 per bucket
      profile,
      maintenance: [],
      fromBucket: bucketAt(start),
      toBucket: bucketAt(start) + 24,
    });
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({
      start: Date.UTC(2026, 9, 25, 0),
      end: Date.UTC(2026, 9, 25, 2),
      peakUtilization: null,
      excessMessages: 800,
      peakBacklog: 800,
      drainedAt: Date.UTC(2026, 9, 25, 2, 15),
      delayMs: 15 * MIN,
    });
  });

  it('never meets the missing spring hour', () => {
    const profile = [...flat];
    profile[6 * 24 + 2] = 0;
    const start = Date.UTC(2027, 2, 27, 23);
    const result = conflictsDetect({
      windows: [win(start, start + 4 * HOUR, 1600)],
      profile,
      maintenance: [],
      fromBucket: bucketAt(start),
      toBucket: bucketAt(start) + 24,
    });
    expect(result.conflicts).toEqual([]);
  });

  it('drains a run at a zero backlog inside the next run, before that run ends (threshold below 1)', () => {
    // Per bucket 1500, 600, 950, 920, 1200 against 1,000 at threshold 0.9: runs [b0] and [b2, b5). The backlog
    // 500, 100, 50, 0, 200, 0 is gone inside the second run, so the first drains there, not where the second does.
    const Q = 15 * MIN;
    const loads = [1500, 600, 950, 920, 1200];
    const windows = loads.map((load, k) => win(t0 + k * Q, t0 + (k + 1) * Q, load));
    const result = detect(windows, { threshold: 0.9 });
    expect(result.conflicts.map((c) => [c.fromBucket - b0, c.toBucket - b0, c.drainedAt, c.delayMs, c.peakBacklog])).toEqual([
      [0, 1, t0 + 4 * Q, 3 * Q, 500],
      [2, 5, t0 + 6 * Q, Q, 200],
    ]);
    const brute = conflictsDetectBrute({ windows, profile: flat, maintenance: [], fromBucket: b0 - 8, toBucket: b0 + 24, threshold: 0.9 });
    result.conflicts.forEach((c, k) => expectConflictClose(c, brute.conflicts[k]!));
  });

  it("gives a run that drains only after the next run that run's peak backlog when it is higher", () => {
    // Per bucket 1100, 950, 2000 against 1,000: runs [b0] and [b2]; the backlog 100, 50, 1050, 50, 0 never empties
    // between them, so both drain at b4 and both peak at 1,050.
    const Q = 15 * MIN;
    const windows = [1100, 950, 2000].map((load, k) => win(t0 + k * Q, t0 + (k + 1) * Q, load));
    const result = detect(windows);
    expect(result.conflicts.map((c) => [c.fromBucket - b0, c.drainedAt, c.peakBacklog])).toEqual([
      [0, t0 + 5 * Q, 1050],
      [2, t0 + 5 * Q, 1050],
    ]);
  });

  it('returns empty results for an empty range', () => {
    const result = detect([win(t0, t0 + HOUR, 99_999)], { from: b0, to: b0 });
    expect(result.conflicts).toEqual([]);
    expect(result.load).toHaveLength(0);
  });

  it('agrees with the brute-force definition on random windows, profiles, maintenance and DST weeks', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.constantFrom(1, 1, 0.9, 1.25), fc.constantFrom(0.8, 0.5), (s, threshold, warningLevel) => {
        const input = { ...s, threshold, warningLevel };
        const fast = conflictsDetect(input);
        const brute = conflictsDetectBrute(input);
        expect(firstDifference(fast.load, brute.load)).toBe(-1);
        expect(firstDifference(fast.capacity, brute.capacity)).toBe(-1);
        expect(firstDifference(fast.backlog, brute.backlog, 1e-7)).toBe(-1);
        expect(fast.warningBuckets).toBe(brute.warningBuckets);
        expect(fast.conflicts.length).toBe(brute.conflicts.length);
        fast.conflicts.forEach((c, k) => expectConflictClose(c, brute.conflicts[k]!));
      }),
      { numRuns: 120 },
    );
  });

  it("names each conflict's Afnemers in name order, whether few or many of all Afnemers are in it, in any order of conflicts", () => {
    // 48 Afnemers, listed against their name order; each slot of two buckets (an hour apart from the next) holds
    // windows of its own Afnemers, each window alone above capacity, so every slot is one conflict. Slots with one or
    // two Afnemers and slots with most of them alternate in random order.
    const pool = Array.from({ length: 48 }, (_, i) => `000000010${String((i * 7919) % 1000).padStart(11, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.subarray(pool, { minLength: 1 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (slots, asColumns) => {
        const windows: PlanWindow[] = [];
        slots.forEach((afnemers, slot) => {
          for (const [k, afnemer] of afnemers.entries()) {
            const start = t0 + slot * 2 * HOUR + (k % 2) * 15 * MIN;
            windows.push(win(start, start + 15 * MIN, 2000, { afnemer }));
          }
        });
        const input = { windows, profile: flat, maintenance: [], fromBucket: b0 - 4, toBucket: b0 + 8 * slots.length + 4 };
        const fast = asColumns ? conflictsDetectColumns({ ...input, columns: columnsOf(windows, pool) }) : conflictsDetect(input);
        const brute = conflictsDetectBrute(input);
        expect(fast.conflicts.map((c) => c.afnemers)).toEqual(brute.conflicts.map((c) => c.afnemers));
        expect(fast.conflicts.map((c) => c.afnemers)).toEqual(slots.map((afnemers) => [...afnemers].sort()));
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with the brute-force definition when several profiles follow each other', () => {
    fc.assert(
      fc.property(
        scenarioArb().chain((s) => scheduleArb(s.anchor, 2 * DAY).map((schedule) => ({ ...s, profile: schedule }))),
        fc.constantFrom(1, 0.9),
        (s, threshold) => {
          const input = { ...s, threshold };
          const fast = conflictsDetect(input);
          const brute = conflictsDetectBrute(input);
          expect(firstDifference(fast.capacity, brute.capacity)).toBe(-1);
          expect(firstDifference(fast.backlog, brute.backlog, 1e-7)).toBe(-1);
          expect(fast.warningBuckets).toBe(brute.warningBuckets);
          expect(fast.conflicts.length).toBe(brute.conflicts.length);
          fast.conflicts.forEach((c, k) => expectConflictClose(c, brute.conflicts[k]!));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('conflictsDetect with a schedule of profiles', () => {
  const switchAt = Date.UTC(2027, 0, 13, 23); // Thursday 14 January 00:00 local
  const schedule = [
    { from: -Infinity, profile: capacityProfileUniform(8000) },
    { from: switchAt, profile: capacityProfileUniform(4000), threshold: 1, warningLevel: 0.8 },
  ];
  const run = (windows: PlanWindow[]) =>
    conflictsDetect({ windows, profile: schedule, maintenance: [], fromBucket: bucketAt(switchAt) - 8, toBucket: bucketAt(switchAt) + 8 });

  it('finds a conflict only in the buckets under the later, lower profile', () => {
    // 1,500 per bucket over two hours across the switch: fine under 2,000, too much under 1,000.
    const result = run([win(switchAt - HOUR, switchAt + HOUR, 12_000)]);
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({ start: switchAt, end: switchAt + HOUR, excessMessages: 2000 });
  });

  it('uses the threshold of the period in force', () => {
    const lenient = [schedule[0]!, { ...schedule[1]!, threshold: 1.6, warningLevel: 1.2 }];
    const result = conflictsDetect({
      windows: [win(switchAt, switchAt + HOUR, 6000)],
      profile: lenient,
      maintenance: [],
      fromBucket: bucketAt(switchAt) - 4,
      toBucket: bucketAt(switchAt) + 8,
    });
    expect(result.conflicts).toEqual([]);
    expect(result.warningBuckets).toBe(4);
  });

  it('switches at local midnight across the spring DST night', () => {
    const sunday = Date.UTC(2027, 2, 27, 23); // Sunday 28 March 00:00 CET; 02:00 CET becomes 03:00 CEST
    const monday = Date.UTC(2027, 2, 28, 22); // Monday 29 March 00:00 CEST
    const periods = [
      { from: -Infinity, profile: capacityProfileUniform(8000) },
      { from: monday, profile: capacityProfileUniform(4000) },
    ];
    const result = conflictsDetect({
      windows: [win(sunday, monday + 2 * HOUR, 1500 * 4 * 25)], // 1,500 per bucket
      profile: periods,
      maintenance: [],
      fromBucket: bucketAt(sunday),
      toBucket: bucketAt(monday) + 16,
    });
    expect(result.conflicts.map((c) => [c.start, c.end])).toEqual([[monday, monday + 2 * HOUR]]);
  });
});

describe('conflictsDetect, windows and Afnemers per conflict (the typed-array kernel)', () => {
  // Windows on whole quarters whose volume is a whole number per quarter: every load is an exact integer in both
  // the fast kernel and the brute force, so the order (largest load first, ties by lower id) must match exactly.
  const exactScenarioArb = fc.constantFrom(...ANCHORS).chain((anchor) =>
    fc
      .record({
        windows: fc.array(
          fc.record({
            quarter: fc.integer({ min: -2 * 96, max: 2 * 96 }),
            quarters: fc.integer({ min: 1, max: 24 }),
            perQuarter: fc.constantFrom(100, 250, 400, 400, 1000),
            status: fc.constantFrom('concept', 'definitief', 'geannuleerd') as fc.Arbitrary<PlanWindow['status']>,
            afnemer: fc.constantFrom(...OINS),
          }),
          { maxLength: 60 },
        ),
        maintenance: maintenanceArb(anchor, 2 * DAY),
        schedule: scheduleArb(anchor, 2 * DAY),
        edge: fc.integer({ min: -8, max: 8 }),
      })
      .map(({ windows, maintenance, schedule, edge }) => ({
        windows: windows.map((w, i) => ({
          id: 1000 - i, // ids against input order, so a tie is decided by id, not by position
          afnemer: w.afnemer,
          kenmerk: `K-${i}`,
          start: anchor + w.quarter * 15 * MIN,
          end: anchor + (w.quarter + w.quarters) * 15 * MIN,
          volume: w.perQuarter * w.quarters,
          status: w.status,
        })),
        maintenance,
        profile: schedule,
        fromBucket: Math.floor((anchor - 2 * DAY) / (15 * MIN)) + edge,
        toBucket: Math.floor((anchor + 2 * DAY) / (15 * MIN)) - edge,
      })),
  );

  it('lists the windows of each conflict in the brute force order, with the same loads and Afnemers (DST, maintenance mid-bucket, several profiles)', () => {
    fc.assert(
      fc.property(exactScenarioArb, (input) => {
        const fast = conflictsDetect(input);
        const brute = conflictsDetectBrute(input);
        expect(fast.conflicts.length).toBe(brute.conflicts.length);
        fast.conflicts.forEach((c, k) => {
          const b = brute.conflicts[k]!;
          expect(c.windows.list().map((w) => [w.id, w.afnemer, w.kenmerk])).toEqual(b.windows.map((w) => [w.id, w.afnemer, w.kenmerk]));
          c.windows.list().forEach((w, i) => expect(close(w.load, b.windows[i]!.load)).toBe(true));
          expect(c.afnemers).toEqual(b.afnemers);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives columns whose object form is the brute force conflict, each entry pointing at its own input window', () => {
    fc.assert(
      fc.property(exactScenarioArb, (input) => {
        const fast = conflictsDetect(input).conflicts;
        const brute = conflictsDetectBrute(input).conflicts;
        expect(fast.length).toBe(brute.length);
        fast.forEach((c, k) => {
          const objects = conflictObjects(c);
          const b = brute[k]!;
          // Everything but the loads exactly; the loads within the planning tolerance (other summation order).
          const { windows: fastWindows, ...fastRest } = objects;
          const { windows: bruteWindows, ...bruteRest } = b;
          expect({ ...fastRest, excessMessages: 0, peakBacklog: 0, peakUtilization: 0 }).toEqual({
            ...bruteRest,
            excessMessages: 0,
            peakBacklog: 0,
            peakUtilization: 0,
          });
          expect(fastWindows.map(({ load, ...w }) => w)).toEqual(bruteWindows.map(({ load, ...w }) => w));
          fastWindows.forEach((w, j) => expect(close(w.load, bruteWindows[j]!.load)).toBe(true));
          // The columns agree with their object form, and each entry's source is the input window of that id.
          expect(JSON.parse(JSON.stringify(c.windows))).toEqual(fastWindows);
          for (let j = 0; j < c.windows.length; j++) {
            expect(input.windows[c.windows.index[j]!]!.id).toBe(c.windows.id[j]);
            expect(c.windows.load[j]).toBe(fastWindows[j]!.load);
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it("keeps one detection's conflict windows in one buffer that resultColumnsOf reads whole, the same on columns, transient or not", () => {
    const concat = (conflicts: readonly Conflict[], pick: (c: Conflict) => ArrayLike<number>) => conflicts.flatMap((c) => Array.from(pick(c)));
    let withConflicts = 0;
    fc.assert(
      fc.property(scenarioArb({ maxWindows: 60 }), (s) => {
        const { windows, ...rest } = s;
        const names = [...new Set([...OINS, ...windows.map((w) => w.afnemer)])];
        const onObjects = conflictsDetect(s).conflicts;
        const onColumns = conflictsDetectColumns({ ...rest, columns: columnsOf(windows, names) }).conflicts;
        for (const conflicts of [onObjects, onColumns]) {
          const whole = resultColumnsOf(conflicts);
          if (conflicts.length === 0) {
            expect(whole).toBeUndefined();
            continue;
          }
          withConflicts++;
          expect(whole).toBeDefined();
          expect(Array.from(whole!.id)).toEqual(concat(conflicts, (c) => c.windows.id));
          expect(Array.from(whole!.load)).toEqual(concat(conflicts, (c) => c.windows.load));
          expect(Array.from(whole!.index)).toEqual(concat(conflicts, (c) => c.windows.index));
          // Conflicts put together by hand (their own arrays, or only some of them) are not read as one buffer.
          expect(resultColumnsOf(conflicts.map((c) => ({ ...c, windows: ConflictWindows.of(c.windows.list()) })))).toBeUndefined();
          if (conflicts.length > 1) expect(resultColumnsOf(conflicts.slice(1))).toBeUndefined();
        }
        // Transient: the same conflicts, in arrays kept for the next detection, which resultColumnsOf does not take.
        const transient = conflictsDetectColumns({ ...rest, columns: columnsOf(windows, names), transient: true }).conflicts;
        expect(transient.map(conflictObjects)).toEqual(onColumns.map(conflictObjects));
        if (transient.length > 0) expect(resultColumnsOf(transient)).toBeUndefined();
      }),
      { numRuns: 150 },
    );
    expect(withConflicts).toBeGreaterThan(20);
  });

  it("names each conflict's Afnemers in name order when the Afnemer list changes between detections, also in place", () => {
    // The name order is kept from one detection to the next while the list is the same, name for name: the same list
    // object rewritten in another order, or a list of the same length with another name, must give the new order.
    const pool = Array.from({ length: 12 }, (_, i) => `000000010${String((i * 7919) % 1000).padStart(11, '0')}`);
    const spare = '00000001099999999999';
    const windows: PlanWindow[] = [];
    pool.forEach((_, slot) => {
      for (let k = 0; k <= slot % 3; k++) {
        const start = t0 + (slot % 4) * 2 * HOUR + k * 15 * MIN;
        windows.push(win(start, start + 15 * MIN, 2000, { afnemer: pool[(slot + k * 5) % pool.length]! }));
      }
    });
    const input = { windows, profile: flat, maintenance: [], fromBucket: b0 - 4, toBucket: b0 + 36 };
    const expected = conflictsDetectBrute(input).conflicts.map((c) => c.afnemers);
    const names: string[] = [];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.shuffledSubarray(pool, { minLength: pool.length }), fc.boolean()), { minLength: 2, maxLength: 6 }), (lists) => {
        for (const [order, withSpare] of lists) {
          // The same array object each time, rewritten; sometimes with a spare Afnemer that has no window at the end.
          names.splice(0, names.length, ...order);
          if (withSpare) names.push(spare);
          const fast = conflictsDetectColumns({ ...input, columns: columnsOf(windows, names) });
          expect(fast.conflicts.map((c) => c.afnemers)).toEqual(expected);
          const copy = conflictsDetectColumns({ ...input, columns: columnsOf(windows, [...names]) });
          expect(copy.conflicts.map((c) => c.afnemers)).toEqual(expected);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives on columns packed for the range (windowsPackCoded, read in place) what it gives on the window objects', () => {
    const plain = (r: ConflictsResult) => ({ ...r, conflicts: r.conflicts.map(conflictObjects), index: r.conflicts.map((c) => Array.from(c.windows.index)) });
    fc.assert(
      fc.property(scenarioArb({ maxWindows: 60 }), fc.boolean(), (s, transient) => {
        const { windows, ...rest } = s;
        const m = windows.length;
        const out = {
          index: new Int32Array(m),
          id: new Float64Array(m),
          start: new Float64Array(m),
          end: new Float64Array(m),
          volume: new Float64Array(m),
          code: new Int32Array(m),
          status: new Uint8Array(m),
        };
        const coder = afnemerCoder();
        const count = windowsPackCoded(windows, s.fromBucket, s.toBucket, out, coder);
        const columns: DetectColumns = {
          id: out.id.subarray(0, count),
          start: out.start.subarray(0, count),
          end: out.end.subarray(0, count),
          volume: out.volume.subarray(0, count),
          status: out.status.subarray(0, count),
          afnemerCode: out.code.subarray(0, count),
          afnemers: coder.afnemers,
          source: windows,
        };
        const before = Array.from(out.id);
        const inPlace = plain(conflictsDetectColumns({ ...rest, columns, packedIndex: out.index.subarray(0, count), transient }));
        expect(inPlace).toEqual(plain(conflictsDetect(s)));
        // Read in place, never written: a detection packing after it leaves the caller's columns as they were.
        conflictsDetect(s);
        expect(Array.from(out.id)).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('gives on columns exactly what it gives on the window objects (series, conflicts, entries, Afnemers)', () => {
    const plain = (r: ConflictsResult) => ({ ...r, conflicts: r.conflicts.map(conflictObjects), index: r.conflicts.map((c) => Array.from(c.windows.index)) });
    fc.assert(
      fc.property(scenarioArb({ maxWindows: 60 }), fc.boolean(), (s, reversed) => {
        const names = [...new Set([...OINS, ...s.windows.map((w) => w.afnemer), '00000009999999999000'])];
        const afnemers = reversed ? names.reverse() : names;
        const objects = plain(conflictsDetect(s));
        const { windows, ...rest } = s;
        const columns = plain(conflictsDetectColumns({ ...rest, columns: columnsOf(windows, afnemers) }));
        expect(columns).toEqual(objects);
      }),
      { numRuns: 200 },
    );
    // One case that certainly holds conflicts of several Afnemers, listed in the columns against their sort order.
    const windows = [
      win(t0, t0 + HOUR, 6000, { afnemer: OIN_B }),
      win(t0, t0 + HOUR, 1000),
      win(t0 + 2 * HOUR, t0 + 3 * HOUR, 5000, { status: 'geannuleerd' }),
    ];
    const input = { windows, profile: flat, maintenance: [], fromBucket: b0 - 4, toBucket: b0 + 20 };
    const viaColumns = conflictsDetectColumns({ ...input, columns: columnsOf(windows, [OIN_B, OIN_A]) });
    expect(viaColumns.conflicts).toHaveLength(1);
    expect(viaColumns.conflicts[0]!.afnemers).toEqual([OIN_A, OIN_B].sort());
    expect(plain(viaColumns)).toEqual(plain(conflictsDetect(input)));
  });

  it('orders any conflict largest load first, ties by lower id, with every Afnemer once and sorted', () => {
    fc.assert(
      fc.property(scenarioArb({ maxWindows: 60 }), (s) => {
        for (const c of conflictsDetect(s).conflicts) {
          for (let i = 1; i < c.windows.length; i++) {
            const [x, y] = [c.windows.at(i - 1), c.windows.at(i)];
            expect(x.load > y.load || (x.load === y.load && x.id < y.id)).toBe(true);
          }
          expect(c.afnemers).toEqual([...new Set(c.windows.list().map((w) => w.afnemer))].sort());
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reports a window that spans two conflicts in both, with its load in each', () => {
    // 1,500 per bucket for three hours against 1,000 per bucket, except 2,000 in the middle hour: two runs, one window.
    const profile = capacityProfileUniform(4000).map((r, h) => (h === 2 * 24 + 11 ? 8000 : r));
    const start = Date.UTC(2027, 0, 13, 9); // Wednesday 10:00 local, hour of week 2 * 24 + 10
    const long = win(start, start + 3 * HOUR, 18_000); // 1,500 per bucket
    const result = conflictsDetect({ windows: [long], profile, maintenance: [], fromBucket: bucketAt(start) - 4, toBucket: bucketAt(start) + 16 });
    expect(result.conflicts.map((c) => [c.start, c.end])).toEqual([
      [start, start + HOUR],
      [start + 2 * HOUR, start + 3 * HOUR],
    ]);
    for (const c of result.conflicts) expect(c.windows.list()).toEqual([{ afnemer: long.afnemer, kenmerk: long.kenmerk, id: long.id, load: 6000 }]);
  });
});

function expectConflictClose(fastColumns: Conflict, brute: ConflictObjects): void {
  const fast = conflictObjects(fastColumns);
  expect([fast.start, fast.end, fast.fromBucket, fast.toBucket]).toEqual([brute.start, brute.end, brute.fromBucket, brute.toBucket]);
  expect(fast.afnemers).toEqual(brute.afnemers);
  expect(fast.drainedAt).toBe(brute.drainedAt);
  expect(fast.delayMs).toBe(brute.delayMs);
  expect(fast.windows.map((w) => w.id).sort((a, b) => a - b)).toEqual(brute.windows.map((w) => w.id).sort((a, b) => a - b));
  const bruteLoad = new Map(brute.windows.map((w) => [w.id, w.load]));
  for (const w of fast.windows) expect(close(w.load, bruteLoad.get(w.id)!), `load of window ${w.id}`).toBe(true);
  if (brute.peakUtilization === null) expect(fast.peakUtilization).toBeNull();
  else expect(close(fast.peakUtilization!, brute.peakUtilization)).toBe(true);
  expect(close(fast.excessMessages, brute.excessMessages, 1e-7)).toBe(true);
  expect(close(fast.peakBacklog, brute.peakBacklog, 1e-7)).toBe(true);
}
