import { afnemerByOin, contactById, contactCreate, contactDelete, contactsList, contactUpdate, type Queryable, type UserRow } from '@cd/db';
import { ContactInput, ContactJson, ContactQuery } from '@cd/shared';
import { accessScope } from '@cd/shared/access';
import { z } from '@hono/zod-openapi';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { contactJson } from '../views/contacts.js';

// Logius keeps its own list; each Afnemer keeps its own (section 5.2: "Afnemer is verantwoordelijk voor een actuele lijst").

/** Throws 403 unless the user may keep the contacts of `afnemer` (null: Logius). */
async function contactsMayKeep(sql: Queryable, user: UserRow, afnemer: string | null) {
  const scope = accessScope(user, 'contact.manage');
  if (scope !== null && afnemer !== scope) throw new ProblemError(403, 'U beheert alleen de contactgegevens van uw eigen Afnemer.');
  if (afnemer !== null && !(await afnemerByOin(sql, afnemer))) {
    throw new ProblemError(400, 'Onbekende Afnemer.', [{ field: 'afnemer', message: `Afnemer ${afnemer} bestaat niet.` }]);
  }
}

export const contacts = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Contacten'],
      operationId: 'listContacts',
      summary: 'Contactgegevens (Bijlage 1)',
      description: 'Contactgegevens uit Bijlage 1 van de DAP: van Logius, en van de Afnemers die u mag zien.',
      request: { query: ContactQuery },
      responses: { 200: { description: 'De contacten', content: { 'application/json': { schema: z.array(ContactJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const scope = afnemerScope(user);
      if (scope && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet alleen de contactgegevens van Logius en van uw eigen Afnemer.');
      const only = scope ?? q.afnemer ?? null;
      const rows = await contactsList(c.get('deps').sql, {
        afnemers: q.logius === 'true' ? [] : only ? [only] : null,
        includeLogius: q.afnemer === undefined || q.logius === 'true',
        role: q.role ?? null,
      });
      return c.json(rows.map(contactJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Contacten'],
      operationId: 'createContact',
      summary: 'Contact toevoegen',
      description: 'Voegt een contact toe: voor Logius door de servicemanager of beheerder, voor een Afnemer door de eigen planner of klantraad-manager.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: ContactInput,
              example: {
                afnemer: '00000001003214345000',
                role: 'planning',
                name: 'Team Planning',
                email: 'planning@belastingdienst.example',
                phone: '+31 70 123 45 67',
              },
            },
          },
        },
      },
      responses: { 201: { description: 'Toegevoegd', content: { 'application/json': { schema: ContactJson } } } },
    }),
    async (c) => {
      const user = userMay(c, 'contact.manage');
      const b = c.req.valid('json');
      const { sql, now } = c.get('deps');
      await contactsMayKeep(sql, user, b.afnemer);
      const id = await contactCreate(sql, { afnemerOin: b.afnemer, role: b.role, name: b.name, email: b.email, phone: b.phone }, user.id, now());
      return c.json(contactJson((await contactById(sql, id))!), 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/{id}',
      tags: ['Contacten'],
      operationId: 'updateContact',
      summary: 'Contact wijzigen',
      description: 'Wijzigt een contact; dezelfde regels als bij toevoegen.',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: ContactInput,
              example: {
                afnemer: '00000001003214345000',
                role: 'planning',
                name: 'Team Planning',
                email: 'planning@belastingdienst.example',
                phone: '+31 70 123 45 67',
              },
            },
          },
        },
      },
      responses: { 200: { description: 'Gewijzigd', content: { 'application/json': { schema: ContactJson } } }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, 'contact.manage');
      const id = c.req.valid('param').id;
      const b = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const old = await contactById(sql, id);
      if (!old) throw new ProblemError(404, 'Dit contact bestaat niet.');
      await contactsMayKeep(sql, user, old.afnemerOin);
      await contactsMayKeep(sql, user, b.afnemer);
      await contactUpdate(sql, id, { afnemerOin: b.afnemer, role: b.role, name: b.name, email: b.email, phone: b.phone }, user.id, now());
      return c.json(contactJson((await contactById(sql, id))!), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['Contacten'],
      operationId: 'deleteContact',
      summary: 'Contact verwijderen',
      description: 'Verwijdert een contact; dezelfde regels als bij toevoegen.',
      request: { params: IdParam },
      responses: { 204: { description: 'Verwijderd' }, 404: notFound },
    }),
    async (c) => {
      const user = userMay(c, 'contact.manage');
      const id = c.req.valid('param').id;
      const { sql } = c.get('deps');
      const old = await contactById(sql, id);
      if (!old) throw new ProblemError(404, 'Dit contact bestaat niet.');
      await contactsMayKeep(sql, user, old.afnemerOin);
      await contactDelete(sql, id);
      return c.body(null, 204);
    },
  );
