import { apiTokenUser, sessionUser } from '@cd/db';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.js';
import { tokenHash } from './crypto.js';

export const SESSION_COOKIE = 'cd_session';

/** Loads the user from the session cookie or a Bearer token; leaves null when neither is valid. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { sql, now } = c.get('deps');
  const header = c.req.header('authorization');
  let user = null;
  if (header?.toLowerCase().startsWith('bearer ')) {
    user = await apiTokenUser(sql, tokenHash(header.slice(7).trim()), now());
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) user = await sessionUser(sql, tokenHash(cookie), now());
  }
  c.set('user', user);
  await next();
});
