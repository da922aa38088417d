/**
 * A lower bound on the messages that any set of whole-window moves must move to free a set of overloaded buckets.
 *
 * The covering problem: every freed bucket b must lose at least its excess E_b; moving window w takes at most a_wb
 * out of b (its load there, if it can move at all); the messages moved are Σ volume_w over the moved windows. So
 * every solution gives a 0/1 vector x with Σ_w a_wb x_w >= E_b for every b, and moves Σ volume_w x_w messages.
 * Because x is 0/1, a_wb may be clipped to E_b (one window never needs to take out more than all of the excess);
 * this is the knapsack-cover strengthening, which makes the LP below far stronger where a bucket's excess is more
 * than its small windows carry. The LP relaxation (0 <= x <= 1) has the dual
 *
 *   max Σ_b E_b y_b − Σ_w z_w   such that   Σ_b a_wb y_b − z_w <= volume_w,  y, z >= 0,
 *
 * and for any y >= 0 the best z is z_w = max(0, Σ_b a_wb y_b − volume_w). So every y >= 0 gives a sound bound
 * (weak duality), whatever method found it: the value returned is always recomputed from y in one plain pass.
 * y is found by coordinate ascent (each coordinate set to its exact best value, a weighted median), sweeping until it
 * no longer improves; small independent groups of buckets are solved exactly by branch and bound on the 0/1 problem.
 */

interface Item {
  volume: number;
  rows: number[];
  a: number[];
}

/** One window in the covering problem: its volume and what it can take out of each bucket (row) it touches. */
export interface CoverItem {
  volume: number;
  rows: readonly number[];
  /** What moving the window takes out of each row at most (its load there), same order as `rows`. */
  loads: readonly number[];
}

export interface CoverOptions {
  /** Maximal coordinate-ascent sweeps (default 3: the subgradient steps do the rest faster). */
  sweeps?: number;
  /** Maximal subgradient steps after them (default 300). */
  subgradientSteps?: number;
  /** Branch-and-bound nodes per group before it falls back to the LP bound (default 20,000). */
  exactNodes?: number;
}

/**
 * Returns a lower bound on min Σ volume_w x_w over 0/1 vectors x with Σ_w loads_wb x_w >= excess_b for every row b
 * (rows with excess <= 0 need nothing). Edge: when the rows cannot be covered even by moving every window, the bound
 * is still a bound for the rows that can; no rows or no items give 0.
 */
