import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { Problem } from '@cd/shared';
import type { Logger } from 'pino';

const TITLES: Record<number, string> = {
  400: 'Ongeldige invoer',
  401: 'Niet aangemeld',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  409: 'Conflict',
  413: 'Te groot',
  415: 'Bestandstype niet ondersteund',
  429: 'Te veel verzoeken',
  500: 'Interne fout',
  503: 'Niet beschikbaar',
};

// Hono's own errors carry English text; these replace it (by message where Hono has several per status).
const DETAILS: Record<number, string> = {
  400: 'De aanvraag is ongeldig.',
  413: 'De aanvraag is te groot.',
  415: 'Dit bestandstype wordt niet ondersteund. Stuur CSV (text/csv), Excel (.xlsx), JSON of een multipart-formulier.',
};
const HONO_MESSAGES: Record<string, string> = {
  'Malformed JSON in request body': 'De aanvraag bevat geen geldige JSON.',
  'Malformed FormData request.': 'Het formulier (multipart/form-data) in de aanvraag is ongeldig.',
};

/** Seconds a client should wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// postgres.js and Node name a lost or refused connection by code; PostgreSQL itself by SQLSTATE class 08
// (connection exception) and 57P01-57P03 (the server shuts down, crashed or is still starting).
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
]);

/** True when `err` (or its cause, or one of an AggregateError's errors) means the database cannot be reached. */
export function errorIsDatabaseUnreachable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  const nested = [cause, ...(Array.isArray(errors) ? errors : [])];
  return nested.some((e) => errorIsDatabaseUnreachable(e, depth + 1));
}

/** A domain or HTTP error that the error handler turns into problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
    readonly errors?: Problem['errors'],
    readonly title = TITLES[status] ?? 'Fout',
  ) {
    super(detail);
  }
}

/** A 429 that tells the client, in Retry-After, after how many whole seconds a new attempt makes sense. */
export class TooManyRequestsError extends ProblemError {
  readonly retryAfterSeconds: number;
  constructor(detail: string, waitMs: number) {
    super(429, detail);
    this.retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  }
}

export function problemResponse(c: Context, p: ProblemError) {
  const body: Problem = { type: 'about:blank', title: p.title, status: p.status, detail: p.detail };
  if (p.errors) body.errors = p.errors;
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  if (p instanceof TooManyRequestsError) headers['Retry-After'] = String(p.retryAfterSeconds);
  return c.body(JSON.stringify(body), p.status, headers);
}

/** Maps zod issues to row errors; a path like windows.3.start becomes row 4, field start. */
export function zodIssuesToErrors(error: ZodError): NonNullable<Problem['errors']> {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    const idx = path.findIndex((p) => /^\d+$/.test(p));
    if (idx >= 0) {
      return { row: Number(path[idx]) + 1, field: path.slice(idx + 1).join('.') || path.join('.'), message: issue.message };
    }
    return { field: path.join('.') || '(body)', message: issue.message };
  });
}

/** The one place where every error becomes application/problem+json. */
export function errorToProblem(err: unknown, c: Context) {
  if (err instanceof ProblemError) return problemResponse(c, err);
  if (err instanceof ZodError) {
    return problemResponse(c, new ProblemError(400, 'De invoer voldoet niet aan het schema.', zodIssuesToErrors(err)));
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return problemResponse(c, new ProblemError(status, HONO_MESSAGES[err.message] ?? DETAILS[status] ?? `${TITLES[status] ?? 'Fout'}.`));
  }
  // A date the database cannot hold that slipped past validation: the transaction is rolled back, so nothing is stored.
  if (typeof err === 'object' && err !== null && ['22008', '22009'].includes(String((err as { code?: unknown }).code))) {
    return problemResponse(
      c,
      new ProblemError(400, 'Een datum of tijd ligt buiten het bereik dat kan worden opgeslagen (jaar 1 t/m 9999); er is niets opgeslagen.'),
    );
  }
  // The request's logger when the app set one (not on routes outside /api).
  const log = (c as Context<{ Variables: { log?: Logger } }>).get('log');
  if (errorIsDatabaseUnreachable(err)) {
    log?.warn({ code: (err as { code?: string }).code, path: c.req.path }, 'database unreachable');
    const res = problemResponse(c, new ProblemError(503, `De database is niet bereikbaar. Probeer het over ${DATABASE_RETRY_AFTER_SECONDS} seconden opnieuw.`));
    res.headers.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return res;
  }
  if (log) log.error({ err, path: c.req.path }, 'unhandled');
  else console.error(JSON.stringify({ level: 'error', msg: 'unhandled', path: c.req.path, err: String((err as Error)?.stack ?? err) }));
  return problemResponse(c, new ProblemError(500, 'Er ging iets mis aan onze kant. Probeer het later opnieuw.'));
}
