import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadOrderScratch, orderByLoadDesc } from './order.js';

/** The definition: positions sorted by a comparator, larger load first, then lower id. */
function orderBrute(load: readonly number[], id: readonly number[]): number[] {
  return load.map((_, j) => j).sort((x, y) => (load[y]! > load[x]! ? 1 : load[y]! < load[x]! ? -1 : id[x]! - id[y]!));
}

/** Loads that often tie exactly or differ only in their last bits (the case the position bits hide). */
const loadArb = fc.oneof(
  fc.constantFrom(1000, 1000, 250, 0.1 + 0.2, 0.30000000000000004, 0.3, 6000),
  fc.double({ min: 1e-300, max: 1e12, noNaN: true }),
  fc.integer({ min: 1, max: 2 ** 20 }).map((ulps) => 1000 + ulps * 2 ** -43),
);

function check(loads: number[], ids: number[], scratch = loadOrderScratch(4)): void {
  const order = orderByLoadDesc(Float64Array.from(loads), Float64Array.from(ids), loads.length, scratch);
  expect([...order]).toEqual(orderBrute(loads, ids));
}

describe('orderByLoadDesc', () => {
  it('orders as a comparison sort does: larger load first, ties by lower id, whatever the positions', () => {
    fc.assert(
      fc.property(
        fc
          .array(loadArb, { maxLength: 300 })
          .chain((loads) =>
            fc.tuple(fc.constant(loads), fc.uniqueArray(fc.integer({ min: -1e9, max: 1e9 }), { minLength: loads.length, maxLength: loads.length })),
          ),
        ([loads, ids]) => check(loads, ids),
      ),
      { numRuns: 300 },
    );
  });

  it('orders long lists of equal loads with ids against their positions', () => {
    const n = 5000;
    check(
      Array.from({ length: n }, (_, j) => (j % 3 === 0 ? 1000 : 1000 + (j % 7) * 2 ** -40)),
      Array.from({ length: n }, (_, j) => n - j),
    );
  });

  it('orders large groups of equal high words by the low word, equal loads by id, with ids in and against position order', () => {
    // A few base loads, each also a few ulps above itself (same high word, other low word), so that groups of equal
    // high words are larger than the insertion sort's and hold both exact ties and loads that differ in the last bits.
    const baseArb = fc.constantFrom(1000, 250, 6000, 0.3, 123_456.789, 2 ** 21 + 0.5);
    const entryArb = fc.tuple(baseArb, fc.constantFrom(0, 0, 0, 1, 2, 3, 2 ** 10, 2 ** 20)).map(([base, ulps]) => base + ulps * base * 2 ** -52);
    const idsArb = (n: number) =>
      fc.oneof(
        fc.constant(Array.from({ length: n }, (_, j) => j + 1)),
        fc.constant(Array.from({ length: n }, (_, j) => n - j)),
        fc.uniqueArray(fc.integer({ min: -1e9, max: 1e9 }), { minLength: n, maxLength: n }),
        // Repeated ids (never in a detection, but defined: equal load and id keep their positions) and 0 beside -0.
        fc.array(fc.constantFrom(-3, -0, 0, 2, 7, 2 ** 40, -(2 ** 40), 0.5), { minLength: n, maxLength: n }),
      );
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 150, maxLength: 600 }).chain((loads) => fc.tuple(fc.constant(loads), idsArb(loads.length))),
        ([loads, ids]) => {
          const order = orderByLoadDesc(Float64Array.from(loads), Float64Array.from(ids), loads.length, loadOrderScratch(1));
          const brute = orderBrute(loads, ids);
          // Both sorts are stable: equal load and id (-0 is 0) keep their positions' order in each.
          expect([...order]).toEqual(brute);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the comparison order on lists with all loads equal, ids in order, against it and shuffled', () => {
    const n = 3000;
    const loads = new Array<number>(n).fill(1234.5);
    const shuffled = Array.from({ length: n }, (_, j) => (j * 7919) % n);
    for (const ids of [Array.from({ length: n }, (_, j) => j), Array.from({ length: n }, (_, j) => -j), shuffled]) check(loads, ids);
  });

  it('orders groups of exactly equal loads, small and large, by id when the ids differ only in their last bits', () => {
    // Ids against position order that share their high word and differ in the low one (large integers and
    // fractions), in tie groups on both sides of the insertion sort's limit, with 0 beside -0.
    const idArb = fc.oneof(
      fc.integer({ min: 0, max: 4000 }).map((j) => 2 ** 40 + j),
      fc.integer({ min: 0, max: 4000 }).map((j) => -(2 ** 40) - j),
      fc.integer({ min: 0, max: 4000 }).map((j) => 1 + j * 2 ** -40),
      fc.constantFrom(0, -0),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(1000, 250.5, 6000), fc.integer({ min: 1, max: 120 })), { minLength: 1, maxLength: 5 }),
        fc.infiniteStream(idArb),
        (groups, idStream) => {
          const loads = groups.flatMap(([load, size]) => new Array<number>(size).fill(load));
          const ids = [...idStream.take(loads.length)];
          check(loads, ids, loadOrderScratch(1));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('falls back to the comparison sort for loads of 0 or below, with the same order', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.oneof(loadArb, fc.constantFrom(0, -0, -5, -1e-12)), { maxLength: 100 })
          .chain((loads) => fc.tuple(fc.constant(loads), fc.uniqueArray(fc.integer(), { minLength: loads.length, maxLength: loads.length }))),
        ([loads, ids]) => {
          const order = orderByLoadDesc(Float64Array.from(loads), Float64Array.from(ids), loads.length, loadOrderScratch(1));
          const brute = orderBrute(loads, ids);
          // -0 and 0 are equal loads: compare the loads and ids in order, not the positions.
          expect([...order].map((j) => [loads[j]! + 0, ids[j]])).toEqual(brute.map((j) => [loads[j]! + 0, ids[j]]));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads only the first count entries and grows its scratch when a list is longer', () => {
    const scratch = loadOrderScratch(2);
    const load = Float64Array.from([3, 5, 4, 9, 9]);
    const id = Float64Array.from([1, 2, 3, 4, 5]);
    expect([...orderByLoadDesc(load, id, 3, scratch)]).toEqual([1, 2, 0]);
    expect(scratch.order.length).toBeGreaterThanOrEqual(3);
    expect([...orderByLoadDesc(load.subarray(2), id.subarray(2), 3, scratch)]).toEqual([1, 2, 0]);
    expect([...orderByLoadDesc(load, id, 0, scratch)]).toEqual([]);
  });
});
