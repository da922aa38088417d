import { getCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { ProblemError } from './problem.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cross-site writes made with the session cookie: the browser's Origin (or Sec-Fetch-Site) must be
 * this site. Only a call that a Bearer token actually authenticated is exempt (it carries no ambient
 * credentials); any other Authorization header does not lift the guard. SameSite=Strict is the first line;
 * this is the second. Behind a proxy (TRUST_PROXY) the site is the host the browser asked the proxy for.
 */
export const csrfGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE.has(c.req.method) || c.get('authMethod') === 'bearer' || !getCookie(c, 'cd_session')) return next();
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const host = requestHost(c);
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

/** The largest request body of any route but an upload: JSON forms and actions are far below it. */
export const JSON_BODY_MAX_BYTES = 1024 * 1024;

/** Routes that take files and enforce their own, larger limit (UPLOAD_LIMITS, 20 MB) on the route itself. */
const UPLOAD_ROUTES: readonly { method: string; path: string }[] = [{ method: 'POST', path: '/api/v1/prognoses' }];

const jsonBodyLimit = bodyLimit({
  maxSize: JSON_BODY_MAX_BYTES,
  onError: () => {
    throw new ProblemError(
      413,
      'De aanvraag is groter dan 1 MB en is niet gelezen. Stuur een kleinere aanvraag; bestanden gaan via POST /api/v1/prognoses (tot 20 MB).',
    );
  },
});

/**
 * 413 for a body over 1 MB on every route except the uploads, decided before the body is read in full:
 * at once from Content-Length, or while a chunked body streams in, as soon as it passes the limit.
 */
export const bodyLimits = createMiddleware<AppEnv>(async (c, next) => {
  if (UPLOAD_ROUTES.some((r) => r.method === c.req.method && r.path === c.req.path)) return next();
  return jsonBodyLimit(c, next);
});

function lastListed(header: string | undefined): string | null {
  const last = header?.split(',').at(-1)?.trim();
  return last ? last : null;
}

/**
 * The caller's address, the key of the login limiter. With TRUST_PROXY the last X-Forwarded-For entry
 * (what the proxy in front saw; the entries before it are written by the client and not believed),
 * otherwise the socket's peer. 'lokaal' when neither is known (app.request in tests).
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.get('deps').trustProxy) {
    const forwarded = lastListed(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? 'lokaal';
}

/** True when the browser reached us over https: the URL's scheme, or with TRUST_PROXY the proxy's X-Forwarded-Proto. */
export function requestIsHttps(c: Context<AppEnv>): boolean {
  if (c.get('deps').trustProxy) {
    const proto = lastListed(c.req.header('x-forwarded-proto'));
    if (proto) return proto.toLowerCase() === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * The host the browser addressed: with TRUST_PROXY the proxy's X-Forwarded-Host (the last entry, written by the
 * proxy in front of us), else the Host header. Without TRUST_PROXY a forwarded host is never believed.
 */
export function requestHost(c: Context<AppEnv>): string {
  if (c.get('deps').trustProxy) {
    const forwarded = lastListed(c.req.header('x-forwarded-host'));
    if (forwarded) return forwarded;
  }
  return c.req.header('host') ?? new URL(c.req.url).host;
}
