import { sessionCreate, sessionDelete, userByEmail, userLoginFailed, userLoginSucceeded } from '@cd/db';
import { CurrentUser, LoginRequest } from '@cd/shared';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../lib/auth.js';
import { userRequire } from '../lib/context.js';
import { passwordVerify, secretToken, tokenHash } from '../lib/crypto.js';
import { clientAddress, requestIsHttps } from '../lib/guards.js';
import { apiRoute, apiRouter, tooManyRequests, publicAccess } from '../lib/openapi.js';
import { ProblemError, TooManyRequestsError } from '../lib/problem.js';
import { instantClockDutch } from '@cd/shared/time';
import { currentUserJson } from '../views/sessions.js';

const MAX_FAILED_LOGINS = 5;
const LOCK_MS = 15 * 60_000;

// A fixed hash to compare against when the e-mail is unknown, so timing does not reveal which accounts exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export const sessions = apiRouter()
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Aanmelden'],
      operationId: 'createSession',
      security: publicAccess,
      summary: 'Aanmelden',
      description: `Meldt aan met e-mail en wachtwoord en zet de sessie in een HttpOnly-cookie (SameSite=Strict); elke aanmelding krijgt een nieuwe sessie. Een fout wachtwoord geeft altijd hetzelfde antwoord, ook voor een onbekend of geblokkeerd adres. Per adres geldt een limiet op het aantal pogingen, en na ${MAX_FAILED_LOGINS} mislukte pogingen wordt het account ${LOCK_MS / 60_000} minuten geblokkeerd: dan 429.`,
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: LoginRequest, example: { email: 'planner@belastingdienst.example', password: 'demo-wachtwoord' } } },
        },
      },
      responses: {
        201: { description: 'Aangemeld; de sessie staat in een HttpOnly-cookie', content: { 'application/json': { schema: CurrentUser } } },
        429: tooManyRequests,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { email, password } = c.req.valid('json');
      const now = deps.now();
      const wait = c.get('loginLimiter').hit(clientAddress(c), now.getTime());
      if (wait !== null) throw new TooManyRequestsError(`Te veel aanmeldpogingen vanaf dit adres. Probeer het over ${wait} seconden opnieuw.`, wait * 1000);
      const user = await userByEmail(deps.sql, email);
      const locked = user?.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
      // Always one password check, and one answer for every wrong password, locked or not, known or not: neither
      // the status, the text nor the time tells whether an e-mail address has an account.
      const ok = await passwordVerify(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !user.passwordHash || !ok) {
        // Attempts during a lock do not extend it. The same update runs for every failure (on no row, id 0, for an
        // unknown address or a locked account), so a known address does not take measurably longer.
        const counted = user && !locked ? user.id : 0;
        const lock = await userLoginFailed(deps.sql, counted, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MS));
        if (counted && lock && lock > now) c.get('log').warn({ user: counted }, 'account locked after failed logins');
        throw new ProblemError(401, 'E-mailadres of wachtwoord is onjuist.');
      }
      // Only who knows the password learns that the account is locked.
      if (locked) {
        throw new TooManyRequestsError(
          `Dit account is tijdelijk geblokkeerd na ${MAX_FAILED_LOGINS} mislukte pogingen. Probeer het na ${instantClockDutch(locked.getTime())} opnieuw.`,
          locked.getTime() - now.getTime(),
        );
      }
      await userLoginSucceeded(deps.sql, user.id);
      // Always a fresh token: a session id planted before login is never promoted (no fixation).
      const old = getCookie(c, SESSION_COOKIE);
      if (old) await sessionDelete(deps.sql, tokenHash(old));
      const token = secretToken('cds');
      const expires = new Date(deps.now().getTime() + deps.sessionHours * 3600_000);
      await sessionCreate(deps.sql, tokenHash(token), user.id, expires);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        // Max-Age counts from receipt, on the browser's clock: a browser whose clock differs from the server's
        // (hours off, another day) keeps the session its full length; Expires alone would end it at once there.
        maxAge: deps.sessionHours * 3600,
        expires,
        secure: requestIsHttps(c),
      });
      return c.json(await currentUserJson(deps, user), 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/current',
      tags: ['Aanmelden'],
      operationId: 'getCurrentSession',
      summary: 'De aangemelde gebruiker',
      description: 'Wie er is aangemeld (met de sessie of een API-token): e-mailadres, rol en Afnemer.',
      responses: { 200: { description: 'De gebruiker', content: { 'application/json': { schema: CurrentUser } } } },
    }),
    async (c) => c.json(await currentUserJson(c.get('deps'), userRequire(c)), 200),
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/current',
      tags: ['Aanmelden'],
      operationId: 'deleteCurrentSession',
      security: publicAccess,
      summary: 'Afmelden',
      description: 'Beëindigt de sessie en wist het cookie. Ook zonder geldige sessie antwoordt dit 204, zodat afmelden altijd lukt.',
      responses: { 204: { description: 'Afgemeld' } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await sessionDelete(c.get('deps').sql, tokenHash(token));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );
