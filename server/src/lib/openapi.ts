import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import { Problem } from '@cd/shared';
import { SESSION_COOKIE } from './auth.js';
import type { AppEnv } from './context.js';
import { DATABASE_RETRY_AFTER_SECONDS, ProblemError, zodIssuesToErrors } from './problem.js';

export const API_VERSION = '1.0.0';

export const versionHeader = {
  'API-Version': { description: 'Volledig versienummer van de API', schema: { type: 'string' as const, example: API_VERSION } },
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

export const problemResponses = {
  400: problem('Ongeldige invoer'),
  401: problem('Niet aangemeld'),
  403: problem('Geen toegang'),
  500: problem('Interne fout'),
  503: {
    ...problem('Database niet bereikbaar; probeer het na Retry-After seconden opnieuw'),
    headers: {
      'Retry-After': {
        description: 'Aantal seconden waarna een nieuwe poging zin heeft',
        schema: { type: 'integer' as const, example: DATABASE_RETRY_AFTER_SECONDS },
      },
    },
  },
};

/** The two ways to be signed in, as OpenAPI security schemes (registered on the document in app.ts). */
export const securitySchemes = {
  sessionCookie: {
    type: 'apiKey' as const,
    in: 'cookie' as const,
    name: SESSION_COOKIE,
    description: 'Sessie na POST /sessions: HttpOnly-cookie met SameSite=Strict. Schrijfacties met dit cookie moeten van deze website komen (Origin).',
  },
  apiToken: {
    type: 'http' as const,
    scheme: 'bearer',
    description: 'API-token voor automatische aanlevering (POST /tokens of pnpm cli token add): Authorization: Bearer <token>.',
  },
};

/** Signed in with the session cookie or an API token: what every operation but the public ones needs. */
export const signedIn: NonNullable<RouteConfig['security']> = [{ sessionCookie: [] }, { apiToken: [] }];
/** Anyone may call it: the operations signInRequired (lib/auth.ts) lets through without a user. */
export const publicAccess: NonNullable<RouteConfig['security']> = [];

type Responses = RouteConfig['responses'];

/**
 * What every operation must say about itself: a unique camelCase English operationId, a short Dutch summary and a
 * Dutch description. Without them a route does not compile. `security` defaults to signedIn; public operations
 * pass publicAccess.
 */
export type ApiRouteConfig = Omit<RouteConfig, 'responses' | 'operationId' | 'summary' | 'description'> & {
  operationId: string;
  summary: string;
  description: string;
  responses: Responses;
};

/** A route with the API-Version header on every success response, problem+json for every error and its security. */
export function apiRoute<R extends ApiRouteConfig>(config: R) {
  // Every body is limited (1 MB, uploads 20 MB) before it is read.
  const responses: Responses = { ...problemResponses, ...(config.request?.body ? { 413: problem('Te groot') } : {}) };
  for (const [code, response] of Object.entries(config.responses)) {
    responses[code] = /^[23]/.test(code) ? { ...response, headers: versionHeader } : response;
  }
  return createRoute({ ...config, security: config.security ?? signedIn, responses } as R);
}

/** A router whose zod failures become 400 problem+json with one entry per issue. */
export function apiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ProblemError(400, 'De invoer voldoet niet aan de eisen.', zodIssuesToErrors(result.error));
      }
    },
  });
}

/** The path parameter `{id}` of one resource: a positive whole number (anything else is a 400). */
export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const notFound = problem('Niet gevonden');
export const conflict = problem('Conflict');
export const tooLarge = problem('Te groot');
export const unsupportedType = problem('Bestandstype niet ondersteund');
export const tooManyRequests = {
  ...problem('Te veel pogingen: de limiet per adres of de blokkade van het account na mislukte aanmeldingen'),
  headers: {
    'Retry-After': {
      description: 'Aantal seconden waarna een nieuwe poging zin heeft',
      schema: { type: 'integer' as const, example: 60 },
    },
  },
};
