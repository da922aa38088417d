import { describe, expect, it } from 'vitest';
import { intervalOverlap, intervalOverlaps } from './interval.js';

describe('intervalOverlap', () => {
  it('gives the length of the shared part of two overlapping intervals', () => {
    expect(intervalOverlap({ start: 0, end: 10 }, { start: 5, end: 20 })).toBe(5);
  });

  it('gives the inner length when one interval contains the other', () => {
    expect(intervalOverlap({ start: 0, end: 100 }, { start: 20, end: 30 })).toBe(10);
  });

  it('gives 0 for back-to-back intervals, in either order', () => {
    expect(intervalOverlap({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(0);
    expect(intervalOverlap({ start: 10, end: 20 }, { start: 0, end: 10 })).toBe(0);
  });

  it('gives 0 for disjoint and for empty intervals', () => {
    expect(intervalOverlap({ start: 0, end: 10 }, { start: 11, end: 20 })).toBe(0);
    expect(intervalOverlap({ start: 5, end: 5 }, { start: 0, end: 10 })).toBe(0);
  });
});

describe('intervalOverlaps', () => {
  it('is true when the intervals share an instant', () => {
    expect(intervalOverlaps({ start: 0, end: 10 }, { start: 9, end: 20 })).toBe(true);
  });

  it('is false for back-to-back intervals', () => {
    expect(intervalOverlaps({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
  });

  it('is false when either interval is empty, even inside the other', () => {
    expect(intervalOverlaps({ start: 5, end: 5 }, { start: 0, end: 10 })).toBe(false);
    expect(intervalOverlaps({ start: 0, end: 10 }, { start: 7, end: 3 })).toBe(false);
  });
});
