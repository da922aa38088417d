import { describe, expect, it } from 'vitest';
import { bucketAt } from './bucket.js';
import { planningRange } from './range.js';
import type { PlanWindow } from './types.js';

const MIN = 60_000;
const DAY = 86_400_000;
const t0 = Date.UTC(2027, 0, 13, 9);

function win(start: number, end: number, status: PlanWindow['status'] = 'definitief'): PlanWindow {
  return { id: 1, afnemer: '00000001003214345000', kenmerk: 'K', start, end, volume: 10, status };
}

describe('planningRange', () => {
  it('gives null without windows, or with only cancelled ones', () => {
    expect(planningRange([])).toBeNull();
    expect(planningRange([win(t0, t0 + MIN, 'geannuleerd')])).toBeNull();
  });

  it('gives null for maintenance alone', () => {
    expect(planningRange([], [{ id: 1, start: t0, end: t0 + DAY, factor: 0 }])).toBeNull();
  });

  it('covers the windows to whole buckets and adds 14 days of slack after the end', () => {
    expect(planningRange([win(t0 + 5 * MIN, t0 + 20 * MIN), win(t0 + DAY, t0 + DAY + 15 * MIN)])).toEqual({
      fromBucket: bucketAt(t0),
      toBucket: bucketAt(t0 + DAY) + 1 + 14 * 96,
    });
  });

  it('ignores cancelled windows but includes maintenance windows', () => {
    const range = planningRange(
      [win(t0, t0 + 15 * MIN), win(t0 - DAY, t0, 'geannuleerd')],
      [{ id: 1, start: t0 - 60 * MIN, end: t0, factor: 0.5 }],
      { slackMs: 0 },
    );
    expect(range).toEqual({ fromBucket: bucketAt(t0) - 4, toBucket: bucketAt(t0) + 1 });
  });

  it('rejects negative slack', () => {
    expect(() => planningRange([win(t0, t0 + MIN)], [], { slackMs: -1 })).toThrow(RangeError);
  });
});