export function coverLowerBound(need: readonly number[], items: readonly CoverItem[], options: CoverOptions = {}): number {
  const sweeps = options.sweeps ?? 3;
  const subgradientSteps = options.subgradientSteps ?? 300;
  const exactNodes = options.exactNodes ?? 20_000;
  const nRows = need.length;
  // Clipped coefficients, only rows that need something and items that help.
  const parent = Int32Array.from({ length: nRows }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // A row that even every item together cannot cover is left out (no solution covers it: it bounds nothing).
  const reach = new Float64Array(nRows);
  for (const it of items) {
    if (!(it.volume > 0)) continue;
    for (let k = 0; k < it.rows.length; k++) if (it.loads[k]! > 0) reach[it.rows[k]!] = reach[it.rows[k]!]! + it.loads[k]!;
  }
  const excess = need.map((e, r) => (e > 0 && reach[r]! >= e ? e : 0));
  const clipped: Item[] = [];
  for (const it of items) {
    if (!(it.volume > 0)) continue;
    const rows: number[] = [];
    const a: number[] = [];
    for (let k = 0; k < it.rows.length; k++) {
      const r = it.rows[k]!;
      const e = excess[r]!;
      const l = it.loads[k]!;
      if (!(e > 0) || !(l > 0)) continue;
      rows.push(r);
      a.push(Math.min(l, e));
    }
    if (rows.length === 0) continue;
    clipped.push({ volume: it.volume, rows, a });
    for (let k = 1; k < rows.length; k++) parent[find(rows[k]!)] = find(rows[0]!);
  }
  // Groups of rows joined by items, each solved on its own.
  const groupRows = new Map<number, number[]>();
  for (let r = 0; r < nRows; r++) {
    if (!(excess[r]! > 0)) continue;
    const g = find(r);
    let list = groupRows.get(g);
    if (!list) groupRows.set(g, (list = []));
    list.push(r);
  }
  const groupItems = new Map<number, Item[]>();
  for (const it of clipped) {
    const g = find(it.rows[0]!);
    let list = groupItems.get(g);
    if (!list) groupItems.set(g, (list = []));
    list.push(it);
  }
  // One dual vector y over all rows (the groups are independent, so one pass serves them all).
  const y = dualAscent(nRows, excess, clipped, sweeps, subgradientSteps);
  const groupValue = new Map<number, number>();
  for (let r = 0; r < nRows; r++) if (excess[r]! > 0) groupValue.set(find(r), (groupValue.get(find(r)) ?? 0) + excess[r]! * y[r]!);
  for (const it of clipped) {
    let s = 0;
    for (let k = 0; k < it.rows.length; k++) s += it.a[k]! * y[it.rows[k]!]!;
    if (s > it.volume) groupValue.set(find(it.rows[0]!), groupValue.get(find(it.rows[0]!))! - (s - it.volume));
  }
  let bound = 0;
  for (const [g, rows] of groupRows) {
    const its = groupItems.get(g) ?? [];
    const lp = Math.max(0, groupValue.get(g) ?? 0);
    const exact = its.length <= 16 ? exactCover(rows, excess, its, lp, exactNodes) : null;
    bound += exact === null ? lp : Math.max(lp, exact);
  }
  return bound;
}

/** The dual value Σ E_b y_b − Σ_w max(0, Σ_b a_wb y_b − volume_w) for y >= 0, and its subgradient into `g`. */
function dualValue(excess: readonly number[], items: readonly Item[], y: Float64Array, g: Float64Array | null): number {
  let value = 0;
  for (let r = 0; r < y.length; r++) if (excess[r]! > 0) value += excess[r]! * y[r]!;
  if (g !== null) for (let r = 0; r < y.length; r++) g[r] = Math.max(0, excess[r]!);
  for (const it of items) {
    let s = 0;
    for (let k = 0; k < it.rows.length; k++) s += it.a[k]! * y[it.rows[k]!]!;
    if (s > it.volume) {
      value -= s - it.volume;
      if (g !== null) for (let k = 0; k < it.rows.length; k++) g[it.rows[k]!] = g[it.rows[k]!]! - it.a[k]!;
    }
  }
  return value;
}

/**
 * A good dual vector: coordinate ascent from y = 1 (feasible with z = 0, since Σ_b a_wb <= volume_w, and worth the
 * plain excess), each coordinate set to its exact best value (a weighted median of breakpoints), until a sweep no
 * longer improves; then projected subgradient steps (Polyak steps towards 5% above the best so far, halved when
 * they stop helping), since coordinate ascent stalls on ridges where buckets must rise together. Returns the best y.
 */
function dualAscent(nRows: number, excess: readonly number[], items: readonly Item[], sweeps: number, steps: number): Float64Array {
  const y = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) y[r] = excess[r]! > 0 ? 1 : 0;
  const s = new Float64Array(items.length); // Σ_b a_wb y_b per item
  const byRow: { item: number; a: number }[][] = Array.from({ length: nRows }, () => []);
  items.forEach((it, i) => {
    for (let k = 0; k < it.rows.length; k++) {
      s[i] = s[i]! + it.a[k]!;
      byRow[it.rows[k]!]!.push({ item: i, a: it.a[k]! });
    }
  });
  let best = dualValue(excess, items, y, null);
  const points: { t: number; a: number }[] = [];
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let r = 0; r < nRows; r++) {
      const need = excess[r]!;
      if (!(need > 0)) continue;
      const list = byRow[r]!;
      const yr = y[r]!;
      // Breakpoints: the y_r where item i starts to pay z_i.
      points.length = 0;
      for (const { item, a } of list) points.push({ t: (items[item]!.volume - (s[item]! - a * yr)) / a, a });
      points.sort((p, q) => p.t - q.t);
      let acc = 0;
      let t = points.length === 0 ? 0 : Math.max(0, points[points.length - 1]!.t);
      for (const p of points) {
        acc += p.a;
        if (acc >= need) {
          t = Math.max(0, p.t);
          break;
        }
      }
      if (t !== yr) {
        for (const { item, a } of list) s[item] = s[item]! + a * (t - yr);
        y[r] = t;
      }
    }
    const value = dualValue(excess, items, y, null);
    const improved = value > best * (1 + 1e-9) + 1e-9;
    best = Math.max(best, value);
    if (!improved) break;
  }
  const bestY = y.slice();
  const g = new Float64Array(nRows);
  let lambda = 1;
  let stall = 0;
  for (let k = 0; k < steps; k++) {
    const value = dualValue(excess, items, y, g);
    if (value > best * (1 + 1e-6)) {
      best = value;
      bestY.set(y);
      stall = 0;
    } else if (++stall > 20) {
      lambda /= 2;
      stall = 0;
      y.set(bestY);
      continue;
    }
    let norm2 = 0;
    for (let r = 0; r < nRows; r++) {
      if (y[r] === 0 && g[r]! < 0) g[r] = 0;
      norm2 += g[r]! * g[r]!;
    }
    if (norm2 === 0 || lambda < 1e-3) break;
    const step = (lambda * (best * 1.05 - value)) / norm2;
    for (let r = 0; r < nRows; r++) y[r] = Math.max(0, y[r]! + step * g[r]!);
  }
  return bestY;
}

