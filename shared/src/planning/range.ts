import { BUCKET_MS } from './bucket.js';
import { DAY_MS } from './time-units.js';
import { windowCounts } from './load.js';
import type { BucketRange, MaintenanceWindow, PlanWindow } from './types.js';

export const DEFAULT_DRAIN_SLACK_MS = 14 * DAY_MS;

/**
 * Returns the bucket range from the first to the last instant of all counting windows and maintenance windows,
 * extended by `slackMs` (default 14 days) after the end so backlogs can drain; null without counting windows.
 * Edge: maintenance alone gives null; a window [10:05, 10:20) alone gives the buckets of 10:00 and 10:15 plus slack.
 */
export function planningRange(
  windows: readonly PlanWindow[],
  maintenance: readonly MaintenanceWindow[] = [],
  options: { slackMs?: number } = {},
): BucketRange | null {
  const slackMs = options.slackMs ?? DEFAULT_DRAIN_SLACK_MS;
  if (!Number.isFinite(slackMs) || slackMs < 0) throw new RangeError(`slackMs must be >= 0, got ${slackMs}`);
  let start = Infinity;
  let end = -Infinity;
  for (const w of windows) {
    if (!windowCounts(w)) continue;
    if (w.start < start) start = w.start;
    if (w.end > end) end = w.end;
  }
  if (start === Infinity) return null;
  for (const m of maintenance) {
    if (!(m.end > m.start)) continue;
    if (m.start < start) start = m.start;
    if (m.end > end) end = m.end;
  }
  return { fromBucket: Math.floor(start / BUCKET_MS), toBucket: Math.ceil((end + slackMs) / BUCKET_MS) };
}
