import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { versionedMemo } from './versioned-memo.js';

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
 * Answers as sent, per key, for one generation of their inputs (the versions the database raises on every change): a
 * versionedMemo whose answers also hold only for their span of time, so one that depends on the clock (a deadline
 * passing) is built again once its `until` is reached, or when the clock reads earlier than its `from`.
 */
export function bytesCache(size = 64) {
  const memo = versionedMemo<CachedBytes>(size);
  return (generation: string, key: string, now: number, build: () => Promise<CachedBytes>): Promise<CachedBytes> =>
    memo(generation, key, build, (entry) => now >= entry.from && now < entry.until);
}
export type BytesCache = ReturnType<typeof bytesCache>;
