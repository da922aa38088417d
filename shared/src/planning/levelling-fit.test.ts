import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from './bucket.js';
import { levellingNearestFit, type LevellingFitState } from './levelling.js';
import { loadByBucketBrute } from './planning.brute.js';
import { loadExceeds } from './tolerance.js';
import type { PlanWindow } from './types.js';

const FROM = 2_000_000; // a bucket number (2027)
const N = 80;

/**
 * Brute force: every aligned start within the range, its bounds and the horizon, ordered by distance from the
 * original start (ties: the earlier), the first (not `avoid`, within `maxShiftMs`) where every bucket the window
 * touches, and the send hours, allow it; each bucket's share recomputed from the window itself.
 */
function nearestFitBrute(w: PlanWindow, original: PlanWindow, state: LevellingFitState, maxShiftMs: number, avoid: number | null) {
  const duration = w.end - w.start;
  const starts: number[] = [];
  for (let c = state.fromBucket; c < state.fromBucket + state.load.length; c++) {
    const start = c * BUCKET_MS;
    if (Math.abs(start - original.start) > state.horizonMs || start < state.now || c === avoid) continue;
    if (w.earliestStart != null && start < w.earliestStart) continue;
    if (w.latestEnd != null && start + duration > w.latestEnd) continue;
    if (Math.abs(start - original.start) > maxShiftMs) continue;
    if (Math.ceil((start + duration) / BUCKET_MS) > state.fromBucket + state.load.length - 1) continue;
    starts.push(c);
  }
  starts.sort((a, b) => Math.abs(a * BUCKET_MS - original.start) - Math.abs(b * BUCKET_MS - original.start) || a - b);
  for (const c of starts) {
    const n = Math.ceil(duration / BUCKET_MS);
    const own = loadByBucketBrute([{ ...w, start: c * BUCKET_MS, end: c * BUCKET_MS + duration }], c, c + n);
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const i = c - state.fromBucket + j;
      if (state.runEnd !== null && state.runEnd[c - state.fromBucket]! < c - state.fromBucket + n) ok = false;
      else if (loadExceeds(state.load[i]! + own[j]!, state.limit[i]!)) ok = false;
    }
    if (ok) return { start: c * BUCKET_MS, shiftMs: c * BUCKET_MS - original.start };
  }
  return null;
}

describe('levellingNearestFit', () => {
  it('finds the nearest start where the window fits, as a brute force over every start does (skipping ruled-out starts changes nothing)', () => {
    let found = 0;
    let skipped = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: N, maxLength: N }),
        fc.array(fc.integer({ min: 0, max: N }), { minLength: 0, maxLength: 3 }),
        fc.record({
          at: fc.integer({ min: 10, max: 60 }),
          offsetMs: fc.constantFrom(0, 0, 0, 300_000),
          quarters: fc.integer({ min: 1, max: 10 }),
          partialMs: fc.constantFrom(0, 0, 450_000),
          volume: fc.integer({ min: 1, max: 12 }).map((v) => v * 100),
          horizon: fc.integer({ min: 0, max: 30 }),
          maxShift: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
          avoidOwn: fc.boolean(),
          early: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
        }),
        (loads, closed, o) => {
          // Load in hundreds against a limit of 1,000 per bucket; some buckets closed by the send hours.
          const load = Float64Array.from(loads, (v) => v * 100);
          const limit = new Float64Array(N).fill(1000);
          const allowed = new Array<boolean>(N).fill(true);
          for (const c of closed) if (c < N) allowed[c] = false;
          const runEnd = new Int32Array(N);
          for (let i = N - 1; i >= 0; i--) runEnd[i] = allowed[i] ? (i + 1 < N ? runEnd[i + 1]! : N) : i;
          const start = (FROM + o.at) * BUCKET_MS + o.offsetMs;
          const w: PlanWindow = {
            id: 1,
            afnemer: 'A',
            kenmerk: 'K',
            start,
            end: start + o.quarters * BUCKET_MS + o.partialMs,
            volume: o.volume,
            status: 'concept',
            earliestStart: o.early === undefined ? null : start - o.early * BUCKET_MS,
          };
          const state: LevellingFitState = {
            fromBucket: FROM,
            load,
            limit,
            runEnd: closed.length > 0 ? runEnd : null,
            now: FROM * BUCKET_MS,
            horizonMs: o.horizon * BUCKET_MS,
          };
          const maxShiftMs = o.maxShift === undefined ? Infinity : o.maxShift * BUCKET_MS;
          const avoid = o.avoidOwn ? Math.floor(start / BUCKET_MS) : null;
          const fast = levellingNearestFit(w, w, state, maxShiftMs, avoid);
          expect(fast).toEqual(nearestFitBrute(w, w, state, maxShiftMs, avoid));
          if (fast !== null) found++;
          if (fast !== null && Math.abs(fast.shiftMs) > 3 * BUCKET_MS) skipped++;
        },
      ),
      { numRuns: 600 },
    );
    // Both outcomes, and fits found past several crowded starts.
    expect(found).toBeGreaterThan(50);
    expect(skipped).toBeGreaterThan(10);
  });
});
