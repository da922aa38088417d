import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from './bucket.js';
import { capacityProfileUniform } from './capacity.js';
import {
  capacityDateOf,
  capacityDateStart,
  capacityProfilesUntil,
  capacityScheduleFromProfiles,
  capacityScheduleIndexAt,
  capacityScheduleOf,
  capacitySchedulePieces,
} from './capacity-schedule.js';
import { ANCHORS, DAY, scheduleArb } from './planning.arbitraries.js';
import { periodAtBrute } from './planning.brute.js';

const flat = (r: number) => capacityProfileUniform(r);
const stored = (id: number, effectiveFrom: string, rate = 1000) => ({ id, effectiveFrom, ratesPerHour: flat(rate), threshold: 1, warningLevel: 0.8 });

describe('capacityDateStart', () => {
  it('gives local midnight, also on both DST Sundays and the days after', () => {
    expect(capacityDateStart('2027-01-14')).toBe(Date.UTC(2027, 0, 13, 23));
    expect(capacityDateStart('2027-03-28')).toBe(Date.UTC(2027, 2, 27, 23)); // still CET at midnight
    expect(capacityDateStart('2027-03-29')).toBe(Date.UTC(2027, 2, 28, 22)); // CEST
    expect(capacityDateStart('2026-10-25')).toBe(Date.UTC(2026, 9, 24, 22)); // still CEST at midnight
    expect(capacityDateStart('2026-10-26')).toBe(Date.UTC(2026, 9, 25, 23)); // CET
  });

  it('rejects what is not a date', () => {
    expect(() => capacityDateStart('2027-1-4')).toThrow(RangeError);
    expect(() => capacityDateStart('morgen')).toThrow(RangeError);
  });

  it('is undone by capacityDateOf on every day around the DST anchors', () => {
    for (const anchor of ANCHORS) {
      for (let d = -3; d <= 3; d++) {
        const date = new Date(anchor + d * DAY).toISOString().slice(0, 10);
        expect(capacityDateOf(capacityDateStart(date))).toBe(date);
        expect(capacityDateOf(capacityDateStart(date) - 1)).not.toBe(date);
      }
    }
  });
});

describe('capacityScheduleFromProfiles', () => {
  it('orders by date, lets the last set profile of a date win, and starts each at local midnight', () => {
    const schedule = capacityScheduleFromProfiles([
      stored(3, '2027-02-01', 3),
      stored(1, '2026-11-30', 1),
      stored(4, '2027-02-01', 4),
      stored(2, '2027-01-01', 2),
    ]);
    expect(schedule.map((p) => [p.id, p.from])).toEqual([
      [1, Date.UTC(2026, 10, 29, 23)],
      [2, Date.UTC(2026, 11, 31, 23)],
      [4, Date.UTC(2027, 0, 31, 23)],
    ]);
    expect(schedule[2]!.profile[0]).toBe(4);
  });

  it('rejects an empty list', () => {
    expect(() => capacityScheduleFromProfiles([])).toThrow(RangeError);
  });
});

describe('capacityProfilesUntil', () => {
  it('gives the next date with a profile, null for the last, and its own date for a replaced one', () => {
    const until = capacityProfilesUntil([stored(1, '2027-01-01'), stored(2, '2027-01-01'), stored(3, '2027-02-01')]);
    expect([...until.entries()]).toEqual([
      [1, '2027-01-01'],
      [2, '2027-02-01'],
      [3, null],
    ]);
  });
});

describe('capacitySchedulePieces', () => {
  const schedule = capacityScheduleOf([
    { from: 10 * BUCKET_MS, profile: flat(1) },
    { from: 20 * BUCKET_MS, profile: flat(2) },
  ]);

  it('cuts a range at each period start and lets the first period hold before its start', () => {
    expect(capacitySchedulePieces(schedule, 0, 30).map((p) => [p.from, p.to, p.period.profile[0]])).toEqual([
      [0, 20, 1],
      [20, 30, 2],
    ]);
    expect(capacitySchedulePieces(schedule, 25, 28).map((p) => [p.from, p.to])).toEqual([[0, 3]]);
    expect(capacitySchedulePieces(schedule, 5, 5)).toEqual([]);
  });

  it('covers every bucket with the period the brute-force scan finds, on random schedules', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ANCHORS).chain((a) => scheduleArb(a, 2 * DAY).map((s) => ({ a, s }))),
        ({ a, s }) => {
          const from = Math.floor((a - 2 * DAY) / BUCKET_MS);
          const to = Math.floor((a + 2 * DAY) / BUCKET_MS);
          let covered = 0;
          for (const piece of capacitySchedulePieces(s, from, to)) {
            expect(piece.from).toBe(covered);
            for (let i = piece.from; i < piece.to; i++) expect(piece.period).toBe(s[capacityScheduleIndexAt(s, (from + i) * BUCKET_MS)]);
            expect(piece.period.from).toBe(periodAtBrute(s, (from + piece.from) * BUCKET_MS).from);
            covered = piece.to;
          }
          expect(covered).toBe(to - from);
        },
      ),
      { numRuns: 60 },
    );
  });
});
