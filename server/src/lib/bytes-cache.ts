import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

/**
 * An answer as sent: its JSON as bytes, and the span of time it holds for, [from, until) (Infinity: until its inputs
 * change). The gzip form is made once, when a caller that accepts it first asks.
 */
export interface CachedBytes {
  readonly body: Uint8Array;
  readonly from: number;
  readonly until: number;
  gzip?: Uint8Array;
}

const encoder = new TextEncoder();

/** The JSON text of `value` as bytes, valid from `from` until `until`. */
export function bytesOf(value: unknown, from: number, until = Number.POSITIVE_INFINITY): CachedBytes {
  return bytesOfText(JSON.stringify(value), from, until);
}

/** `text` (JSON) as bytes, valid from `from` until `until`. */
export function bytesOfText(text: string, from: number, until = Number.POSITIVE_INFINITY): CachedBytes {
  return { body: encoder.encode(text), from, until };
}

/** Smaller answers are sent as they are: compressing them saves less than it costs. */
const GZIP_MIN_BYTES = 1024;

/** True when Accept-Encoding lists gzip (or *) without q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/**
 * The answer as JSON, gzipped when the caller accepts that (browsers do; the gzip form is made once per answer, not
 * per request, so a proxy in front need not compress it again either).
 */
export function cachedJson(c: Context, entry: CachedBytes): Response {
  c.header('Vary', 'Accept-Encoding', { append: true });
  if (entry.body.byteLength >= GZIP_MIN_BYTES && acceptsGzip(c.req.header('accept-encoding'))) {
    entry.gzip ??= gzipSync(entry.body, { level: 6 });
    return c.body(entry.gzip as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
  }
  return c.body(entry.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/json' });
}

/**
 * Answers as sent, per key, for one generation of their inputs (the versions the database raises on every change):
 * a new generation drops them all. An answer that depends on the clock (a deadline passing) is built again once its
 * `until` is reached, or when the clock reads earlier than its `from`. Requests asking the same at the same time share
 * one build; a failed build is not kept. At most `size` answers are kept, the oldest dropped first.
 *
 * Built after the versions of its generation were read, an answer is never older than that generation.
 */
export function bytesCache(size = 64) {
  let current = '';
  const entries = new Map<string, Promise<CachedBytes>>();
  return async function cached(generation: string, key: string, now: number, build: () => Promise<CachedBytes>): Promise<CachedBytes> {
    if (generation !== current) {
      entries.clear();
      current = generation;
    }
    const held = entries.get(key);
    if (held) {
      const entry = await held.catch(() => null);
      if (entry && now >= entry.from && now < entry.until) return entry;
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
    return building;
  };
}
export type BytesCache = ReturnType<typeof bytesCache>;
