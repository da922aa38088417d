import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketAt } from './bucket.js';
import { capacityByBucket, capacityProfileCheck, capacityProfileUniform, maintenanceSegments } from './capacity.js';
import { DAY, firstDifference, scenarioArb, scheduleArb } from './planning.arbitraries.js';
import { capacityByBucketBrute } from './planning.brute.js';

const MIN = 60_000;
const t0 = Date.UTC(2027, 0, 13, 9); // Wednesday 10:00 local
const b0 = bucketAt(t0);
const distinctProfile = Array.from({ length: 168 }, (_, h) => 1000 * (h + 1));

describe('capacityProfileCheck', () => {
  it('rejects a profile without 168 hours or with a negative rate', () => {
    expect(() => capacityProfileCheck([1, 2, 3])).toThrow(RangeError);
    const negative = [...capacityProfileUniform(10)];
    negative[5] = -1;
    expect(() => capacityProfileCheck(negative)).toThrow(RangeError);
  });
});

describe('maintenanceSegments', () => {
  it('applies the lowest factor where windows overlap', () => {
    expect(
      maintenanceSegments([
        { id: 1, start: 0, end: 10, factor: 0.5 },
        { id: 2, start: 5, end: 20, factor: 0.8 },
      ]),
    ).toEqual([
      { start: 0, end: 10, factor: 0.5 },
      { start: 10, end: 20, factor: 0.8 },
    ]);
  });

  it('does not let a factor 1 window lift a lower one, and merges touching equal factors', () => {
    expect(
      maintenanceSegments([
        { id: 1, start: 0, end: 10, factor: 0.3 },
        { id: 2, start: 2, end: 8, factor: 1 },
        { id: 3, start: 10, end: 15, factor: 0.3 },
      ]),
    ).toEqual([{ start: 0, end: 15, factor: 0.3 }]);
  });

  it('ignores empty windows and rejects factors outside [0, 1]', () => {
    expect(maintenanceSegments([{ id: 1, start: 5, end: 5, factor: 0 }])).toEqual([]);
    expect(() => maintenanceSegments([{ id: 1, start: 0, end: 5, factor: 1.5 }])).toThrow(RangeError);
  });
});

describe('capacityByBucket', () => {
  it('gives a quarter of the hourly rate to each bucket', () => {
    expect([...capacityByBucket(capacityProfileUniform(4000), [], b0, b0 + 3)]).toEqual([1000, 1000, 1000]);
  });

  it('uses the rate of the local hour of week, Monday 00:00 local being index 0', () => {
    const monday = bucketAt(Date.UTC(2027, 0, 10, 23)); // Monday 2027-01-11 00:00 local
    const cap = capacityByBucket(distinctProfile, [], monday - 1, monday + 1);
    expect([...cap]).toEqual([168_000 / 4, 1000 / 4]);
  });

  it('integrates maintenance that starts and ends inside a bucket', () => {
    const cap = capacityByBucket(capacityProfileUniform(4000), [{ id: 1, start: t0 + 5 * MIN, end: t0 + 10 * MIN, factor: 0 }], b0, b0 + 2);
    expect(cap[0]).toBeCloseTo((1000 * 10) / 15, 9);
    expect(cap[1]).toBe(1000);
  });

  it('applies the lowest factor where maintenance windows overlap', () => {
    const cap = capacityByBucket(
      capacityProfileUniform(4000),
      [
        { id: 1, start: t0, end: t0 + 30 * MIN, factor: 0.5 },
        { id: 2, start: t0 + 15 * MIN, end: t0 + 45 * MIN, factor: 0.25 },
      ],
      b0,
      b0 + 4,
    );
    expect([...cap]).toEqual([500, 250, 250, 1000]);
  });

  it('gives zero capacity under factor 0 and keeps capacity under factor 1', () => {
    const cap = capacityByBucket(
      capacityProfileUniform(4000),
      [
        { id: 1, start: t0, end: t0 + 15 * MIN, factor: 0 },
        { id: 2, start: t0 + 15 * MIN, end: t0 + 30 * MIN, factor: 1 },
      ],
      b0,
      b0 + 2,
    );
    expect([...cap]).toEqual([0, 1000]);
  });

  it('gives both real hours of the autumn double hour the rate of Sunday 02:00 local', () => {
    const from = bucketAt(Date.UTC(2026, 9, 25, 0));
    const cap = capacityByBucket(distinctProfile, [], from - 4, from + 12);
    const sunday = (h: number) => distinctProfile[6 * 24 + h]! / 4;
    expect([...cap]).toEqual([
      ...new Array(4).fill(sunday(1)), // 23:00 UTC = 01:00 CEST
      ...new Array(8).fill(sunday(2)), // 00:00-02:00 UTC = 02:00-03:00 CEST, then 02:00-03:00 CET
      ...new Array(4).fill(sunday(3)),
    ]);
  });

  it('skips the missing spring hour Sunday 02:00 local', () => {
    const from = bucketAt(Date.UTC(2027, 2, 28, 0));
    const cap = capacityByBucket(distinctProfile, [], from, from + 8);
    const sunday = (h: number) => distinctProfile[6 * 24 + h]! / 4;
    expect([...cap]).toEqual([...new Array(4).fill(sunday(1)), ...new Array(4).fill(sunday(3))]);
  });

  it('gives an empty array for an empty range', () => {
    expect(capacityByBucket(capacityProfileUniform(1), [], 5, 5)).toHaveLength(0);
  });

  it('uses the rates of the profile in force in each bucket of a schedule', () => {
    const switchAt = Date.UTC(2027, 0, 13, 23); // Thursday 14 January 00:00 local
    const schedule = [
      { from: -Infinity, profile: capacityProfileUniform(4000) },
      { from: switchAt, profile: capacityProfileUniform(8000) },
    ];
    const b = bucketAt(switchAt);
    expect([...capacityByBucket(schedule, [], b - 2, b + 2)]).toEqual([1000, 1000, 2000, 2000]);
  });

  it('rejects a schedule period that does not start on a bucket boundary, or out of order', () => {
    const p = capacityProfileUniform(1);
    expect(() =>
      capacityByBucket(
        [
          { from: 0, profile: p },
          { from: 60_000, profile: p },
        ],
        [],
        0,
        4,
      ),
    ).toThrow(RangeError);
    expect(() =>
      capacityByBucket(
        [
          { from: 900_000, profile: p },
          { from: 0, profile: p },
        ],
        [],
        0,
        4,
      ),
    ).toThrow(RangeError);
  });

  it('agrees with piecewise integration on random schedules of profiles, maintenance and DST weeks', () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxWindows: 0 }).chain((s) => scheduleArb(s.anchor, 2 * DAY).map((schedule) => ({ ...s, schedule }))),
        (s) => {
          const fast = capacityByBucket(s.schedule, s.maintenance, s.fromBucket, s.toBucket);
          const brute = capacityByBucketBrute(s.schedule, s.maintenance, s.fromBucket, s.toBucket);
          expect(firstDifference(fast, brute)).toBe(-1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('agrees with piecewise integration on random profiles, maintenance and DST weeks', () => {
    fc.assert(
      fc.property(scenarioArb({ maxWindows: 0 }), (s) => {
        const fast = capacityByBucket(s.profile, s.maintenance, s.fromBucket, s.toBucket);
        const brute = capacityByBucketBrute(s.profile, s.maintenance, s.fromBucket, s.toBucket);
        expect(firstDifference(fast, brute)).toBe(-1);
      }),
      { numRuns: 60 },
    );
  });
});
