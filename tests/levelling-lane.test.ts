import { describe, expect, it } from 'vitest';
import { capacityProfileUniform, levellingPropose, type PlanWindow } from '@cd/shared';
import { conflictsDetectOffThread, levellingLaneHeld, levellingProposeOffThread } from '../server/src/services/cpu-pool.js';
import { levellingInputRandom } from '../server/src/services/levelling-search.fixture.js';

// Real worker threads (from the sources, under tsx): the levelling lane and the pool beside it.
describe('the levelling lane', () => {
  it('gives the proposal levellingPropose gives, while an upload’s detection in the pool does not wait for it', async () => {
    const input = { ...levellingInputRandom(11, 2000, 20), maxMovedOverBound: 1.3 };
    const t = Date.UTC(2027, 2, 28, 9);
    const detectInput = {
      windows: [{ id: 1, afnemer: '00000001003214345000', kenmerk: 'D', start: t, end: t + 3_600_000, volume: 5000, status: 'concept' } satisfies PlanWindow],
      profile: capacityProfileUniform(4000),
      maintenance: [],
      fromBucket: t / 900_000 - 8,
      toBucket: t / 900_000 + 16,
    };
    // Both lanes warm (their workers started and compiled) before anything is timed.
    await Promise.all([levellingProposeOffThread(levellingInputRandom(12, 100)), conflictsDetectOffThread(detectInput)]);

    const startedAt = performance.now();
    let levelledAt = 0;
    const levelling = levellingProposeOffThread(input).then((r) => {
      levelledAt = performance.now();
      return r;
    });
    // A detection asked for while the levelling runs: it is served by the pool, not queued behind the lane.
    await new Promise((r) => setTimeout(r, 20));
    const detectFrom = performance.now();
    const detected = await conflictsDetectOffThread(detectInput);
    const detectMs = performance.now() - detectFrom;
    expect(levelledAt).toBe(0);
    expect(detected.conflicts).toHaveLength(1);
    expect(detected.conflicts[0]!.windows.list().map((w) => w.id)).toEqual([1]);

    const result = await levelling;
    const levelMs = levelledAt - startedAt;
    // The same proposal as the search in one thread; the search went past λ = 0 (several runs were in parallel).
    expect(result).toEqual(levellingPropose(input));
    expect(result.candidates.length).toBeGreaterThan(2);
    expect(result.moves.length).toBeGreaterThan(0);
    expect(detectMs).toBeLessThan(levelMs);
  });

  it('gives two requests at once each its own proposal, and keeps no set-up of a request that is done', async () => {
    const first = { ...levellingInputRandom(21, 600, 4), maxMovedOverBound: 1.3 };
    const second = { ...levellingInputRandom(22, 500, 3), maxMovedOverBound: 1.25 };
    const [a, b] = await Promise.all([levellingProposeOffThread(first), levellingProposeOffThread(second)]);
    expect(a).toEqual(levellingPropose(first));
    expect(b).toEqual(levellingPropose(second));
    expect(a).not.toEqual(b);
    // Every worker of the lane has taken in the frees sent when the searches ended: no session's set-up is left.
    const held = await levellingLaneHeld();
    expect(held.length).toBeGreaterThan(0);
    expect(held.map((w) => w.sessions)).toEqual(held.map(() => []));
  });
});
