import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverLowerBound, type CoverItem } from './levelling-bound.js';

/** Exhaustive: the least Σ volume over subsets of items whose loads cover every row's excess (Infinity if none). */
function coverBrute(excess: readonly number[], items: readonly CoverItem[]): number {
  let best = Infinity;
  for (let mask = 0; mask < 1 << items.length; mask++) {
    const got = excess.map(() => 0);
    let cost = 0;
    items.forEach((it, i) => {
      if ((mask & (1 << i)) === 0) return;
      cost += it.volume;
      it.rows.forEach((r, k) => {
        got[r]! += it.loads[k]!;
      });
    });
    if (excess.every((e, r) => got[r]! >= e)) best = Math.min(best, cost);
  }
  return best;
}

/** Random covering instances: a few rows, items spread over consecutive rows like windows over buckets. */
const instanceArb = fc
  .record({
    excess: fc.array(
      fc.integer({ min: 0, max: 40 }).map((e) => e * 25),
      { minLength: 1, maxLength: 6 },
    ),
    items: fc.array(fc.record({ first: fc.nat(5), span: fc.integer({ min: 1, max: 8 }), volume: fc.integer({ min: 1, max: 40 }).map((v) => v * 50) }), {
      minLength: 0,
      maxLength: 9,
    }),
  })
  .map(({ excess, items }) => ({
    excess,
    items: items.map((it): CoverItem => {
      // The volume spread evenly over `span` buckets, of which those inside the rows count.
      const rows: number[] = [];
      const loads: number[] = [];
      for (let k = 0; k < it.span; k++) {
        const r = it.first + k;
        if (r < excess.length) {
          rows.push(r);
          loads.push(it.volume / it.span);
        }
      }
      return { volume: it.volume, rows, loads };
    }),
  }));

describe('coverLowerBound', () => {
  it('never exceeds the exhaustive 0/1 optimum, and is at least the plain excess when the rows can be covered', () => {
    fc.assert(
      fc.property(instanceArb, fc.constantFrom(0, 20_000), ({ excess, items }, exactNodes) => {
        const bound = coverLowerBound(excess, items, { exactNodes });
        const optimum = coverBrute(excess, items);
        expect(bound).toBeGreaterThanOrEqual(0);
        if (optimum === Infinity) return;
        expect(bound).toBeLessThanOrEqual(optimum * (1 + 1e-9) + 1e-9);
        const plain = excess.reduce((s, e) => s + e, 0);
        expect(bound).toBeGreaterThanOrEqual(plain * (1 - 1e-6) - 1e-6);
      }),
      { numRuns: 400 },
    );
  });

  it('counts that a window spread over many buckets must move whole: one bucket short of 100 needs the 1,600 one', () => {
    // Bucket excess 100. A (50 messages, all in the bucket) cannot do it alone; B carries 100 here but 1,600 in all
    // (spread over 16 buckets). The plain excess says 100; moving B is the least any solution can do.
    const items: CoverItem[] = [
      { volume: 50, rows: [0], loads: [50] },
      { volume: 1600, rows: [0], loads: [100] },
    ];
    expect(coverBrute([100], items)).toBe(1600);
    // The LP alone (A whole, half of B) gives 850; the exact search of this small group gives 1,600.
    expect(coverLowerBound([100], items, { exactNodes: 0 })).toBeCloseTo(850, 6);
    expect(coverLowerBound([100], items)).toBeCloseTo(1600, 6);
  });

  it('gives 0 for no rows, no excess or no items, and ignores rows that nothing can cover', () => {
    expect(coverLowerBound([], [])).toBe(0);
    expect(coverLowerBound([0, 0], [{ volume: 10, rows: [0, 1], loads: [5, 5] }])).toBe(0);
    expect(coverLowerBound([100], [])).toBe(0);
  });
});
