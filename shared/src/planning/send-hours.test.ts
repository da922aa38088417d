import { describe, expect, it } from 'vitest';
import { bucketAt } from './bucket.js';
import { sendHoursByBucket, sendHoursRunEnd } from './send-hours.js';

describe('sendHoursByBucket', () => {
  it('allows 07:00 up to but not including 22:00 local time in winter', () => {
    const day = bucketAt(Date.UTC(2027, 0, 12, 23)); // local midnight, 13 January
    const allowed = sendHoursByBucket({ from: 7, to: 22 }, day, day + 96);
    expect(allowed[7 * 4 - 1]).toBe(0);
    expect(allowed[7 * 4]).toBe(1);
    expect(allowed[22 * 4 - 1]).toBe(1);
    expect(allowed[22 * 4]).toBe(0);
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('follows local time in summer (07:00 local is 05:00 UTC)', () => {
    const b = bucketAt(Date.UTC(2027, 6, 14, 5));
    expect([...sendHoursByBucket({ from: 7, to: 22 }, b - 1, b + 1)]).toEqual([0, 1]);
  });

  it('keeps 15 real hours on the DST days, the switch lying at night', () => {
    for (const midnight of [Date.UTC(2027, 2, 27, 23), Date.UTC(2027, 9, 30, 22)]) {
      const day = bucketAt(midnight);
      const allowed = sendHoursByBucket({ from: 7, to: 22 }, day, day + 100);
      expect(allowed.reduce((a, b) => a + b, 0)).toBe(60);
    }
  });

  it('wraps past midnight when from is after to, allows all for 0-24 and nothing for equal hours', () => {
    const day = bucketAt(Date.UTC(2027, 0, 12, 23));
    const night = sendHoursByBucket({ from: 22, to: 6 }, day, day + 96);
    expect([night[0], night[6 * 4 - 1], night[6 * 4], night[22 * 4]]).toEqual([1, 1, 0, 1]);
    expect(sendHoursByBucket({ from: 0, to: 24 }, day, day + 96).every((v) => v === 1)).toBe(true);
    expect(sendHoursByBucket({ from: 9, to: 9 }, day, day + 96).every((v) => v === 0)).toBe(true);
  });

  it('rejects hours outside 0-24 or not on a quarter hour', () => {
    expect(() => sendHoursByBucket({ from: 7.1, to: 22 }, 0, 1)).toThrow(RangeError);
    expect(() => sendHoursByBucket({ from: 7, to: 25 }, 0, 1)).toThrow(RangeError);
  });
});

describe('sendHoursRunEnd', () => {
  it('gives the end of the allowed run each bucket is in, or -1', () => {
    expect([...sendHoursRunEnd(Uint8Array.from([0, 1, 1, 0, 1]))]).toEqual([-1, 3, 3, -1, 5]);
  });
});
