/**
 * The order of a conflict's windows (largest load first, ties by lower id) on typed arrays, by counting and radix
 * sorts (decision 012, third pass). Each load is a positive double, whose bits rise with its value; inverted, its high
 * word (sign, exponent and the top 20 bits of the mantissa) and its low word are two 32-bit keys whose ascending order
 * is the loads' descending order. A stable counting pass over the top bits of the high words' spread (about one bucket
 * per position) comes first; each bucket is finished on its own: a small one by insertion sort, a large one by a stable
 * radix sort of the high word and then, among equal high words whose loads differ, insertion sort or a stable radix
 * sort of the low word. Loads that are exactly equal therefore keep their position order; when the ids do not rise with
 * the positions, each group of equal loads is then put in id order (decision 012, fifth pass; before, the whole list
 * was radix sorted by id first). Each radix sort goes least significant byte first and skips bytes in which all keys
 * agree. Linear in the windows (insertion sort only within groups of at most 48); no comparison sort of the whole list
 * unless a load is not > 0.
 */

/** At most 2^16 buckets in the counting pass. */
const BUCKET_BITS = 16;

/** Scratch arrays for orderByLoadDesc, reused from conflict to conflict; grown on demand. */
export interface LoadOrderScratch {
  /** Per position: the inverted high word of its load. */
  keys: Uint32Array;
  /** Per position: the inverted low word of its load. */
  low: Uint32Array;
  /** Per position: the high and low word of its id's sort key (only when the ids are not in position order). */
  idHigh: Uint32Array;
  idLow: Uint32Array;
  order: Int32Array;
  spare: Int32Array;
  /** A histogram of 256 counts per byte of a key. */
  counts: Int32Array;
  /** The counting pass's bucket boundaries (2^BUCKET_BITS + 1). */
  bucketStart: Int32Array;
}

