import { planningState, planningVersion, type CapacityProfileRow, type Sql, type Tx } from '@cd/db';
import type { CapacitySchedule, MaintenanceWindow, PlanWindow } from '@cd/shared';
import { planningInputsInRange } from './planning-inputs.js';

export interface PlanningInputs {
  version: string;
  /** The counting (not cancelled) windows of this version; never changed afterwards. */
  windows: readonly PlanWindow[];
  /** The counting windows by id, of the newest version this instance has read (it may be newer than `version`). */
  byId: ReadonlyMap<number, PlanWindow>;
  maintenance: MaintenanceWindow[];
  /** The profile set last. */
  profile: CapacityProfileRow;
  /** Which profile is in force when: what load and capacity are computed with. */
  schedule: CapacitySchedule;
}

const ALL = [0, Date.UTC(9999, 0, 1)] as const;
// Views of many planners (one per Afnemer) between two changes; a year's view is some hundreds of kilobytes.
const MEMO_SIZE = 128;

/**
 * All planning inputs of the database, kept in memory and brought up to date only when the planning version moved
 * (a counter raised by trigger in every changing transaction, so it also sees other server instances' changes).
 * An update reads only the windows changed since the cached version (migration 0008); after a delete it reloads
 * everything. Concurrent readers share one update. An update copies the window list (pointers only) and patches
 * the copy, so a reader keeps the list it was given; the id index is patched in place.
 */
export function planningCache() {
  let current: PlanningInputs | null = null;
  let loading: Promise<void> | null = null;
  // The pool of the last get(): what refresh() reads with.
  let lastSql: Sql | null = null;
  // Where each window sits in the newest list, and the windows by id.
  let indexOf = new Map<number, number>();
  let byId = new Map<number, PlanWindow>();
  // Results computed from one version of the inputs (for example a serialised load view), dropped when it moves.
  let memoVersion = '';
  const memo = new Map<string, unknown>();

  /** The list after `changed`, patched into a copy of `list` (indexOf and byId follow). */
  function patch(list: readonly PlanWindow[], changed: readonly PlanWindow[]): PlanWindow[] {
    const next = list.slice();
    for (const w of changed) {
      const at = indexOf.get(w.id);
      if (w.status === 'geannuleerd') {
        if (at === undefined) continue;
        const last = next.pop()!;
        if (last.id !== w.id) {
          next[at] = last;
          indexOf.set(last.id, at);
        }
        indexOf.delete(w.id);
        byId.delete(w.id);
      } else {
        if (at === undefined) {
          indexOf.set(w.id, next.length);
          next.push(w);
        } else next[at] = w;
        byId.set(w.id, w);
      }
    }
    return next;
  }

  async function load(sql: Sql, base: PlanningInputs | null): Promise<PlanningInputs> {
    // One snapshot, so the version and the inputs belong together.
    const fresh = await sql.begin('isolation level repeatable read read only', async (tx: Tx) => {
      const state = await planningState(tx);
      const full = !base || BigInt(state.resetVersion) > BigInt(base.version);
      const inputs = await planningInputsInRange(tx, ALL[0], ALL[1], full || !base ? {} : { windowsChangedSince: base.version });
      return { state, full, changed: inputs.windows, maintenance: inputs.maintenance, profile: inputs.profiles[0]!, schedule: inputs.schedule };
    });
    if (fresh.full || !base) {
      indexOf = new Map();
      byId = new Map();
    }
    const windows = patch(fresh.full || !base ? [] : base.windows, fresh.changed);
    return { version: fresh.state.version, windows, byId, maintenance: fresh.maintenance, profile: fresh.profile, schedule: fresh.schedule };
  }

  return {
    /** The current inputs; a cheap version check when nothing changed. */
    async get(sql: Sql): Promise<PlanningInputs> {
      lastSql = sql;
      const version = BigInt(await planningVersion(sql));
      while (!current || BigInt(current.version) < version) {
        loading ??= load(sql, current)
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
     * The inputs as last read, without asking the database (null before the first read): a transaction patches them
     * with the windows changed since their version as it sees them (the recompute, decision 012), so it needs
     * neither the version check nor a second connection while it holds its own.
     */
    peek(): PlanningInputs | null {
      return current;
    },

    /**
     * Brings the cache up to date in the background (with the pool of the last get), not waited for: a recompute
     * that found windows changed since the peeked version calls it, so the next one reads fewer (an instance that
     * only takes uploads would otherwise read ever more of them). Failures are left to the next get.
     */
    refresh(): void {
      if (lastSql && !loading) this.get(lastSql).catch(() => {});
    },

    /**
     * The result of `compute` for `key` on this version of the inputs, computed once: every dashboard that
     * shows the same range between two changes gets the same answer. At most MEMO_SIZE results are kept.
     */
    remember<T>(version: string, key: string, compute: () => T): T {
      if (version !== memoVersion) {
        memo.clear();
        memoVersion = version;
      }
      let value = memo.get(key) as T | undefined;
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
