import { releaseById, releaseDelete, releaseInsert, releasesList, releaseUpdate, rfcsOfReleases, type Tx } from '@cd/db';
import { RangeInstant, ReleaseInput, ReleaseJson } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { releaseCapacityChanged } from '../services/release-capacity.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';
import { releasesJson } from '../views/releases.js';

const toInput = (b: z.infer<typeof ReleaseInput>) => ({ ...b, start: new Date(b.start), end: new Date(b.end) });

export const releases = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Wijzigingen'],
      operationId: 'listReleases',
      summary: 'Releasekalender',
      description: 'De releasekalender, eventueel binnen een periode, met de capaciteitsfactor van elke release.',
      request: { query: z.object({ from: RangeInstant.optional(), to: RangeInstant.optional() }) },
      responses: { 200: { description: 'Releases op volgorde van begin', content: { 'application/json': { schema: z.array(ReleaseJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const { sql } = c.get('deps');
      const rows = await releasesList(sql, q.from ? new Date(q.from) : null, q.to ? new Date(q.to) : null);
      return c.json(await releasesJson(sql, rows, user), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Wijzigingen'],
      operationId: 'getRelease',
      summary: 'Eén release',
      description: 'Eén release met de RFC’s die erin zijn ingepland.',
      request: { params: IdParam },
      responses: { 200: { description: 'De release', content: { 'application/json': { schema: ReleaseJson } } }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql } = c.get('deps');
      const row = await releaseById(sql, c.req.valid('param').id);
      if (!row) throw new ProblemError(404, 'Deze release bestaat niet.');
      return c.json((await releasesJson(sql, [row], user))[0]!, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Wijzigingen'],
      operationId: 'createRelease',
      summary: 'Release plannen',
      description: 'Plant een release; de capaciteitsfactor wordt een releasevenster en de conflicten worden herberekend.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: ReleaseInput,
              example: {
                name: 'Release 2027.1',
                description: 'Nieuwe versie van de Berichtenbox',
                start: '2027-03-06T22:00:00+01:00',
                end: '2027-03-07T02:00:00+01:00',
                factor: 0.7,
              },
            },
          },
        },
      },
      responses: { 201: { description: 'Gepland', content: { 'application/json': { schema: ReleaseJson } } } },
    }),
    async (c) => {
      const user = userMay(c, 'release.manage');
      const input = toInput(c.req.valid('json'));
      const { sql, now, procedure } = c.get('deps');
      horizonRequire(horizonNow(c.get('deps')), horizonFields(input));
      const at = now();
      const id = await sql.begin(async (tx: Tx) => {
        const newId = await releaseInsert(tx, input, user.id, at);
        await releaseCapacityChanged(tx, input, null, 'gepland', at, procedure, c.get('planning'));
        return newId;
      });
      return c.json((await releasesJson(sql, [(await releaseById(sql, id))!], user))[0]!, 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/{id}',
      tags: ['Wijzigingen'],
      operationId: 'updateRelease',
      summary: 'Release wijzigen',
      description: 'Wijzigt of verplaatst een release; de conflicten worden herberekend en betrokken planners krijgen bericht.',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: ReleaseInput,
              example: {
                name: 'Release 2027.1',
                description: 'Nieuwe versie van de Berichtenbox',
                start: '2027-03-06T22:00:00+01:00',
                end: '2027-03-07T02:00:00+01:00',
                factor: 0.7,
              },
            },
          },
        },
      },
      responses: { 200: { description: 'Gewijzigd', content: { 'application/json': { schema: ReleaseJson } } }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, 'release.manage');
      const id = c.req.valid('param').id;
      const input = toInput(c.req.valid('json'));
      const { sql, now, procedure } = c.get('deps');
      horizonRequire(horizonNow(c.get('deps')), horizonFields(input));
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const old = await releaseById(tx, id, true);
        if (!old) throw new ProblemError(404, 'Deze release bestaat niet.');
        await releaseUpdate(tx, id, input, user.id, at);
        const moved = old.startAt.getTime() !== input.start.getTime() || old.endAt.getTime() !== input.end.getTime();
        if (moved || old.factor !== input.factor || old.maintenanceWindowId === null) {
          await releaseCapacityChanged(tx, input, { start: old.startAt, end: old.endAt }, moved ? 'verplaatst' : 'gewijzigd', at, procedure, c.get('planning'));
        }
      });
      return c.json((await releasesJson(sql, [(await releaseById(sql, id))!], user))[0]!, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['Wijzigingen'],
      operationId: 'deleteRelease',
      summary: 'Release schrappen',
      description: 'Schrapt een release zonder RFC’s; het releasevenster verdwijnt en de conflicten worden herberekend. 409 als er nog RFC’s in zitten.',
      request: { params: IdParam },
      responses: { 204: { description: 'Geschrapt' }, 404: notFound, 409: conflict },
    }),
    async (c) => {
      userMay(c, 'release.manage');
      const id = c.req.valid('param').id;
      const { sql, now, procedure } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        const old = await releaseById(tx, id, true);
        if (!old) throw new ProblemError(404, 'Deze release bestaat niet.');
        if ((await rfcsOfReleases(tx, [id])).length > 0) {
          throw new ProblemError(409, 'Deze release bevat RFC’s; plan die eerst in een andere release in.');
        }
        await releaseDelete(tx, id);
        await releaseCapacityChanged(
          tx,
          { name: old.name, start: old.startAt, end: old.endAt, factor: old.factor },
          null,
          'geschrapt',
          at,
          procedure,
          c.get('planning'),
        );
      });
      return c.body(null, 204);
    },
  );
