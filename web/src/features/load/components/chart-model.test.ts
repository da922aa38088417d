import { describe, expect, it } from 'vitest';
import { bandColumns, capacitySteps, type ChartRow, rowIndexAt, type SeriesInfo, stackBands, valueTicks } from './chart-model';

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

/** A small seeded generator, so every run checks the same cases. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRows(random: () => number, n: number, series: number): ChartRow[] {
  let t = 1_000_000;
  return Array.from({ length: n }, () => {
    t += 1 + Math.floor(random() * 5);
    const row: ChartRow = { t, capacity: 0, load: 0, utilization: null, state: 'ok' };
    for (let j = 0; j < series; j++) row[`s${j}`] = Math.floor(random() * 100);
    return row;
  });
}

describe('rowIndexAt', () => {
  it('finds the same row as a linear scan: the last that starts at or before the instant', () => {
    const random = seeded(16);
    for (let run = 0; run < 200; run++) {
      const rows = randomRows(random, 1 + Math.floor(random() * 40), 0);
      const t = rows[0]!.t - 3 + Math.floor(random() * (rows[rows.length - 1]!.t - rows[0]!.t + 10));
      let brute = 0;
      rows.forEach((r, i) => {
        if (r.t <= t) brute = i;
      });
      expect(rowIndexAt(rows, t)).toBe(brute);
    }
  });
});

describe('stackBands', () => {
  it('stacks the shown series as the sums a brute force computes, in order, each band on the one below', () => {
    const random = seeded(18);
    for (let run = 0; run < 100; run++) {
      const count = 1 + Math.floor(random() * 6);
      const rows = randomRows(random, 1 + Math.floor(random() * 30), count);
      const series: SeriesInfo[] = Array.from({ length: count }, (_, j) => ({ key: `k${j}`, dataKey: `s${j}`, name: `A${j}`, color: '#000' }));
      const shown = series.filter(() => random() < 0.7);
      const from = rows[0]!.t;
      const to = rows[rows.length - 1]!.t + 5;
      const bands = stackBands(rows, shown, from, to, 5);
      expect(bands.map((b) => b.key)).toEqual(shown.map((s) => s.key));
      bands.forEach((b, k) => {
        rows.forEach((r, i) => {
          const below = shown.slice(0, k).reduce((sum, s) => sum + Number(r[s.dataKey]), 0);
          expect(b.points[i]!.lower).toBe(below);
          expect(b.points[i]!.upper).toBe(below + Number(r[shown[k]!.dataKey]));
          // Each bucket spans from its start to the next start (the last: one bucket), as fractions of the range.
          expect(b.points[i]!.x0).toBeCloseTo((r.t - from) / (to - from), 12);
          expect(b.points[i]!.x1).toBeCloseTo(((rows[i + 1]?.t ?? r.t + 5) - from) / (to - from), 12);
        });
      });
    }
  });
});

describe('bandColumns', () => {
  it('keeps per pixel column the lowest bottom and the highest top a brute force finds, and the same x extent', () => {
    const random = seeded(1618);
    for (let run = 0; run < 200; run++) {
      const rows = randomRows(random, 1 + Math.floor(random() * 400), 3);
      const series: SeriesInfo[] = [0, 1, 2].map((j) => ({ key: `k${j}`, dataKey: `s${j}`, name: `A${j}`, color: '#000' }));
      const from = rows[0]!.t;
      const to = rows[rows.length - 1]!.t + 5;
      const columns = 1 + Math.floor(random() * 300);
      for (const band of stackBands(rows, series, from, to, 5)) {
        const merged = bandColumns(band.points, columns);
        // Never more steps than columns (nor than buckets), and covering the same span without gaps.
        expect(merged.length).toBeLessThanOrEqual(Math.min(columns + 1, band.points.length));
        expect(merged[0]!.x0).toBe(band.points[0]!.x0);
        expect(merged[merged.length - 1]!.x1).toBe(band.points[band.points.length - 1]!.x1);
        for (let i = 1; i < merged.length; i++) expect(merged[i]!.x0).toBe(merged[i - 1]!.x1);
        // Brute force: group the buckets by the column their start falls in.
        const byColumn = new Map<number, { lower: number; upper: number }>();
        for (const p of band.points) {
          const c = Math.floor(p.x0 * columns);
          const g = byColumn.get(c);
          byColumn.set(c, g ? { lower: Math.min(g.lower, p.lower), upper: Math.max(g.upper, p.upper) } : { lower: p.lower, upper: p.upper });
        }
        expect(merged.map((p) => ({ lower: p.lower, upper: p.upper }))).toEqual([...byColumn.values()]);
        // The input is never changed: the exact values stay for the tooltip and the table.
        band.points.forEach((p, i) => {
          expect(p.upper - p.lower).toBe(Number(rows[i]![series.find((s) => s.key === band.key)!.dataKey]));
        });
      }
    }
  });

  it('returns the points as they are when every bucket has a column of its own', () => {
    const points = [
      { x0: 0, x1: 0.5, lower: 0, upper: 3 },
      { x0: 0.5, x1: 1, lower: 1, upper: 2 },
    ];
    expect(bandColumns(points, 2)).toBe(points);
    expect(bandColumns(points, 1)).toEqual([{ x0: 0, x1: 1, lower: 0, upper: 3 }]);
  });
});

describe('capacitySteps', () => {
  it('gives every bucket the capacity a brute force finds at its start, in fewer steps where it does not change', () => {
    const random = seeded(2027);
    for (let run = 0; run < 200; run++) {
      const rows = randomRows(random, 1 + Math.floor(random() * 60), 0);
      for (const r of rows) r.capacity = [0, 100, 250][Math.floor(random() * 3)]!;
      const from = rows[0]!.t;
      const to = rows[rows.length - 1]!.t + 5;
      const steps = capacitySteps(rows, from, to, 5);
      // Contiguous, from the first start to the end of the range, and never two equal neighbours.
      expect(steps[0]!.x0).toBe(0);
      expect(steps[steps.length - 1]!.x1).toBe(1);
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i]!.x0).toBe(steps[i - 1]!.x1);
        expect(steps[i]!.value).not.toBe(steps[i - 1]!.value);
      }
      // Brute force: each bucket's start lies in the step with its capacity.
      for (const r of rows) {
        const x = (r.t - from) / (to - from);
        const step = steps.find((s) => s.x0 <= x && x < s.x1);
        expect(step?.value, String(r.t)).toBe(r.capacity);
      }
    }
  });
});
