import { capacityProfileHistory, type CapacityProfileRow, type Queryable } from '@cd/db';
import { capacityScheduleFromProfiles, capacityScheduleIndexAt, type CapacitySchedule } from '@cd/shared';

export interface CapacityProfiles {
  /** Every stored profile, the last set first. */
  rows: CapacityProfileRow[];
  /** Which profile is in force when (shared/src/planning/capacity-schedule.ts). */
  schedule: CapacitySchedule;
}

/** All stored profiles and the schedule they make: the capacity input of every detection. */
export async function capacityProfilesRead(sql: Queryable): Promise<CapacityProfiles> {
  const rows = await capacityProfileHistory(sql, null);
  return { rows, schedule: capacityScheduleFromProfiles(rows) };
}

/** The stored profile in force at instant `at`. */
export function capacityProfileAt(profiles: CapacityProfiles, at: number): CapacityProfileRow {
  const id = profiles.schedule[capacityScheduleIndexAt(profiles.schedule, at)]!.id;
  return profiles.rows.find((r) => r.id === id)!;
}