/**
 * The exact 0/1 optimum of a small group by depth-first branch and bound (items by volume, largest first; bound:
 * cost so far plus, per row, the cheapest fractional cover of what it still lacks, the largest over rows).
 * Returns null when the node budget runs out (the LP bound is then used) or no cover exists.
 */
function exactCover(rows: readonly number[], excess: readonly number[], items: readonly Item[], lp: number, nodes: number): number | null {
  const order = [...items].sort((p, q) => q.volume - p.volume);
  const need = new Map<number, number>();
  const slack = new Map<number, number>();
  for (const r of rows) {
    need.set(r, excess[r]!);
    // Sums of floats: a row counts as covered within a relative 1e-9 of its excess (never above the true optimum).
    slack.set(r, 1e-9 * Math.max(1, excess[r]!));
  }
  let best = Infinity;
  let budget = nodes;
  const rowBound = (from: number): number => {
    let worst = 0;
    for (const r of rows) {
      let lack = need.get(r)! - slack.get(r)!;
      if (lack <= 0) continue;
      const options: { ratio: number; a: number; v: number }[] = [];
      for (let k = from; k < order.length; k++) {
        const it = order[k]!;
        const j = it.rows.indexOf(r);
        if (j >= 0) options.push({ ratio: it.volume / it.a[j]!, a: it.a[j]!, v: it.volume });
      }
      options.sort((p, q) => p.ratio - q.ratio);
      let cost = 0;
      for (const o of options) {
        if (lack <= 0) break;
        const take = Math.min(1, lack / o.a);
        cost += take * o.v;
        lack -= take * o.a;
      }
      if (lack > 1e-9 * Math.max(1, excess[r]!)) return Infinity;
      worst = Math.max(worst, cost);
    }
    return worst;
  };
  const search = (k: number, cost: number): boolean => {
    if (--budget < 0) return false;
    const lower = cost + rowBound(k);
    if (lower >= best) return true;
    if (rows.every((r) => need.get(r)! <= slack.get(r)!)) {
      best = cost;
      return true;
    }
    if (k === order.length) return true;
    const it = order[k]!;
    for (let j = 0; j < it.rows.length; j++) need.set(it.rows[j]!, need.get(it.rows[j]!)! - it.a[j]!);
    const okIn = search(k + 1, cost + it.volume);
    for (let j = 0; j < it.rows.length; j++) need.set(it.rows[j]!, need.get(it.rows[j]!)! + it.a[j]!);
    if (!okIn) return false;
    return search(k + 1, cost);
  };
  if (!search(0, 0)) return null;
  return best === Infinity ? null : Math.max(best, lp);
}
