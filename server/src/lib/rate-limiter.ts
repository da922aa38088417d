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
