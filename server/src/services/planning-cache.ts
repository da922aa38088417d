import {
  capacityProfileCurrent,
  maintenanceInRange,
  planningVersion,
  planWindowsInRange,
  type CapacityProfileRow,
  type Sql,
  type Tx,
} from '@cd/db';
import type { MaintenanceWindow, PlanWindow } from '@cd/shared';

export interface PlanningInputs {
  version: string;
  windows: PlanWindow[];
  maintenance: MaintenanceWindow[];
  profile: CapacityProfileRow;
}

const ALL = [0, Date.UTC(9999, 0, 1)] as const;

/**
 * All planning inputs of the database, kept in memory and reloaded only when the planning version moved
 * (a counter raised by trigger in every changing transaction, so it also sees other server instances' changes).
 * Concurrent readers share one reload.
 */
export function planningCache() {
  let current: PlanningInputs | null = null;
  let loading: Promise<void> | null = null;

  async function load(sql: Sql): Promise<PlanningInputs> {
    // One snapshot, so the version and the inputs belong together.
    return sql.begin('isolation level repeatable read read only', async (tx: Tx) => {
      const version = await planningVersion(tx);
      const [windows, maintenance, profile] = await Promise.all([
        planWindowsInRange(tx, ALL[0], ALL[1]),
        maintenanceInRange(tx, ALL[0], ALL[1]),
        capacityProfileCurrent(tx),
      ]);
      return { version, windows, maintenance, profile };
    });
  }

  return {
    /** The current inputs; a cheap version check when nothing changed. */
    async get(sql: Sql): Promise<PlanningInputs> {
      const version = BigInt(await planningVersion(sql));
      while (!current || BigInt(current.version) < version) {
        loading ??= load(sql)
          .then((fresh) => {
            if (!current || BigInt(fresh.version) > BigInt(current.version)) current = fresh;
          })
          .finally(() => {
            loading = null;
          });
        await loading;
      }
      return current;
    },
  };
}
export type PlanningCache = ReturnType<typeof planningCache>;
