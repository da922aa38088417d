/** A window's share of a conflict: `load` = its messages inside the conflict's run (the object form, as stored and served). */
export interface ConflictWindow {
  afnemer: string;
  kenmerk: string;
  id: number;
  load: number;
}

/** What a conflict window takes from its send window besides id and load. */
export interface ConflictWindowSource {
  readonly afnemer: string;
  readonly kenmerk: string;
}

/**
 * The windows of a conflict as columns (issue 16, decision 012): entry j is the window `id[j]` with `load[j]` of its
 * messages inside the run, whose Afnemer and kenmerk are those of `source[index[j]]` (the input window it came from).
 * Detection at 500,000 windows put 475,000 windows in conflicts; as one object each they were made, sorted and
 * promoted by the garbage collector, about two detections' worth of work. The columns may be views into arrays shared
 * by all conflicts of one detection: copy them (`slice`) before handing them to another thread.
 * Edge: `toJSON` gives the object form, so JSON of a conflict reads as before.
 */
export class ConflictWindows {
  readonly length: number;

  constructor(
    /** The window ids, in the conflict's order: largest load first, ties by lower id. */
    readonly id: Float64Array,
    /** Each window's messages inside the conflict's run. */
    readonly load: Float64Array,
    /** Each window's position in `source`. */
    readonly index: Int32Array,
    readonly source: readonly ConflictWindowSource[],
  ) {
    if (load.length !== id.length || index.length !== id.length) {
      throw new RangeError(`conflict window columns differ in length: ${id.length}, ${load.length}, ${index.length}`);
    }
    this.length = id.length;
  }

  /** The columns of a list of window objects (each its own source), in the list's order. */
  static of(list: readonly ConflictWindow[]): ConflictWindows {
    const n = list.length;
    const id = new Float64Array(n);
    const load = new Float64Array(n);
    const index = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      id[j] = list[j]!.id;
      load[j] = list[j]!.load;
      index[j] = j;
    }
    return new ConflictWindows(id, load, index, list);
  }

  afnemer(j: number): string {
    return this.source[this.index[j]!]!.afnemer;
  }

  kenmerk(j: number): string {
    return this.source[this.index[j]!]!.kenmerk;
  }

  /** Entry j as an object. */
  at(j: number): ConflictWindow {
    const s = this.source[this.index[j]!]!;
    return { afnemer: s.afnemer, kenmerk: s.kenmerk, id: this.id[j]!, load: this.load[j]! };
  }

  /** The window ids in the conflict's order. */
  ids(): number[] {
    return Array.from(this.id);
  }

  /** The first `limit` entries (all by default) as objects, in the conflict's order. */
  list(limit = this.length): ConflictWindow[] {
    const n = Math.max(0, Math.min(limit, this.length));
    const out = new Array<ConflictWindow>(n);
    for (let j = 0; j < n; j++) out[j] = this.at(j);
    return out;
  }

  toJSON(): ConflictWindow[] {
    return this.list();
  }
}

/** The conflict with its windows as objects (what is stored and served; what the brute force returns). */
export function conflictObjects<C extends { windows: ConflictWindows }>(conflict: C): Omit<C, 'windows'> & { windows: ConflictWindow[] } {
  return { ...conflict, windows: conflict.windows.list() };
}
