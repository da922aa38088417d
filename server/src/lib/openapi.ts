import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import { Problem } from '@cd/shared';
import type { AppEnv } from './context.js';
import { ProblemError, zodIssuesToErrors } from './problem.js';

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
  503: problem('Database niet bereikbaar; probeer het na Retry-After seconden opnieuw'),
};

type Responses = RouteConfig['responses'];

/** A route with the API-Version header on every success response and problem+json for every error. */
export function apiRoute<R extends Omit<RouteConfig, 'responses'> & { responses: Responses }>(config: R) {
  // Every body is limited (1 MB, uploads 20 MB) before it is read.
  const responses: Responses = { ...problemResponses, ...(config.request?.body ? { 413: problem('Te groot') } : {}) };
  for (const [code, response] of Object.entries(config.responses)) {
    responses[code] = /^[23]/.test(code) ? { ...response, headers: versionHeader } : response;
  }
  return createRoute({ ...config, responses } as R);
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
export const tooManyRequests = problem('Te veel pogingen');
