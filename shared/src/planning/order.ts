/**
 * The order of a conflict's windows (largest load first, ties by lower id) on typed arrays. The fast path is a radix
 * sort (least significant byte first, stable) of one 32-bit key per window: the high word of the load's bits (sign,
 * exponent and the top 20 bits of the mantissa), inverted so that ascending keys mean descending loads. Bytes in
 * which all keys agree are skipped. Loads whose high words are equal end up next to each other and are ordered
 * exactly afterwards, so the result is the same as a comparison sort by (load descending, id ascending). It is linear
 * in the windows (decision 012: the engine's sort of 64-bit keys was n log n and 14% of a detection).
 */

/** Scratch arrays for orderByLoadDesc, reused from conflict to conflict; grown on demand. */
export interface LoadOrderScratch {
  keys: Uint32Array;
  order: Int32Array;
  spare: Int32Array;
  /** A histogram of 256 counts per byte of the key. */
  counts: Int32Array;
}

/** Returns scratch for orderings of at most `capacity` positions. */
export function loadOrderScratch(capacity: number): LoadOrderScratch {
  const n = Math.max(1, capacity);
  return { keys: new Uint32Array(n), order: new Int32Array(n), spare: new Int32Array(n), counts: new Int32Array(4 * 256) };
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
 * NaN) sends the whole list through a comparison sort instead of the radix sort.
 * Edge: equal loads are ordered by id whatever their positions; count 0 gives an empty view.
 */
export function orderByLoadDesc(load: Float64Array, id: Float64Array, count: number, scratch: LoadOrderScratch): Int32Array {
  if (scratch.order.length < count) Object.assign(scratch, loadOrderScratch(Math.max(count, 2 * scratch.order.length)));
  const { keys, order, spare, counts } = scratch;
  let positive = LITTLE_ENDIAN;
  for (let j = 0; j < count && positive; j++) positive = load[j]! > 0;
  if (!positive) {
    for (let j = 0; j < count; j++) order[j] = j;
    mergeSortRange(order, spare, 0, count, load, id);
    return order.subarray(0, count);
  }
  // The high word of each load (little-endian: the second word); a positive double's bits rise with it.
  const loadWords = new Uint32Array(load.buffer, load.byteOffset, 2 * count);
  counts.fill(0);
  for (let j = 0; j < count; j++) {
    const key = ~loadWords[2 * j + 1]! >>> 0;
    keys[j] = key;
    counts[key & 255]!++;
    counts[256 + ((key >>> 8) & 255)]!++;
    counts[512 + ((key >>> 16) & 255)]!++;
    counts[768 + (key >>> 24)]!++;
    order[j] = j;
  }
  let src = order;
  let dst = spare;
  for (let digit = 0; digit < 4; digit++) {
    const base = digit * 256;
    const shift = digit * 8;
    // All keys agree in this byte: the pass would not move anything.
    if (counts[base + ((keys[0]! >>> shift) & 255)] === count) continue;
    let sum = 0;
    for (let d = base; d < base + 256; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let j = 0; j < count; j++) {
      const p = src[j]!;
      dst[counts[base + ((keys[p]! >>> shift) & 255)]!++] = p;
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  if (src !== order) order.set(src.subarray(0, count));
  // Neighbours whose high words are equal: order them exactly.
  let g = 0;
  while (g < count) {
    const key = keys[order[g]!]!;
    let e = g + 1;
    while (e < count && keys[order[e]!] === key) e++;
    if (e - g > 1) mergeSortRange(order, spare, g, e, load, id);
    g = e;
  }
  return order.subarray(0, count);
}
