/**
 * Afnemer codes for detection's columns (issue 16, decision 012, fourth pass): each distinct OIN gets the next code,
 * its index in `afnemers`. A small table indexed by the OIN's last three characters answers a repeat without the
 * Map: the OINs of a planning are a few hundred strings, so most windows find their own in it, and a hit costs one
 * string comparison (the same string object, or equal text). The Map decides on a miss and is the only authority.
 */
export interface AfnemerCoder {
  /** The distinct Afnemers in the order they were first met; a code indexes this list. */
  readonly afnemers: string[];
  /** The code of `oin` (a new one the first time). */
  code(oin: string): number;
}

const SLOTS = 1024;

/** The slot of an OIN in the table: its last three characters (OINs are 20 digits; any string works). */
function slotOf(oin: string): number {
  const n = oin.length;
  // charCodeAt past the start gives NaN, and NaN | 0 is 0.
  return ((oin.charCodeAt(n - 1) | 0) + 10 * (oin.charCodeAt(n - 2) | 0) + 100 * (oin.charCodeAt(n - 3) | 0)) & (SLOTS - 1);
}

/**
 * A coder; with `known` (distinct OINs, e.g. an earlier coder's list), each of them keeps its index as code, so codes
 * made before stay valid and a new OIN is appended.
 */
export function afnemerCoder(known: readonly string[] = []): AfnemerCoder {
  const afnemers: string[] = [];
  const codeOf = new Map<string, number>();
  const keys = new Array<string | undefined>(SLOTS).fill(undefined);
  const codes = new Int32Array(SLOTS);
  const coder: AfnemerCoder = {
    afnemers,
    code(oin: string): number {
      const slot = slotOf(oin);
      if (keys[slot] === oin) return codes[slot]!;
      let code = codeOf.get(oin);
      if (code === undefined) {
        code = afnemers.length;
        codeOf.set(oin, code);
        afnemers.push(oin);
      }
      keys[slot] = oin;
      codes[slot] = code;
      return code;
    },
  };
  for (const oin of known) coder.code(oin);
  return coder;
}