/** Returns scratch for orderings of at most `capacity` positions. */
export function loadOrderScratch(capacity: number): LoadOrderScratch {
  const n = Math.max(1, capacity);
  return {
    keys: new Uint32Array(n),
    low: new Uint32Array(n),
    idHigh: new Uint32Array(n),
    idLow: new Uint32Array(n),
    order: new Int32Array(n),
    spare: new Int32Array(n),
    counts: new Int32Array(4 * 256),
    bucketStart: new Int32Array((1 << BUCKET_BITS) + 1),
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const INSERTION = 16;
/** Groups of equal high words up to this size are ordered by insertion sort, larger ones by a radix sort of the low word. */
const SMALL_GROUP = 48;

/** True when position x goes before position y: larger load first, then lower id. */
function before(load: Float64Array, id: Float64Array, x: number, y: number): boolean {
  const lx = load[x]!;
  const ly = load[y]!;
  return lx > ly || (lx === ly && id[x]! < id[y]!);
}

/** Insertion sort of the positions `a[lo..hi)` by load descending, then id ascending (stable). */
function insertionSortRange(a: Int32Array, lo: number, hi: number, load: Float64Array, id: Float64Array): void {
  for (let i = lo + 1; i < hi; i++) {
    const x = a[i]!;
    let j = i - 1;
    for (; j >= lo; j--) {
      const y = a[j]!;
      if (!before(load, id, x, y)) break;
      a[j + 1] = y;
    }
    a[j + 1] = x;
  }
}

/**
 * Sorts the positions `a[lo..hi)` by load descending, then id ascending, stably; `b` is scratch as long as `a`.
 * Insertion sort on blocks of 16, then bottom-up merges; the result is written back into `a`. Only for loads that
 * are not all > 0, whose bits do not rise with their value.
 */
function mergeSortRange(a: Int32Array, b: Int32Array, lo: number, hi: number, load: Float64Array, id: Float64Array): void {
  for (let s = lo; s < hi; s += INSERTION) insertionSortRange(a, s, Math.min(s + INSERTION, hi), load, id);
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
  if (src !== a) for (let j = lo; j < hi; j++) a[j] = src[j]!;
}

/**
 * Stable radix sort (least significant byte first) of the positions `a[lo..hi)` by `key[position]` ascending; `b` is
 * scratch as long as `a`, the result is in `a`. Bytes in which all keys of the range agree are skipped.
 */
function radixRange(a: Int32Array, b: Int32Array, lo: number, hi: number, key: Uint32Array, counts: Int32Array): void {
  counts.fill(0);
  for (let j = lo; j < hi; j++) {
    const k = key[a[j]!]!;
    counts[k & 255]!++;
    counts[256 + ((k >>> 8) & 255)]!++;
    counts[512 + ((k >>> 16) & 255)]!++;
    counts[768 + (k >>> 24)]!++;
  }
  const n = hi - lo;
  const first = key[a[lo]!]!;
  let src = a;
  let dst = b;
  for (let digit = 0; digit < 4; digit++) {
    const base = digit * 256;
    const shift = digit * 8;
    // All keys agree in this byte: the pass would not move anything.
    if (counts[base + ((first >>> shift) & 255)] === n) continue;
    let sum = lo;
    for (let d = base; d < base + 256; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let j = lo; j < hi; j++) {
      const p = src[j]!;
      dst[counts[base + ((key[p]! >>> shift) & 255)]!++] = p;
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  if (src !== a) for (let j = lo; j < hi; j++) a[j] = src[j]!;
}

/** Insertion sort of the positions `a[lo..hi)` by id ascending (stable: equal ids keep their order). */
function insertionById(a: Int32Array, lo: number, hi: number, id: Float64Array): void {
  for (let i = lo + 1; i < hi; i++) {
    const x = a[i]!;
    const ix = id[x]!;
    let j = i - 1;
    for (; j >= lo; j--) {
      const y = a[j]!;
      if (!(ix < id[y]!)) break;
      a[j + 1] = y;
    }
    a[j + 1] = x;
  }
}

/**
 * In `order[0..count)`, ordered by load with exactly equal loads in position order, puts each group of exactly equal
 * loads in id order (stable: equal ids keep position order): by insertion sort in small groups, in larger ones by a
 * radix sort of a 64-bit key per id whose ascending order is the ids' (negative ids inverted, others with the sign bit
 * set, -0 as 0). Only the tied groups are sorted by id, not the whole list (it was, first, when the ids did not rise
 * with the positions: windows come in time order from the database, and that pre-sort was a third of a detection).
 */
function tiesById(scratch: LoadOrderScratch, count: number, load: Float64Array, id: Float64Array): void {
  const { order, spare, idHigh, idLow, counts } = scratch;
  const words = new Uint32Array(id.buffer, id.byteOffset, 2 * count);
  let g = 0;
  while (g < count) {
    const x = load[order[g]!]!;
    let e = g + 1;
    while (e < count && load[order[e]!] === x) e++;
    if (e - g > SMALL_GROUP) {
      for (let j = g; j < e; j++) {
        const p = order[j]!;
        let hi = words[2 * p + 1]!;
        let lo = words[2 * p]!;
        // -0 sorts as 0, as the comparison sees them.
        if (hi === 0x8000_0000 && lo === 0) hi = 0;
        if (hi >>> 31 === 1) {
          hi = ~hi;
          lo = ~lo;
        } else hi |= 0x8000_0000;
        idHigh[p] = hi >>> 0;
        idLow[p] = lo >>> 0;
      }
      radixRange(order, spare, g, e, idLow, counts);
      radixRange(order, spare, g, e, idHigh, counts);
    } else if (e - g > 1) insertionById(order, g, e, id);
    g = e;
  }
}

/**
 * Orders `order[lo..hi)`, whose high words are already in order (ascending key) and whose equal loads are in id order,
 * completely: neighbours whose high words are equal but whose loads differ go by their low word, by insertion sort in
 * small groups and by a stable radix sort of the low word in larger ones.
 */
function equalHighWords(scratch: LoadOrderScratch, lo: number, hi: number, load: Float64Array, id: Float64Array): void {
  const { keys, low, order, spare, counts } = scratch;
  let g = lo;
  while (g < hi) {
    const p = order[g]!;
    const key = keys[p]!;
    const firstLow = low[p]!;
    let same = true;
    let e = g + 1;
    for (; e < hi; e++) {
      const q = order[e]!;
      if (keys[q] !== key) break;
      if (low[q] !== firstLow) same = false;
    }
    if (!same) {
      if (e - g <= SMALL_GROUP) insertionSortRange(order, g, e, load, id);
      else radixRange(order, spare, g, e, low, counts);
    }
    g = e;
  }
}

/**
 * Returns the positions 0..count-1 ordered by `load` descending, then `id` ascending (the view `order` of the
 * scratch, valid until its next use). Loads must be comparable numbers; any load that is not > 0 (0, -0, negative,
 * NaN) sends the whole list through a comparison sort instead of the radix sorts.
 * Edge: equal loads are ordered by id whatever their positions; count 0 gives an empty view.
 */
export function orderByLoadDesc(load: Float64Array, id: Float64Array, count: number, scratch: LoadOrderScratch): Int32Array {
  if (scratch.order.length < count) Object.assign(scratch, loadOrderScratch(Math.max(count, 2 * scratch.order.length)));
  const { keys, low } = scratch;
  // One pass: are all loads > 0, are the ids in position order, and the words of each load (little-endian: the high
  // word second), inverted so that ascending means a larger load, with the least and the largest high word.
  const loadWords = new Uint32Array(load.buffer, load.byteOffset, 2 * count);
  let positive = LITTLE_ENDIAN;
  let ascending = true;
  let previousId = Number.NEGATIVE_INFINITY;
  let least = 0xffff_ffff;
  let most = 0;
  for (let j = 0; j < count; j++) {
    if (!(load[j]! > 0)) positive = false;
    const i = id[j]!;
    if (!(previousId < i)) ascending = false;
    previousId = i;
    const key = ~loadWords[2 * j + 1]! >>> 0;
    keys[j] = key;
    low[j] = ~loadWords[2 * j]! >>> 0;
    if (key < least) least = key;
    if (key > most) most = key;
  }
  if (!positive || count < 2) {
    const { order, spare } = scratch;
    for (let j = 0; j < count; j++) order[j] = j;
    mergeSortRange(order, spare, 0, count, load, id);
    return order.subarray(0, count);
  }
  // One counting pass over the top bits of the keys' spread, about one bucket per position (a radix sort's passes over
  // the bytes cost more for the few thousand windows of most conflicts); then each bucket is finished on its own.
  const span = most - least;
  const bits = Math.min(BUCKET_BITS, Math.max(4, 32 - Math.clz32(count - 1)));
  const shift = Math.max(0, 32 - Math.clz32(span) - bits);
  const buckets = (span >>> shift) + 1;
  const { bucketStart } = scratch;
  bucketStart.fill(0, 0, buckets + 1);
  for (let j = 0; j < count; j++) bucketStart[((keys[j]! - least) >>> shift) + 1]!++;
  for (let b = 0; b < buckets; b++) bucketStart[b + 1]! += bucketStart[b]!;
  // Stable: the positions go in position order into spare (which then becomes the scratch's order).
  const { order: byId, spare: sorted } = scratch;
  for (let j = 0; j < count; j++) sorted[bucketStart[(keys[j]! - least) >>> shift]!++] = j;
  scratch.order = sorted;
  scratch.spare = byId;
  // bucketStart[b] is now where bucket b ends.
  for (let b = 0, from = 0; b < buckets; b++) {
    const to = bucketStart[b]!;
    if (to - from > 1) {
      if (to - from <= SMALL_GROUP) insertionSortRange(sorted, from, to, load, id);
      else {
        radixRange(sorted, byId, from, to, keys, scratch.counts);
        equalHighWords(scratch, from, to, load, id);
      }
    }
    from = to;
  }
  // Exactly equal loads are now in position order, which is id order only when the ids rise with the positions.
  if (!ascending) tiesById(scratch, count, load, id);
  return sorted.subarray(0, count);
}
