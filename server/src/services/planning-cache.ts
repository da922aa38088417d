import { planningState, planningVersion, type CapacityProfileRow, type Sql, type Tx } from '@cd/db';
import { afnemerCoder, type CapacitySchedule, type MaintenanceWindow, type PlanWindow, WINDOW_CONCEPT, WINDOW_DEFINITIEF } from '@cd/shared';
import { WINDOW_COLUMN_BYTES, type WindowColumns, windowColumnsIn } from './cpu-tasks.js';
import { planningInputsInRange } from './planning-inputs.js';

/** A list of counting windows and the same windows as detection's columns: entry k of each column is `windows[k]`. */
export interface WindowsVersion {
  /** Never changed afterwards. */
  windows: readonly PlanWindow[];
  /**
   * Views of one SharedArrayBuffer (a worker reads them without a copy), never written once made: a worker or a
   * reader of an older version may still read them. The Afnemer codes hold across incremental versions.
   */
  columns: WindowColumns;
}

export interface PlanningInputs extends WindowsVersion {
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

/** Where each window of a list sits, as windowsVersionPatched reads and moves them. */
export interface WindowPositions {
  get(id: number): number | undefined;
  set(id: number, at: number): void;
  delete(id: number): void;
}

/** Columns for `m` windows in one SharedArrayBuffer, in the layout of windowColumnsIn. */
function columnsShared(m: number, afnemers: string[]): WindowColumns {
  return { ...windowColumnsIn(new SharedArrayBuffer(m * WINDOW_COLUMN_BYTES), m), afnemers };
}

/**
 * The version after `changed` (windows as read since `base`, cancelled ones included), patched into copies of the
 * list and of its columns: a cancelled window's place is taken by the last one, a changed window keeps its place,
 * a new one is appended; `positions` (the places in `base.windows`) follows. The columns are a typed-array copy of
 * the base's with only the places written that the patch wrote in the list, so entry k is still `windows[k]`.
 * Neither `base.windows` nor `base.columns` is written. Edge: a cancelled window that is not in the list is skipped.
 */
export function windowsVersionPatched(base: WindowsVersion, changed: readonly PlanWindow[], positions: WindowPositions): WindowsVersion {
  const next = base.windows.slice();
  const written: number[] = [];
  for (const w of changed) {
    const at = positions.get(w.id);
    if (w.status === 'geannuleerd') {
      if (at === undefined) continue;
      const last = next.pop()!;
      if (last.id !== w.id) {
        next[at] = last;
        positions.set(last.id, at);
        written.push(at);
      }
      positions.delete(w.id);
    } else if (at === undefined) {
      positions.set(w.id, next.length);
      written.push(next.length);
      next.push(w);
    } else {
      next[at] = w;
      written.push(at);
    }
  }
  const m = next.length;
  // Seeded with the base's list, so the codes of a version hold in the next.
  const coder = afnemerCoder(base.columns.afnemers);
  const old = base.columns;
  const c = columnsShared(m, coder.afnemers);
  const kept = Math.min(m, old.id.length);
  c.id.set(old.id.subarray(0, kept));
  c.start.set(old.start.subarray(0, kept));
  c.end.set(old.end.subarray(0, kept));
  c.volume.set(old.volume.subarray(0, kept));
  c.afnemerCode.set(old.afnemerCode.subarray(0, kept));
  c.status.set(old.status.subarray(0, kept));
  for (const k of written) {
    if (k >= m) continue;
    const w = next[k]!;
    c.id[k] = w.id;
    c.start[k] = w.start;
    c.end[k] = w.end;
    c.volume[k] = w.volume;
    c.afnemerCode[k] = coder.code(w.afnemer);
    c.status[k] = w.status === 'definitief' ? WINDOW_DEFINITIEF : WINDOW_CONCEPT;
  }
  return { windows: next, columns: c };
}

/** No windows, no Afnemers: what a full load patches. */
export const WINDOWS_NONE: WindowsVersion = { windows: [], columns: columnsShared(0, []) };

const ALL = [0, Date.UTC(9999, 0, 1)] as const;
// Views of many planners (one per Afnemer) between two changes; a year's view is some hundreds of kilobytes.
const MEMO_SIZE = 128;

/**
 * All planning inputs of the database, kept in memory and brought up to date only when the planning version moved
 * (a counter raised by trigger in every changing transaction, so it also sees other server instances' changes).
 * An update reads only the windows changed since the cached version (migration 0008); after a delete it reloads
 * everything. Concurrent readers share one update. An update copies the window list (pointers only) and its columns
 * (typed arrays) and patches the copies, so a reader keeps the list and columns it was given; the id index is
 * patched in place.
 */
export function planningCache() {
  let current: PlanningInputs | null = null;
  let loading: Promise<void> | null = null;
  // The pool of the last get(): what refresh() reads with.
  let lastSql: Sql | null = null;
  // Where each window sits in the list of version `indexVersion` (the newest patched), and the windows by id.
  let indexOf = new Map<number, number>();
  let indexVersion = '';
  let byId = new Map<number, PlanWindow>();
  // Results computed from one version of the inputs (for example a serialised load view), dropped when it moves.
  let memoVersion = '';
  const memo = new Map<string, unknown>();

  /** The place of each window in `base.windows`: the id index when it describes that version, else one made for it. */
  function positionsOf(base: PlanningInputs): (id: number) => number | undefined {
    if (base.version === indexVersion) return (id) => indexOf.get(id);
    const own = new Map<number, number>();
    base.windows.forEach((w, k) => own.set(w.id, k));
    return (id) => own.get(id);
  }

  async function load(sql: Sql, base: PlanningInputs | null): Promise<PlanningInputs> {
    // One snapshot, so the version and the inputs belong together.
    const fresh = await sql.begin('isolation level repeatable read read only', async (tx: Tx) => {
      const state = await planningState(tx);
      const full = !base || BigInt(state.resetVersion) > BigInt(base.version);
      const inputs = await planningInputsInRange(tx, ALL[0], ALL[1], full || !base ? {} : { windowsChangedSince: base.version });
      return { state, full, changed: inputs.windows, maintenance: inputs.maintenance, profile: inputs.profiles[0]!, schedule: inputs.schedule };
    });
    const from = fresh.full || !base ? WINDOWS_NONE : base;
    if (from === WINDOWS_NONE) byId = new Map();
    if (from === WINDOWS_NONE || base!.version !== indexVersion) indexOf = new Map(from.windows.map((w, k) => [w.id, k]));
    const { windows, columns } = windowsVersionPatched(from, fresh.changed, indexOf);
    indexVersion = fresh.state.version;
    for (const w of fresh.changed) {
      if (w.status === 'geannuleerd') byId.delete(w.id);
      else byId.set(w.id, w);
    }
    return { version: fresh.state.version, windows, columns, byId, maintenance: fresh.maintenance, profile: fresh.profile, schedule: fresh.schedule };
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
     * `base` (inputs this cache gave) with `changed` patched in as windowsVersionPatched patches a version, for one
     * transaction's own view (the recompute): the list and columns are new, nothing of the cache moves.
     */
    patched(base: PlanningInputs, changed: readonly PlanWindow[]): WindowsVersion {
      const baseAt = positionsOf(base);
      // Places moved by this patch (null: gone), over the base's.
      const moved = new Map<number, number | null>();
      return windowsVersionPatched(base, changed, {
        get: (id) => {
          const at = moved.get(id);
          return at === undefined ? baseAt(id) : (at ?? undefined);
        },
        set: (id, at) => void moved.set(id, at),
        delete: (id) => void moved.set(id, null),
      });
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
