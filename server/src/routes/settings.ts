import { settingChanges, settingSet, settingsLock, type Tx } from '@cd/db';
import { SETTING_KEYS, SETTING_LABELS, SettingChangeJson, settingsDefaults, SettingsJson, SettingsPatch, settingsResolve, type SettingKey } from '@cd/shared';
import { settingsStored } from '@cd/db';
import { z } from '@hono/zod-openapi';
import { userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { settingsRead } from '../services/settings.js';

const HistoryQuery = z.object({
  key: z.enum(SETTING_KEYS, { error: 'Onbekende instelling.' }).optional().openapi({ description: 'Alleen de geschiedenis van deze instelling' }),
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const settings = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Beheer'],
      operationId: 'getSettings',
      summary: 'Instellingen',
      description:
        'De instellingen die nu gelden (calamiteitendrempel, drempels voor de verwachte toename van het gebruik, de catalogi van standaardwijzigingen en serviceverzoeken) en hun standaardwaarden. Iedereen die is aangemeld leest ze; alleen de beheerder wijzigt ze.',
      responses: { 200: { description: 'De instellingen', content: { 'application/json': { schema: SettingsJson } } } },
    }),
    async (c) => {
      userRequire(c);
      return c.json({ values: await settingsRead(c.get('deps').sql), defaults: settingsDefaults() }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'patch',
      path: '/',
      tags: ['Beheer'],
      operationId: 'updateSettings',
      summary: 'Instellingen wijzigen',
      description:
        'Wijzigt een of meer instellingen (alleen de beheerder). Elke gewijzigde instelling komt met oude en nieuwe waarde, wie en wanneer in de geschiedenis; een waarde gelijk aan de huidige verandert niets.',
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: SettingsPatch, example: { calamityThreshold: 0.8, reason: 'Besloten in het Tactisch Overleg' } } },
        },
      },
      responses: { 200: { description: 'De instellingen na de wijziging', content: { 'application/json': { schema: SettingsJson } } } },
    }),
    async (c) => {
      const user = userMay(c, 'settings.manage', 'Alleen de beheerder wijzigt de instellingen.');
      const patch = c.req.valid('json');
      const { sql, now } = c.get('deps');
      const at = now();
      await sql.begin(async (tx: Tx) => {
        await settingsLock(tx);
        const current = settingsResolve(await settingsStored(tx));
        for (const key of SETTING_KEYS as readonly SettingKey[]) {
          const next = patch[key];
          if (next === undefined || same(next, current[key])) continue;
          await settingSet(tx, { key, oldValue: current[key], newValue: next, reason: patch.reason ?? '', userId: user.id, at });
        }
      });
      return c.json({ values: await settingsRead(sql), defaults: settingsDefaults() }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/history',
      tags: ['Beheer'],
      operationId: 'listSettingChanges',
      summary: 'Geschiedenis van de instellingen',
      description: 'Elke wijziging van een instelling, nieuwste eerst: wie, wanneer, de oude en de nieuwe waarde en de reden (alleen de beheerder).',
      request: { query: HistoryQuery },
      responses: { 200: { description: 'De wijzigingen', content: { 'application/json': { schema: z.array(SettingChangeJson) } } } },
    }),
    async (c) => {
      userMay(c, 'settings.manage', 'Alleen de beheerder ziet de geschiedenis van de instellingen.');
      const rows = await settingChanges(c.get('deps').sql, c.req.valid('query').key ?? null, 500);
      return c.json(
        rows.map((r) => ({
          id: r.id,
          key: r.key as SettingKey,
          label: SETTING_LABELS[r.key as SettingKey],
          oldValue: r.oldValue,
          newValue: r.newValue,
          reason: r.reason,
          changedAt: r.changedAt.toISOString(),
          changedBy: r.changedBy,
        })),
        200,
      );
    },
  );
