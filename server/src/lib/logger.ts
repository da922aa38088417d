import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { AppEnv } from './context.js';

/** Paths that may carry secrets in a log object; pino replaces them, whatever the caller logs. */
const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** A structured JSON logger (pino) with secrets redacted. */
export function loggerCreate(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[verborgen]' }, base: { app: 'capaciteitsdashboard' } }, destination);
}

/**
 * The server process's logger: JSON lines on stdout, or the same lines made readable (pino-pretty) when stdout is
 * a terminal. Written synchronously, so the last lines before an exit are not lost.
 */
export function loggerForProcess(level: string, stdout: { isTTY?: boolean } = process.stdout): Logger {
  if (!stdout.isTTY) return loggerCreate(level, pino.destination({ dest: 1, sync: true }));
  return loggerCreate(level, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' }));
}

/** The path with any token-like segment (cdf_, cdt_, cds_ secrets) replaced. */
export function pathForLog(path: string): string {
  return path.replace(/\/cd[fst]_[^/]*/g, '/[verborgen]');
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Gives every request an id (a sane X-Request-Id from the caller, or a new one) and logs it when done. */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const given = c.req.header('x-request-id');
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  const log = c.get('logger').child({ reqId: id });
  c.set('log', log);
  c.header('X-Request-Id', id);
  const started = performance.now();
  await next();
  // Only the path, and with secrets in it (a calendar feed's token) hidden.
  log.info(
    { method: c.req.method, path: pathForLog(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started), user: c.get('user')?.id ?? null },
    'request',
  );
});
