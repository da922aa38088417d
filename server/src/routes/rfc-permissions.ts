import { userRfcPermission, userRfcPermissionSet } from '@cd/db';
import { RfcPermissionInput, RfcPermissionJson } from '@cd/shared';
import { accessScope } from '@cd/shared/access';
import { userMay } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';

export const userRfcPermissions = apiRouter().openapi(
  apiRoute({
    method: 'put',
    path: '/{id}/rfc-permission',
    tags: ['Wijzigingen'],
    operationId: 'setRfcPermission',
    summary: 'Indienen van RFC’s toestaan',
    description: 'Wijst aan wie namens een Afnemer RFC’s mag indienen, of trekt dat in (beheerder, of de klantraad-manager van die Afnemer).',
    request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: RfcPermissionInput, example: { mayFileRfc: true } } } } },
    responses: { 200: { description: 'De aanwijzing', content: { 'application/json': { schema: RfcPermissionJson } } }, 404: notFound, 409: conflict },
  }),
  async (c) => {
    const user = userMay(c, 'rfc.designate');
    const { sql } = c.get('deps');
    const id = c.req.valid('param').id;
    const target = await userRfcPermission(sql, id);
    if (!target) throw new ProblemError(404, 'Deze gebruiker bestaat niet.');
    if (target.afnemerOin === null) throw new ProblemError(409, 'Alleen medewerkers van een Afnemer worden aangewezen om RFC’s in te dienen.');
    const own = accessScope(user, 'rfc.designate');
    if (own !== null && target.afnemerOin !== own) {
      throw new ProblemError(403, 'U wijst alleen medewerkers van uw eigen Afnemer aan.');
    }
    const row = (await userRfcPermissionSet(sql, id, c.req.valid('json').mayFileRfc))!;
    return c.json({ userId: row.userId, email: row.email, afnemer: row.afnemerOin, mayFileRfc: row.mayFileRfc }, 200);
  },
);
