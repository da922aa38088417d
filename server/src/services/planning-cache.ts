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
const MEMO_SIZE = 64;

/**
 * All planning inputs of the database, kept in memory and reloaded only when the planning version moved
 * (a counter raised by trigger in every changing transaction, so it also sees other server instances' changes).
 * Concurrent readers share one reload.
 */
export function planningCache() {
  let current: PlanningInputs | null = null;
  let loading: Promise<void> | null = null;
  // Results computed from one version of the inputs (for example a serialised load view), dropped when it moves.
  let memoVersion = '';
  const memo = new Map<string, string>();

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

    /**
     * The result of `compute` for `key` on this version of the inputs, computed once: every dashboard that
     * shows the same range between two changes gets the same answer. At most MEMO_SIZE results are kept.
     */
    remember(version: string, key: string, compute: () => string): string {
      if (version !== memoVersion) {
        memo.clear();
        memoVersion = version;
      }
      let value = memo.get(key);
      if (value === undefined) {
        value = compute();
        if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
        memo.set(key, value);
      }
      return value;
    },
  };
}
export type PlanningCache = ReturnType<typeof planningCache>;
