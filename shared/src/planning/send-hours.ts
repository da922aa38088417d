import { BUCKET_MS, bucketRangeLength } from './bucket.js';
import { amsterdamOffsetAtUtcHour } from '../time/local-time.js';
import { DAY_MS } from '../time/units.js';

/**
 * Local (Europe/Amsterdam) hours in which sending is allowed: [from, to) in hours since local midnight, in
 * steps of 0.25 (15 minutes). from > to wraps past midnight (22 to 6 = the night); from === to allows nothing.
 */
export interface SendHours {
  from: number;
  to: number;
}

export const DEFAULT_SEND_HOURS: SendHours = { from: 7, to: 22 };

function sendHoursCheck(hours: SendHours): void {
  for (const h of [hours.from, hours.to]) {
    if (!(h >= 0 && h <= 24) || !Number.isInteger(h * 4)) {
      throw new RangeError(`send hours must be in [0, 24] in steps of 0.25, got ${hours.from}-${hours.to}`);
    }
  }
}

/**
 * Returns 1 for each bucket in [fromBucket, toBucket) whose local time of day lies in the send hours, else 0.
 * Edge: with 07:00-22:00 the bucket starting at local 21:45 is allowed and the one at 22:00 is not; on the DST
 * days the hours are local wall-clock hours, so the allowed span is 15 real hours on those days too.
 */
export function sendHoursByBucket(hours: SendHours, fromBucket: number, toBucket: number): Uint8Array {
  sendHoursCheck(hours);
  const n = bucketRangeLength(fromBucket, toBucket);
  const out = new Uint8Array(n);
  const from = hours.from * 60;
  const to = hours.to * 60;
  for (let i = 0; i < n; i++) {
    const b = fromBucket + i;
    const ms = b * BUCKET_MS;
    const local = ms + amsterdamOffsetAtUtcHour(Math.floor(b / 4));
    const minute = (((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
    const allowed = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
    out[i] = allowed ? 1 : 0;
  }
  return out;
}

/**
 * Returns, per bucket index, the exclusive end index of the run of allowed buckets containing it, or -1 when the
 * bucket itself is not allowed; a window over buckets [i, j) lies wholly in allowed time iff runEnd[i] >= j.
 * Edge: [0, 1, 1, 0, 1] gives [-1, 3, 3, -1, 5].
 */
export function sendHoursRunEnd(allowed: Uint8Array): Int32Array {
  const n = allowed.length;
  const out = new Int32Array(n);
  let end = n;
  for (let i = n - 1; i >= 0; i--) {
    if (allowed[i] === 1) out[i] = end;
    else {
      out[i] = -1;
      end = i;
    }
  }
  return out;
}
