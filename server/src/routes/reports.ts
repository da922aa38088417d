import { afnemerByOin, usageWindows } from '@cd/db';
import {
  ReportQuery,
  ServiceReport,
  UsageTemplateJson,
  UsageTemplateQuery,
  monthStart,
  usageTemplateFill,
  amsterdamDayIso,
  amsterdamDayNumber,
} from '@cd/shared';
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, userMay, userRequire, type AppEnv } from '../lib/context.js';
import { apiRoute, apiRouter, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { serviceReportCsv, serviceReportHtml } from '../lib/service-report-export.js';
import { usageTemplateXlsx } from '../lib/usage-xlsx.js';
import { accuracyOfAfnemer } from '../services/accuracy-totals.js';
import { serviceReportBuild } from '../services/service-report.js';
import { settingsRead } from '../services/settings.js';
import { usageTargetsJson } from '../views/usage-targets.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_DAYS = 400;

/** The filled usage template of the Afnemer the user may see. */
async function usageTemplate(c: Context<AppEnv>, q: z.infer<typeof UsageTemplateQuery>): Promise<UsageTemplateJson> {
  const user = userRequire(c);
  const scope = afnemerScope(user);
  if (scope !== null && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet alleen het gebruik van uw eigen Afnemer.');
  const oin = scope ?? q.afnemer;
  if (!oin) throw new ProblemError(400, 'Kies een Afnemer.', [{ field: 'afnemer', message: 'Verplicht voor Logius.' }]);
  const { sql, now } = c.get('deps');
  const afnemer = await afnemerByOin(sql, oin);
  if (!afnemer) throw new ProblemError(404, `Afnemer ${oin} bestaat niet.`);
  const quarter = q.quarter as 1 | 2 | 3 | 4;
  const rows = await usageWindows(sql, oin, new Date(monthStart(q.year - 1, 0)), new Date(monthStart(q.year, 12)));
  const { usageThresholds } = await settingsRead(sql);
  const t = usageTemplateFill(rows, q.year, quarter, 10, usageThresholds);
  const first = (quarter - 1) * 3;
  const [targets, accuracy] = await Promise.all([
    usageTargetsJson(sql, oin, q.year, quarter),
    accuracyOfAfnemer(sql, oin, monthStart(q.year, first), monthStart(q.year, first + 3), now().getTime()),
  ]);
  return {
    ...t,
    months: [...t.months],
    afnemer: oin,
    afnemerName: afnemer.name,
    date: amsterdamDayIso(amsterdamDayNumber(now().getTime())),
    activities: t.activities.map((a) => ({ ...a, start: new Date(a.start).toISOString() })),
    growthThresholds: { ...usageThresholds },
    targets: targets.updatedAt === null ? null : targets,
    accuracy,
  };
}

export const reports = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/service',
      tags: ['Rapportages'],
      operationId: 'getServiceReport',
      summary: 'Servicerapportage',
      description:
        'De servicerapportage voor het Operationeel Overleg over een periode (een Afnemer krijgt het eigen deel): HTML (Accept: text/html), CSV (Accept: text/csv) of JSON.',
      request: { query: ReportQuery },
      responses: {
        200: {
          description: 'De rapportage',
          content: {
            'application/json': { schema: ServiceReport },
            'text/html': { schema: { type: 'string' } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
      },
    }),
    async (c) => {
      const user = userMay(c, 'report.service');
      const q = c.req.valid('query');
      const from = new Date(q.from);
      const to = new Date(q.to);
      if (!(to > from)) throw new ProblemError(400, '"to" moet na "from" liggen.', [{ field: 'to', message: 'Moet na from liggen.' }]);
      if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) {
        throw new ProblemError(400, `Kies een periode van hoogstens ${MAX_DAYS} dagen.`, [{ field: 'to', message: 'Periode te lang.' }]);
      }
      const { sql, now } = c.get('deps');
      const scope = accessScope(user, 'report.service');
      const own = scope === null ? null : await afnemerByOin(sql, scope);
      if (scope !== null && !own) throw new ProblemError(403, 'Uw account hoort niet bij een bekende Afnemer.');
      const report = await serviceReportBuild(sql, c.get('planning'), from, to, now(), own ? { oin: own.oin, name: own.name } : null);
      const accept = c.req.header('accept') ?? '';
      const name = `service-rapportage-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}`;
      if (accept.includes('text/html')) {
        return c.body(serviceReportHtml(report), 200, { 'Content-Type': 'text/html; charset=utf-8' });
      }
      if (accept.includes('text/csv')) {
        return c.body(serviceReportCsv(report), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${name}.csv"`,
        });
      }
      return c.json(report, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/usage',
      tags: ['Rapportages'],
      operationId: 'getUsageReport',
      summary: 'Template (gepland) gebruik',
      description:
        'Het template "(gepland) gebruik en communicatie" per kwartaal: de cijfers uit de prognoses van een Afnemer, naast de doelstellingen en communicatie-activiteiten die de Afnemer zelf opgaf (/usage-targets).',
      request: { query: UsageTemplateQuery },
      responses: { 200: { description: 'Het ingevulde template', content: { 'application/json': { schema: UsageTemplateJson } } }, 404: notFound },
    }),
    async (c) => c.json(await usageTemplate(c, c.req.valid('query')), 200),
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/usage.xlsx',
      tags: ['Rapportages'],
      operationId: 'getUsageReportXlsx',
      summary: 'Template (gepland) gebruik als Excel',
      description: 'Hetzelfde template als Excel-bestand.',
      request: { query: UsageTemplateQuery },
      responses: { 200: { description: 'XLSX', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } }, 404: notFound },
    }),
    async (c) => {
      const t = await usageTemplate(c, c.req.valid('query'));
      return c.body(await usageTemplateXlsx(t), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': `attachment; filename="gebruik-${t.afnemer}-${t.year}-q${t.quarter}.xlsx"`,
      });
    },
  );
