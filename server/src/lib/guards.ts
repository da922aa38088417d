import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.js';
import { ProblemError } from './problem.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cross-site writes made with the session cookie: the browser's Origin (or Sec-Fetch-Site) must be
 * this site. Bearer-token calls carry no ambient credentials and are not affected. SameSite=Strict is the
 * first line; this is the second.
 */
export const csrfGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE.has(c.req.method) || c.req.header('authorization') || !getCookie(c, 'cd_session')) return next();
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  let foreign = site === 'cross-site';
  if (origin) {
    try {
      foreign ||= new URL(origin).host !== host;
    } catch {
      foreign = true;
    }
  }
  if (foreign) throw new ProblemError(403, 'Dit verzoek komt van een andere website en is geweigerd.');
  return next();
});

/** A fixed-window counter per key, in memory: enough to slow down guessing from one address. */
export function rateLimiter(limit: number, windowMs: number) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts a hit; returns the seconds to wait when over the limit, else null. */
    hit(key: string, now: number): number | null {
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
      const entry = hits.get(key);
      if (!entry || entry.resetAt <= now) {
        hits.set(key, { count: 1, resetAt: now + windowMs });
        return null;
      }
      entry.count++;
      return entry.count > limit ? Math.ceil((entry.resetAt - now) / 1000) : null;
    },
  };
}
export type RateLimiter = ReturnType<typeof rateLimiter>;
