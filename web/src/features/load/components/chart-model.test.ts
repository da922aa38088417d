import { describe, expect, it } from 'vitest';
import { valueTicks } from './chart-model';

describe('valueTicks', () => {
  it('runs from 0 in round steps to the first tick at or above the maximum', () => {
    expect(valueTicks(2_300_000)).toEqual([0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000]);
    expect(valueTicks(37_500)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(valueTicks(1_000)).toEqual([0, 200, 400, 600, 800, 1_000]);
  });

  it('uses quarter steps where they fit better than halves', () => {
    expect(valueTicks(1_200_000)).toEqual([0, 250_000, 500_000, 750_000, 1_000_000, 1_250_000]);
  });

  it('gives an axis to an empty range', () => {
    expect(valueTicks(0)).toEqual([0, 1]);
    expect(valueTicks(Number.NaN)).toEqual([0, 1]);
  });

  it('always reaches the maximum, for any size', () => {
    for (let max = 1; max < 1e9; max = Math.ceil(max * 1.37)) {
      const ticks = valueTicks(max);
      expect(ticks[ticks.length - 1]!, String(max)).toBeGreaterThanOrEqual(max);
      expect(ticks.length, String(max)).toBeLessThanOrEqual(7);
    }
  });
});
