import { capacityProfileById } from '@cd/db';
import {
  capacityDateOf,
  capacityDateStart,
  CapacityProfileInput,
  CapacityProfileJson,
  CapacityProfileNowJson,
  CapacityProfileRestoreInput,
  CapacityProfileSavedJson,
  DryRunQuery,
  PlanningDryRunResult,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { profileDryRun, profileJson, profileSave, type ProfileChange } from '../services/capacity-changes.js';
import { capacityProfileAt, capacityProfilesRead } from '../services/capacity-schedule.js';

const savedOrPreview = z.union([CapacityProfileSavedJson, PlanningDryRunResult]);

export const capacityProfile = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Capaciteit'],
      operationId: 'getCapacityProfile',
      summary: 'Het geldende capaciteitsprofiel',
      description: 'Het capaciteitsprofiel dat nu geldt (168 uurwaarden, maandag 00:00 eerst, Europe/Amsterdam) en de profielen die later ingaan (upcoming).',
      responses: { 200: { description: 'Het profiel', content: { 'application/json': { schema: CapacityProfileNowJson } } } },
    }),
    async (c) => {
      userRequire(c);
      const { sql, now } = c.get('deps');
      const profiles = await capacityProfilesRead(sql);
      const at = now().getTime();
      const current = capacityProfileAt(profiles, at);
      const upcoming = profiles.schedule
        .filter((p) => p.from > at)
        .map((p) => profiles.rows.find((r) => r.id === p.id)!)
        .map((r) => profileJson(r, profiles));
      return c.json({ ...profileJson(current, profiles), upcoming }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/history',
      tags: ['Capaciteit'],
      operationId: 'listCapacityProfileHistory',
      summary: 'Geschiedenis van het capaciteitsprofiel',
      description: 'Alle capaciteitsprofielen, laatst ingesteld eerst, met vanaf en tot wanneer elk gold.',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
      responses: { 200: { description: 'De geschiedenis', content: { 'application/json': { schema: z.array(CapacityProfileJson) } } } },
    }),
    async (c) => {
      userRequire(c);
      const profiles = await capacityProfilesRead(c.get('deps').sql);
      return c.json(
        profiles.rows.slice(0, c.req.valid('query').limit).map((r) => profileJson(r, profiles)),
        200,
      );
    },
  )
  .openapi(
    apiRoute({
      method: 'put',
      path: '/',
      tags: ['Capaciteit'],
      operationId: 'setCapacityProfile',
      summary: 'Capaciteitsprofiel instellen',
      description:
        'Stelt een nieuw capaciteitsprofiel in vanaf een datum (vandaag of later; alleen de capaciteitsmanager). De conflicten worden in dezelfde transactie herberekend en het antwoord noemt het effect. Met dryRun=true wordt alleen het effect getoond.',
      request: {
        query: DryRunQuery,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: CapacityProfileInput,
              example: {
                ratesPerHour: Array.from({ length: 168 }, (_, h) => (h % 24 >= 7 && h % 24 < 19 ? 400_000 : 150_000)),
                threshold: 1,
                warningLevel: 0.8,
                effectiveFrom: '2027-01-04',
              },
            },
          },
        },
      },
      responses: {
        200: {
          description: 'Het nieuwe profiel met wat het met de conflicten deed, of met dryRun=true wat het zou doen (niets opgeslagen)',
          content: { 'application/json': { schema: savedOrPreview } },
        },
      },
    }),
    async (c) => {
      const user = userMay(c, 'capacity.manage');
      const body = c.req.valid('json');
      const { sql, now, procedure } = c.get('deps');
      const profiles = await capacityProfilesRead(sql);
      // Levels left out stay as in the profile in force on the effective date.
      const base = capacityProfileAt(profiles, capacityDateStart(body.effectiveFrom ?? capacityDateOf(now().getTime())));
      const change: ProfileChange = {
        ratesPerHour: body.ratesPerHour,
        threshold: body.threshold ?? base.threshold,
        warningLevel: body.warningLevel ?? base.warningLevel,
        effectiveFrom: body.effectiveFrom,
        restoredFrom: null,
      };
      if (c.req.valid('query').dryRun === 'true') return c.json(await profileDryRun(sql, change, now()), 200);
      return c.json(await profileSave(sql, change, user.id, now(), 'Capaciteitsprofiel gewijzigd', procedure, c.get('planning')), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/history/{id}/restore',
      tags: ['Capaciteit'],
      operationId: 'restoreCapacityProfile',
      summary: 'Eerder profiel terugzetten',
      description:
        'Zet een eerder capaciteitsprofiel terug als nieuwe versie, vanaf een datum (alleen de capaciteitsmanager); de conflicten worden herberekend. Met dryRun=true wordt alleen het effect getoond.',
      request: {
        params: IdParam,
        query: DryRunQuery,
        body: { required: true, content: { 'application/json': { schema: CapacityProfileRestoreInput, example: { effectiveFrom: '2027-01-04' } } } },
      },
      responses: {
        200: {
          description: 'Het teruggezette profiel (een nieuwe versie), of met dryRun=true wat het zou doen (niets opgeslagen)',
          content: { 'application/json': { schema: savedOrPreview } },
        },
        404: notFound,
      },
    }),
    async (c) => {
      const user = userMay(c, 'capacity.manage');
      const { sql, now, procedure } = c.get('deps');
      const source = await capacityProfileById(sql, c.req.valid('param').id);
      if (!source) throw new ProblemError(404, 'Dit capaciteitsprofiel bestaat niet.');
      const change: ProfileChange = {
        ratesPerHour: source.ratesPerHour,
        threshold: source.threshold,
        warningLevel: source.warningLevel,
        effectiveFrom: c.req.valid('json').effectiveFrom,
        restoredFrom: source.id,
      };
      if (c.req.valid('query').dryRun === 'true') return c.json(await profileDryRun(sql, change, now()), 200);
      return c.json(await profileSave(sql, change, user.id, now(), `Capaciteitsprofiel ${source.id} teruggezet`, procedure, c.get('planning')), 200);
    },
  );
