import type { ConflictWindow, ConflictWindows } from './conflict-windows.js';

/** Status of a send window; cancelled windows ('geannuleerd') carry no load. */
export type PlanWindowStatus = 'concept' | 'definitief' | 'geannuleerd';

/**
 * A planned send window of one Afnemer: `volume` messages spread evenly over [start, end).
 * Times are milliseconds since the UTC epoch.
 */
export interface PlanWindow {
  id: number;
  /** OIN, 20 digits. */
  afnemer: string;
  kenmerk: string;
  start: number;
  end: number;
  volume: number;
  status: PlanWindowStatus;
  /** The window may not be moved to start before this instant (when set). */
  earliestStart?: number | null;
  /** The window may not be moved to end after this instant (when set). */
  latestEnd?: number | null;
}

/** Capacity is multiplied by `factor` (0..1) during [start, end); overlapping windows: the lowest factor applies. */
export interface MaintenanceWindow {
  id: number;
  start: number;
  end: number;
  factor: number;
}

/**
 * Capacity in messages per hour for each hour of the week in Europe/Amsterdam local time:
 * 168 numbers, index 0 = Monday 00:00-01:00, index 167 = Sunday 23:00-24:00.
 */
export type CapacityProfile = readonly number[];

/**
 * A capacity profile in force from `from` (ms, on a bucket boundary; a stored profile starts at a local midnight)
 * until the next period's `from`. Its levels are the fractions of capacity for overload and warning.
 */
export interface CapacityPeriod {
  /** The stored profile's id, when it has one. */
  id?: number;
  from: number;
  profile: CapacityProfile;
  threshold?: number;
  warningLevel?: number;
}

/** Periods by ascending `from`; the first also holds before its `from` (there is always a profile in force). */
export type CapacitySchedule = readonly CapacityPeriod[];

/** One weekly profile for all time, or a schedule of profiles each in force from a given instant. */
export type CapacityInForce = CapacityProfile | CapacitySchedule;

/** Buckets [fromBucket, toBucket): bucket b covers [b * BUCKET_MS, (b + 1) * BUCKET_MS). */
export interface BucketRange {
  fromBucket: number;
  toBucket: number;
}

export type { ConflictWindow } from './conflict-windows.js';

/** A maximal run of consecutive overloaded buckets. */
export interface Conflict {
  /** Start of the first overloaded bucket (ms). */
  start: number;
  /** End of the last overloaded bucket (ms). */
  end: number;
  fromBucket: number;
  toBucket: number;
  /** Windows with load in the run, largest load first (ties: lower id first), as columns (see ConflictWindows). */
  windows: ConflictWindows;
  /** Distinct OINs of `windows`, sorted. */
  afnemers: string[];
  /** Largest load/capacity over the run's buckets; null when a bucket of the run has capacity 0. */
  peakUtilization: number | null;
  /** Sum over the run's buckets of max(0, load - capacity). */
  excessMessages: number;
  /** Largest backlog from the run's first bucket until it drains (or until the end of the computed range). */
  peakBacklog: number;
  /** End of the first bucket at or after the run's last bucket where the backlog is 0; null when not within range. */
  drainedAt: number | null;
  /** drainedAt - end: 0 when the backlog is gone at the end of the run; null when not drained within range. */
  delayMs: number | null;
}

/** A maximal run of buckets above the warning level but not overloaded. */
export interface WarningRun {
  start: number;
  end: number;
  fromBucket: number;
  toBucket: number;
  /** Largest load/capacity in the run (capacity is never 0 in a warning run). */
  peakUtilization: number;
}

/** A conflict with its windows as objects: the form of the stored jsonb, of the API and of the brute force. */
export type ConflictObjects = Omit<Conflict, 'windows'> & { windows: ConflictWindow[] };
