import { maintenanceById, maintenanceChangesList, maintenanceList } from '@cd/db';
import {
  DryRunQuery,
  MAINTENANCE_UNDO_MINUTES,
  MaintenanceChangeJson,
  MaintenanceChangeResult,
  MaintenanceWindowInput,
  MaintenanceWindowJson,
  MaintenanceWindowSavedJson,
  PlanningDryRunResult,
  RangeInstant,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { horizonFields, horizonNow, horizonRequire } from '../lib/horizon.js';
import {
  maintenanceChangeJson,
  maintenanceDryRun,
  maintenanceSave,
  maintenanceUndo,
  maintenanceUndoDryRun,
  type MaintenanceEdit,
} from '../services/capacity-changes.js';
import { maintenanceJson } from '../views/maintenance-windows.js';

const toInput = (b: z.infer<typeof MaintenanceWindowInput>) => ({ ...b, start: new Date(b.start), end: new Date(b.end) });
const preview = {
  200: {
    description: 'Met dryRun=true: wat de wijziging met de conflicten zou doen (niets opgeslagen)',
    content: { 'application/json': { schema: PlanningDryRunResult } },
  },
};

export const maintenanceWindows = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Capaciteit'],
      operationId: 'listMaintenanceWindows',
      summary: 'Onderhoudsvensters',
      description: 'Onderhouds-, release- en incidentvensters die de capaciteit verlagen (met een factor 0..1), eventueel binnen een periode.',
      request: { query: z.object({ from: RangeInstant.optional(), to: RangeInstant.optional() }) },
      responses: { 200: { description: 'De vensters', content: { 'application/json': { schema: z.array(MaintenanceWindowJson) } } } },
    }),
    async (c) => {
      userRequire(c);
      const q = c.req.valid('query');
      const rows = await maintenanceList(c.get('deps').sql, q.from ? new Date(q.from) : null, q.to ? new Date(q.to) : null);
      return c.json(rows.map(maintenanceJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Capaciteit'],
      operationId: 'getMaintenanceWindow',
      summary: 'Eén onderhoudsvenster',
      description: 'Eén onderhouds-, release- of incidentvenster met factor en reden.',
      request: { params: IdParam },
      responses: { 200: { description: 'Het venster', content: { 'application/json': { schema: MaintenanceWindowJson } } }, 404: notFound },
    }),
    async (c) => {
      userRequire(c);
      const m = await maintenanceById(c.get('deps').sql, c.req.valid('param').id);
      if (!m) throw new ProblemError(404, 'Dit onderhoudsvenster bestaat niet.');
      return c.json(maintenanceJson(m), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Capaciteit'],
      operationId: 'createMaintenanceWindow',
      summary: 'Onderhoudsvenster toevoegen',
      description: `Voegt een onderhoudsvenster toe; de conflicten worden herberekend. De wijziging komt in het spoor en is ${MAINTENANCE_UNDO_MINUTES} minuten ongedaan te maken. Met dryRun=true wordt alleen het effect op de conflicten getoond.`,
      request: {
        query: DryRunQuery,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: MaintenanceWindowInput,
              example: {
                start: '2027-02-06T22:00:00+01:00',
                end: '2027-02-07T04:00:00+01:00',
                factor: 0.5,
                reason: 'Onderhoud aan de database',
                kind: 'onderhoud',
              },
            },
          },
        },
      },
      responses: {
        ...preview,
        201: {
          description: 'Toegevoegd, met de wijziging in het spoor en wat ze met de conflicten deed',
          content: { 'application/json': { schema: MaintenanceWindowSavedJson } },
        },
      },
    }),
    async (c) => {
      const user = userMay(c, 'maintenance.manage');
      const edit: MaintenanceEdit = { action: 'create', input: toInput(c.req.valid('json')) };
      const { sql, now, procedure } = c.get('deps');
      horizonRequire(horizonNow(c.get('deps')), horizonFields(edit.input));
      if (c.req.valid('query').dryRun === 'true') return c.json(await maintenanceDryRun(sql, edit), 200);
      const saved = await maintenanceSave(sql, edit, user.id, now(), procedure, c.get('planning'));
      return c.json({ ...maintenanceJson((await maintenanceById(sql, saved.id))!), change: saved.change, effect: saved.effect }, 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/{id}',
      tags: ['Capaciteit'],
      operationId: 'updateMaintenanceWindow',
      summary: 'Onderhoudsvenster wijzigen',
      description: `Wijzigt een onderhoudsvenster; de conflicten worden herberekend en de wijziging is ${MAINTENANCE_UNDO_MINUTES} minuten ongedaan te maken. Met dryRun=true wordt alleen het effect getoond.`,
      request: {
        params: IdParam,
        query: DryRunQuery,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: MaintenanceWindowInput,
              example: {
                start: '2027-02-06T22:00:00+01:00',
                end: '2027-02-07T04:00:00+01:00',
                factor: 0.5,
                reason: 'Onderhoud aan de database',
                kind: 'onderhoud',
              },
            },
          },
        },
      },
      responses: {
        200: {
          description: 'Gewijzigd, met de wijziging in het spoor en wat ze met de conflicten deed; of met dryRun=true wat ze zou doen',
          content: { 'application/json': { schema: z.union([MaintenanceWindowSavedJson, PlanningDryRunResult]) } },
        },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userMay(c, 'maintenance.manage');
      const edit: MaintenanceEdit = { action: 'update', id: c.req.valid('param').id, input: toInput(c.req.valid('json')) };
      const { sql, now, procedure } = c.get('deps');
      horizonRequire(horizonNow(c.get('deps')), horizonFields(edit.input));
      if (c.req.valid('query').dryRun === 'true') return c.json(await maintenanceDryRun(sql, edit), 200);
      const saved = await maintenanceSave(sql, edit, user.id, now(), procedure, c.get('planning'));
      return c.json({ ...maintenanceJson((await maintenanceById(sql, saved.id))!), change: saved.change, effect: saved.effect }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['Capaciteit'],
      operationId: 'deleteMaintenanceWindow',
      summary: 'Onderhoudsvenster verwijderen',
      description: `Verwijdert een onderhoudsvenster; de conflicten worden herberekend en de wijziging is ${MAINTENANCE_UNDO_MINUTES} minuten ongedaan te maken. Met dryRun=true wordt alleen het effect getoond.`,
      request: { params: IdParam, query: DryRunQuery },
      responses: {
        200: {
          description: 'Verwijderd: de wijziging in het spoor en wat ze met de conflicten deed; of met dryRun=true wat ze zou doen',
          content: { 'application/json': { schema: z.union([MaintenanceChangeResult, PlanningDryRunResult]) } },
        },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userMay(c, 'maintenance.manage');
      const edit: MaintenanceEdit = { action: 'delete', id: c.req.valid('param').id };
      const { sql, now, procedure } = c.get('deps');
      if (c.req.valid('query').dryRun === 'true') return c.json(await maintenanceDryRun(sql, edit), 200);
      const saved = await maintenanceSave(sql, edit, user.id, now(), procedure, c.get('planning'));
      return c.json({ change: saved.change, effect: saved.effect }, 200);
    },
  );

export const maintenanceChanges = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Capaciteit'],
      operationId: 'listMaintenanceChanges',
      summary: 'Spoor van de onderhoudskalender',
      description: 'Elke wijziging van de onderhoudskalender, nieuwste eerst, met wie haar deed en of ze ongedaan is gemaakt.',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
      responses: { 200: { description: 'De wijzigingen', content: { 'application/json': { schema: z.array(MaintenanceChangeJson) } } } },
    }),
    async (c) => {
      userRequire(c);
      const rows = await maintenanceChangesList(c.get('deps').sql, c.req.valid('query').limit);
      return c.json(rows.map(maintenanceChangeJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/{id}/undo',
      tags: ['Capaciteit'],
      operationId: 'undoMaintenanceChange',
      summary: 'Onderhoudswijziging ongedaan maken',
      description: `Maakt een wijziging van de onderhoudskalender ongedaan, tot ${MAINTENANCE_UNDO_MINUTES} minuten erna, door wie haar deed of de capaciteitsmanager (anders 403); daarna, of als ze al ongedaan is gemaakt, 409. Met dryRun=true wordt alleen het effect getoond.`,
      request: { params: IdParam, query: DryRunQuery },
      responses: {
        200: {
          description: 'Ongedaan gemaakt, met wat dat met de conflicten deed; of met dryRun=true wat het zou doen',
          content: { 'application/json': { schema: z.union([MaintenanceChangeResult, PlanningDryRunResult]) } },
        },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userMay(c, 'maintenance.manage');
      const id = c.req.valid('param').id;
      const { sql, now, procedure } = c.get('deps');
      if (c.req.valid('query').dryRun === 'true') return c.json(await maintenanceUndoDryRun(sql, id, user, now()), 200);
      return c.json(await maintenanceUndo(sql, id, user, now(), procedure, c.get('planning')), 200);
    },
  );
