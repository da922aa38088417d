import { maintenanceInRange, planWindowsChangedSince, planWindowsInRange, type CapacityProfileRow, type Queryable } from '@cd/db';
import type { CapacitySchedule, MaintenanceWindow, PlanWindow } from '@cd/shared';
import { capacityProfilesRead } from './capacity-schedule.js';

/** What the planning core computes on for a range: the one recipe every caller of the core reads its inputs with. */
export interface PlanningInputsInRange {
  /** The counting (not cancelled) send windows overlapping [from, to). */
  windows: PlanWindow[];
  /** The maintenance, release and incident windows overlapping [from, to). */
  maintenance: MaintenanceWindow[];
  /** Which capacity profile is in force when (all of time: a range never cuts the schedule). */
  schedule: CapacitySchedule;
  /** Every stored profile, the last set first. */
  profiles: CapacityProfileRow[];
}

export interface PlanningInputsOptions {
  /**
   * Read only the windows changed since this planning version instead, cancelled ones included, whatever their
   * time (the planning cache patches its list with them).
   */
  windowsChangedSince?: string;
}

/**
 * The windows, maintenance and capacity schedule of [from, to) (ms), read together. A repeatable-read transaction
 * reads them in one snapshot (the planning cache does); with the pool the three reads run side by side.
 */
export async function planningInputsInRange(sql: Queryable, from: number, to: number, options: PlanningInputsOptions = {}): Promise<PlanningInputsInRange> {
  const [windows, maintenance, profiles] = await Promise.all([
    options.windowsChangedSince === undefined ? planWindowsInRange(sql, from, to) : planWindowsChangedSince(sql, options.windowsChangedSince),
    maintenanceInRange(sql, from, to),
    capacityProfilesRead(sql),
  ]);
  return { windows, maintenance, schedule: profiles.schedule, profiles: profiles.rows };
}
