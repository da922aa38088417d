/**
 * Serialised answers (the bytes sent), per key, for one generation of their inputs (the versions the database
 * raises on every change): a new generation drops them all. Each answer also has the span of time it holds for,
 * [from, until): an answer that depends on the clock (a deadline passing) is built again once `until` is reached,
 * or when the clock reads earlier than `from`. Requests asking the same at the same time share one build; a failed
 * build is not kept. At most `size` answers are kept, the oldest dropped first.
 *
 * Built after the versions of its generation were read, an answer is never older than that generation.
 */
export interface CachedBytes {
  body: Uint8Array;
  from: number;
  until: number;
}

const encoder = new TextEncoder();

/** The JSON text of `value` as bytes, valid from `from` until `until` (Infinity: until the generation changes). */
export function bytesOf(value: unknown, from: number, until = Number.POSITIVE_INFINITY): CachedBytes {
  return { body: encoder.encode(JSON.stringify(value)), from, until };
}

export function bytesCache(size = 64) {
  let current = '';
  const entries = new Map<string, Promise<CachedBytes>>();
  return async function cached(generation: string, key: string, now: number, build: () => Promise<CachedBytes>): Promise<Uint8Array> {
    if (generation !== current) {
      entries.clear();
      current = generation;
    }
    const held = entries.get(key);
    if (held) {
      const entry = await held.catch(() => null);
      if (entry && now >= entry.from && now < entry.until) return entry.body;
    }
    const building = build();
    building.catch(() => {
      if (entries.get(key) === building) entries.delete(key);
    });
    // Only while the generation is still this one: a late request must not put an old answer in a newer generation.
    if (generation === current) {
      entries.delete(key);
      if (entries.size >= size) entries.delete(entries.keys().next().value!);
      entries.set(key, building);
    }
    return (await building).body;
  };
}
export type BytesCache = ReturnType<typeof bytesCache>;
