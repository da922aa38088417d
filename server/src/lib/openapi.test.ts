import { type RouteConfig, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { apiRoute, publicAccess, securitySchemes, signedIn } from './openapi.js';

const ok = { 200: { description: 'Goed', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } } };
/** The route as @hono/zod-openapi documents it (apiRoute's return type is its input's, which has no defaults). */
const documentedRoute = (route: unknown) => route as RouteConfig;
const documented = { method: 'get' as const, path: '/', operationId: 'getThing', summary: 'Een ding', description: 'Het ding.', responses: ok };

describe('apiRoute', () => {
  it('asks for the session cookie or an API token unless the route says otherwise', () => {
    expect(documentedRoute(apiRoute(documented)).security).toEqual([{ sessionCookie: [] }, { apiToken: [] }]);
    expect(documentedRoute(apiRoute(documented)).security).toBe(signedIn);
  });

  it('keeps an explicit security, such as none for a public operation', () => {
    expect(documentedRoute(apiRoute({ ...documented, security: publicAccess })).security).toEqual([]);
  });

  it('names only schemes that the document declares', () => {
    expect(signedIn.flatMap((s) => Object.keys(s)).filter((name) => !(name in securitySchemes))).toEqual([]);
  });

  it('adds problem+json for the errors, the API-Version header on success, and 413 only where a body is read', () => {
    const route = documentedRoute(apiRoute(documented));
    expect(Object.keys(route.responses).sort()).toEqual(['200', '400', '401', '403', '500', '503']);
    expect(route.responses[200]).toMatchObject({ headers: { 'API-Version': expect.any(Object) } });
    expect(route.responses[503]).toMatchObject({ headers: { 'Retry-After': expect.any(Object) } });
    const withBody = apiRoute({ ...documented, method: 'post', request: { body: { content: { 'application/json': { schema: z.object({}) } } } } });
    expect(withBody.responses).toHaveProperty('413');
  });

  it('does not compile without an operationId, a summary or a description', () => {
    const { operationId: _id, ...withoutId } = documented;
    const { summary: _summary, ...withoutSummary } = documented;
    const { description: _description, ...withoutDescription } = documented;
    // @ts-expect-error operationId is required
    expect(apiRoute(withoutId).operationId).toBeUndefined();
    // @ts-expect-error summary is required
    expect(apiRoute(withoutSummary).summary).toBeUndefined();
    // @ts-expect-error description is required
    expect(apiRoute(withoutDescription).description).toBeUndefined();
  });
});
