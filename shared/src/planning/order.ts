/**
 * The order of a conflict's windows (largest load first, ties by lower id) on typed arrays. The fast path sorts one
 * 64-bit key per window with the engine's native numeric sort (no comparator called from script): the key is the
 * load's bits, inverted so that ascending keys mean descending loads, with its lowest bits replaced by the
 * window's position. Loads that agree in all other bits end up next to each other and are ordered exactly
 * afterwards, so the result is the same as a comparison sort by (load descending, id ascending).
 */

/** Scratch arrays for orderByLoadDesc, reused from conflict to conflict; grown on demand. */
export interface LoadOrderScratch {
  keys: BigUint64Array;
  words: Uint32Array;
  order: Int32Array;
  spare: Int32Array;
}

/** Returns scratch for orderings of at most `capacity` positions. */
export function loadOrderScratch(capacity: number): LoadOrderScratch {
  const keys = new BigUint64Array(Math.max(1, capacity));
  return { keys, words: new Uint32Array(keys.buffer), order: new Int32Array(Math.max(1, capacity)), spare: new Int32Array(Math.max(1, capacity)) };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const INSERTION = 16;

/** True when position x goes before position y: larger load first, then lower id. */
function before(load: Float64Array, id: Float64Array, x: number, y: number): boolean {
  const lx = load[x]!;
  const ly = load[y]!;
  return lx > ly || (lx === ly && id[x]! < id[y]!);
}

/**
 * Sorts the positions `a[lo..hi)` by load descending, then id ascending, stably; `b` is scratch as long as `a`.
 * Insertion sort on blocks of 16, then bottom-up merges; the result is written back into `a`.
 */
function mergeSortRange(a: Int32Array, b: Int32Array, lo: number, hi: number, load: Float64Array, id: Float64Array): void {
  for (let s = lo; s < hi; s += INSERTION) {
    const e = Math.min(s + INSERTION, hi);
    for (let i = s + 1; i < e; i++) {
      const x = a[i]!;
      let j = i - 1;
      for (; j >= s; j--) {
        const y = a[j]!;
        if (!before(load, id, x, y)) break;
        a[j + 1] = y;
      }
      a[j + 1] = x;
    }
  }
  let src = a;
  let dst = b;
  for (let width = INSERTION; width < hi - lo; width *= 2) {
    for (let s = lo; s < hi; s += 2 * width) {
      const mid = Math.min(s + width, hi);
      const e = Math.min(s + 2 * width, hi);
      let i = s;
      let j = mid;
      let k = s;
      while (i < mid && j < e) {
        const x = src[i]!;
        const y = src[j]!;
        if (before(load, id, y, x)) {
          dst[k++] = y;
          j++;
        } else {
          dst[k++] = x;
          i++;
        }
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < e) dst[k++] = src[j++]!;
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  if (src !== a) a.set(src.subarray(lo, hi), lo);
}

/**
 * Returns the positions 0..count-1 ordered by `load` descending, then `id` ascending (the view `order` of the
 * scratch, valid until its next use). Loads must be comparable numbers; any load that is not > 0 (0, -0, negative,
 * NaN) sends the whole list through a comparison sort instead of the keyed native sort.
 * Edge: equal loads are ordered by id whatever their positions; count 0 gives an empty view.
 */
export function orderByLoadDesc(load: Float64Array, id: Float64Array, count: number, scratch: LoadOrderScratch): Int32Array {
  if (scratch.order.length < count) Object.assign(scratch, loadOrderScratch(Math.max(count, 2 * scratch.order.length)));
  const { keys, words, order, spare } = scratch;
  let positive = LITTLE_ENDIAN && count < 2 ** 30;
  for (let j = 0; j < count && positive; j++) positive = load[j]! > 0;
  if (!positive) {
    for (let j = 0; j < count; j++) order[j] = j;
    mergeSortRange(order, spare, 0, count, load, id);
    return order.subarray(0, count);
  }
  let bits = 1;
  while (1 << bits < count) bits++;
  const low = (1 << bits) - 1;
  const high = ~low;
  // The load's 64 bits as two words (little-endian: the low word first); a positive double's bits rise with it.
  const loadWords = new Uint32Array(load.buffer, load.byteOffset, 2 * count);
  for (let j = 0; j < count; j++) {
    words[2 * j + 1] = ~loadWords[2 * j + 1]!;
    words[2 * j] = (~loadWords[2 * j]! & high) | j;
  }
  keys.subarray(0, count).sort();
  for (let j = 0; j < count; j++) order[j] = words[2 * j]! & low;
  // Neighbours whose keys differ only in the position bits: order them exactly.
  let g = 0;
  while (g < count) {
    const hi = words[2 * g + 1]!;
    const lo = words[2 * g]! & high;
    let e = g + 1;
    while (e < count && words[2 * e + 1] === hi && (words[2 * e]! & high) === lo) e++;
    if (e - g > 1) mergeSortRange(order, spare, g, e, load, id);
    g = e;
  }
  return order.subarray(0, count);
}
