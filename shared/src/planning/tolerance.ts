/**
 * Loads and capacities are sums of fractions, so two computations of the same value may differ in the last
 * bits. Every "more than" decision of the planning core goes through `loadExceeds`, which ignores differences
 * below one part in a billion (and below 1e-9 messages).
 */
export const LOAD_TOLERANCE = 1e-9;

/**
 * Returns true when `load` is really greater than `limit`: by more than 1e-9 relative (at least 1e-9 messages).
 * Edge: equality is not exceeding (`loadExceeds(1000, 1000)` is false); with limit 0 any load above 1e-9 exceeds.
 */
export function loadExceeds(load: number, limit: number): boolean {
  return load - limit > LOAD_TOLERANCE * Math.max(1, Math.abs(load), Math.abs(limit));
}
