import { migrationsPending, type Sql } from '@cd/db';
import { dutchCount } from '@cd/shared';
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { TrieRouter } from 'hono/router/trie-router';
import { DATABASE_RETRY_AFTER_SECONDS, ProblemError, problemResponse } from './problem.js';

/** How long /ready waits for the database before it calls it unreachable. */
export const READY_TIMEOUT_MS = 2000;

function noStore(c: Context) {
  c.header('Cache-Control', 'no-store');
}

/** GET /health: the process is alive and serving. Never touches the database, so a database outage does not restart it. */
export function healthHandler(c: Context) {
  noStore(c);
  return c.json({ status: 'ok' }, 200);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`geen antwoord binnen ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * GET /ready: 200 when the database answers and every migration file has been applied; 503 problem+json when the
 * database is unreachable, a migration is missing, or the server is shutting down (a proxy stops sending it work).
 */
export function readyHandler(sql: Sql, log: Logger, stopping?: AbortSignal) {
  return async (c: Context) => {
    noStore(c);
    const unavailable = (detail: string) => {
      const res = problemResponse(c, new ProblemError(503, detail));
      res.headers.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return res;
    };
    if (stopping?.aborted) return unavailable('De server wordt afgesloten.');
    let pending: string[];
    try {
      pending = await withTimeout(migrationsPending(sql), READY_TIMEOUT_MS);
    } catch (err) {
      // The cause (a host, a port) is for the log, not for whoever asks.
      log.warn({ err: (err as Error).message }, 'ready: database unreachable');
      return unavailable('De database is niet bereikbaar.');
    }
    if (pending.length > 0) return unavailable(`De database mist ${dutchCount(pending.length, 'migratie', 'migraties')}: ${pending.join(', ')}.`);
    return c.json({ status: 'ok' }, 200);
  };
}

/**
 * 404 problem+json for a path under `prefix` that no route of `app` serves, with any method; registered before the
 * authentication, so an anonymous caller of an unknown path hears 404 rather than 401. A known path with another
 * method goes on as before. The routes are read at the first request, when all are registered.
 */
export function unknownApiPath(app: { routes: readonly { method: string; path: string }[] }, prefix: string): MiddlewareHandler {
  let router: TrieRouter<true> | null = null;
  return async (c, next) => {
    if (!router) {
      router = new TrieRouter<true>();
      for (const r of app.routes) {
        // Middleware (use) is registered as ALL on a wildcard: it serves nothing by itself.
        if (!r.path.startsWith(prefix) || (r.method === 'ALL' && r.path.endsWith('*'))) continue;
        router.add('ALL', r.path, true);
      }
    }
    if (router.match('ALL', c.req.path)[0].length === 0) return problemResponse(c, new ProblemError(404, `Het pad ${c.req.path} bestaat niet.`));
    await next();
  };
}
