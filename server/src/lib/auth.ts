import { apiTokenUser, sessionUser } from '@cd/db';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { userRequire, type AppEnv } from './context.js';
import { tokenHash } from './crypto.js';

export const SESSION_COOKIE = 'cd_session';

/** How the request's user was recognised: the CSRF guard is skipped only for a Bearer token that authenticated. */
export type AuthMethod = 'bearer' | 'cookie' | null;

/**
 * Loads the user from a Bearer token or else the session cookie; leaves null when that one is not valid.
 * A Bearer header decides alone: a bad token never falls back to the cookie beside it. Any other
 * Authorization scheme (Basic, ...) authenticates nothing, so the cookie and with it the CSRF guard apply.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { sql, now } = c.get('deps');
  const header = c.req.header('authorization');
  let user = null;
  let method: AuthMethod = null;
  if (header && /^bearer\s/i.test(header)) {
    user = await apiTokenUser(sql, tokenHash(header.slice(7).trim()), now());
    if (user) method = 'bearer';
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) user = await sessionUser(sql, tokenHash(cookie), now());
    if (user) method = 'cookie';
  }
  c.set('user', user);
  c.set('authMethod', method);
  await next();
});

/**
 * The operations anyone may call; every other /api path answers 401 to an anonymous caller before its
 * parameters or body are looked at. The calendar feed is reached by its secret token alone.
 */
const PUBLIC_OPERATIONS: readonly { methods: readonly string[]; path: RegExp }[] = [
  { methods: ['POST'], path: /^\/api\/v1\/sessions$/ },
  { methods: ['DELETE'], path: /^\/api\/v1\/sessions\/current$/ },
  { methods: ['GET', 'HEAD'], path: /^\/api\/v1\/openapi\.json$/ },
  // GET /calendar-feeds/{feedFile}: the route answers 404 itself to anything but a live <token>.ics.
  { methods: ['GET', 'HEAD'], path: /^\/api\/v1\/calendar-feeds\/[^/]+$/ },
];

/** 401 for an anonymous caller of anything but the public operations: authentication before validation. */
export const signInRequired = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('user') && !PUBLIC_OPERATIONS.some((op) => op.methods.includes(c.req.method) && op.path.test(c.req.path))) {
    userRequire(c);
  }
  await next();
});
