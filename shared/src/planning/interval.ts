/** A half-open interval [start, end) of milliseconds since the UTC epoch. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Returns the length (ms) of the intersection of two half-open intervals, 0 when they do not meet.
 * Edge: back-to-back intervals [0, 10) and [10, 20) overlap 0; an empty interval overlaps nothing.
 */
export function intervalOverlap(a: Interval, b: Interval): number {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return end > start ? end - start : 0;
}

/**
 * Returns true when two half-open intervals share at least one instant.
 * Edge: back-to-back intervals [0, 10) and [10, 20) do not overlap.
 */
export function intervalOverlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end && a.start < a.end && b.start < b.end;
}
