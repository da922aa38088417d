import { loadExceeds } from './tolerance.js';

/**
 * Returns the queue of messages waiting at the end of each bucket: backlog[i] = max(0, backlog[i-1] + load[i] -
 * capacity[i]), starting from 0 before index 0.
 * Edge: load [1500, 500, 0] against capacity [1000, 1000, 1000] gives [500, 0, 0]; a remainder within the
 * planning tolerance (see loadExceeds) counts as drained, 0 exactly.
 */
export function backlogByBucket(load: ArrayLike<number>, capacity: ArrayLike<number>): Float64Array {
  if (load.length !== capacity.length) {
    throw new RangeError(`load and capacity differ in length: ${load.length} vs ${capacity.length}`);
  }
  const n = load.length;
  const out = new Float64Array(n);
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const waiting = previous + load[i]!;
    const cap = capacity[i]!;
    // At or below capacity nothing is left (loadExceeds is false there), without the tolerance's arithmetic.
    previous = waiting <= cap ? 0 : loadExceeds(waiting, cap) ? waiting - cap : 0;
    out[i] = previous;
  }
  return out;
}

/**
 * Returns the first index at or after `fromIndex` whose backlog is 0, or null when it never drains in the array.
 * Edge: a backlog of 0 at `fromIndex` itself gives `fromIndex`.
 */
export function backlogDrainIndex(backlog: ArrayLike<number>, fromIndex: number): number | null {
  for (let i = Math.max(0, fromIndex); i < backlog.length; i++) if (backlog[i] === 0) return i;
  return null;
}
