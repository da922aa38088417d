import { apiTokenById, apiTokenCreate, apiTokensOfUser, apiTokensRevoke } from '@cd/db';
import { ApiTokenCreated, ApiTokenInput, ApiTokenJson, apiTokenExpiry } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { roleMay } from '@cd/shared/access';
import { userRequire } from '../lib/context.js';
import { secretToken, tokenHash } from '../lib/crypto.js';
import { apiRoute, apiRouter, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { tokenJson } from '../views/api-tokens.js';

const TokensQuery = z.object({
  userId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ param: { name: 'userId', in: 'query' }, description: 'Alleen voor de beheerder: de tokens van deze gebruiker' }),
});

const NOT_YOURS = 'Dit token bestaat niet of is niet van u.';

export const apiTokens = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['API-tokens'],
      operationId: 'listApiTokens',
      summary: 'Mijn API-tokens',
      description:
        'Uw API-tokens met omschrijving, aangemaakt, vervaldatum, laatst gebruikt en status, nooit het geheim; de beheerder vraagt met userId die van een ander op.',
      request: { query: TokensQuery },
      responses: { 200: { description: 'Nieuwste eerst', content: { 'application/json': { schema: z.array(ApiTokenJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const { userId } = c.req.valid('query');
      if (userId !== undefined && userId !== user.id && !roleMay(user.role, 'token.manage-any')) {
        throw new ProblemError(403, 'Alleen de beheerder ziet de tokens van een ander.');
      }
      const { sql, now } = c.get('deps');
      const at = now();
      return c.json(
        (await apiTokensOfUser(sql, userId ?? user.id)).map((row) => tokenJson(row, at)),
        200,
      );
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['API-tokens'],
      operationId: 'createApiToken',
      summary: 'API-token aanmaken',
      description:
        'Maakt een nieuw API-token voor uzelf, voor automatische aanlevering (1 t/m 365 dagen geldig, standaard 365). Het geheim staat alleen in dit antwoord.',
      request: { body: { required: true, content: { 'application/json': { schema: ApiTokenInput, example: { label: 'Aanlevering SAP', days: 90 } } } } },
      responses: { 201: { description: 'Aangemaakt', content: { 'application/json': { schema: ApiTokenCreated } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const { label, days } = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const at = now();
      const token = secretToken('cdt');
      const row = await apiTokenCreate(sql, tokenHash(token), user.id, apiTokenExpiry(at, days), label, at);
      return c.json({ ...tokenJson(row, at), token }, 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['API-tokens'],
      operationId: 'revokeApiToken',
      summary: 'API-token intrekken',
      description: 'Trekt een API-token in; het werkt daarna niet meer. Eigen tokens, en voor de beheerder ook die van anderen.',
      request: { params: IdParam },
      responses: { 204: { description: 'Ingetrokken (of was al ingetrokken)' }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { id } = c.req.valid('param');
      const { sql, now } = c.get('deps');
      const row = await apiTokenById(sql, id);
      // Someone else's token does not exist for you, unless you are the administrator.
      if (!row || (row.userId !== user.id && !roleMay(user.role, 'token.manage-any'))) throw new ProblemError(404, NOT_YOURS);
      await apiTokensRevoke(sql, row.userId, [row.id], now(), user.id);
      return c.body(null, 204);
    },
  );
