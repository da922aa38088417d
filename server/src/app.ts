import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate, signInRequired } from './lib/auth.js';
import { bodyLimits, csrfGuard } from './lib/guards.js';
import { rateLimiter } from './lib/rate-limiter.js';
import { metricsCreate, metricsRoute, servedBy } from './lib/metrics.js';
import { loggerCreate, requestLog } from './lib/logger.js';
import type { AppEnv, Deps, NamesAt } from './lib/context.js';
import { API_VERSION, securitySchemes } from './lib/openapi.js';
import { planningCache } from './services/planning-cache.js';
import { versionedMemo } from './lib/versioned-memo.js';
import { bytesCache } from './lib/bytes-cache.js';
import type { ConflictRow } from '@cd/db';
import { changeFeed } from './services/change-feed.js';
import { events } from './routes/events.js';
import { notifications, outbox } from './routes/notifications.js';
import { errorToProblem, ProblemError, problemResponse } from './lib/problem.js';
import { afnemers } from './routes/afnemers.js';
import { prognoses } from './routes/prognoses.js';
import { prognoseUpload } from './routes/prognose-upload.js';
import { prognoseTemplates } from './routes/prognose-templates.js';
import { deliveries } from './routes/deliveries.js';
import { sessions } from './routes/sessions.js';
import { capacityProfile } from './routes/capacity-profile.js';
import { conflicts } from './routes/conflicts.js';
import { conflictActions } from './routes/conflict-actions.js';
import { conflictSuggestions } from './routes/conflict-suggestions.js';
import { load } from './routes/load.js';
import { maintenanceChanges, maintenanceWindows } from './routes/maintenance-windows.js';
import { levelling } from './routes/levelling.js';
import { levellingAnswers } from './routes/levelling-answers.js';
import { incidents } from './routes/incidents.js';
import { incidentActions } from './routes/incident-actions.js';
import { incidentImpacts } from './routes/incident-capacity-impacts.js';
import { incidentImpactUndo } from './routes/incident-capacity-undo.js';
import { incidentPriorities } from './routes/incident-priorities.js';
import { escalations } from './routes/escalations.js';
import { disruptionAnalyses } from './routes/disruption-analyses.js';
import { fraudReports } from './routes/fraud-reports.js';
import { securityIncidents } from './routes/security-incidents.js';
import { contacts } from './routes/contacts.js';
import { rfcs } from './routes/rfcs.js';
import { rfcActions } from './routes/rfc-actions.js';
import { standardChanges } from './routes/standard-changes.js';
import { settings } from './routes/settings.js';
import { subscriptions } from './routes/subscriptions.js';
import { notices } from './routes/notices.js';
import { usageTargets } from './routes/usage-targets.js';
import { accuracy, actuals } from './routes/actuals.js';
import { userRfcPermissions } from './routes/rfc-permissions.js';
import { releases } from './routes/releases.js';
import { serviceRequests, serviceRequestTypes } from './routes/service-requests.js';
import { reports } from './routes/reports.js';
import { exportsRouter } from './routes/exports.js';
import { calendarFeeds } from './routes/calendar-feeds.js';
import { zodDutchConfigure } from './lib/zod-dutch.js';
import { planChanges } from './routes/plan-changes.js';
import { apiTokens } from './routes/api-tokens.js';
import { healthHandler, readyHandler, unknownApiPath } from './lib/probes.js';
import { securityHeaders } from './lib/static.js';

export type { Deps } from './lib/context.js';

/** The whole HTTP API, without a listener: tests call app.request() on it. */
export function createApp(deps: Deps) {
  zodDutchConfigure();
  const app = new OpenAPIHono<AppEnv>();
  const metrics = deps.metrics ?? metricsCreate(deps.sql);
  app.use('*', metrics.requestObserve);
  if (deps.instanceId) app.use('*', servedBy(deps.instanceId));
  // The built web app's files under /assets/ get only the headers that act on them (lib/static.ts).
  app.use(
    '*',
    securityHeaders(
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
        },
      }),
    ),
  );
  const planning = planningCache();
  const conflictPages = versionedMemo<{ rows: ConflictRow[]; total: number }>();
  const afnemerNamesMemo = versionedMemo<NamesAt>(1);
  const conflictBytes = bytesCache();
  const caseFileBytes = bytesCache(128);
  const windowOrder = versionedMemo<number[]>(16);
  const feed = changeFeed(deps.sql);
  const logger = deps.logger ?? loggerCreate('silent');
  // Per server instance and per address: a brake on guessing across many accounts.
  const loginLimiter = rateLimiter(30, 5 * 60_000);
  app.use('/api/*', async (c, next) => {
    c.set('deps', deps);
    c.set('planning', planning);
    c.set('conflictPages', conflictPages);
    c.set('afnemerNames', afnemerNamesMemo);
    c.set('conflictBytes', conflictBytes);
    c.set('caseFileBytes', caseFileBytes);
    c.set('windowOrder', windowOrder);
    c.set('feed', feed);
    c.set('logger', logger);
    c.set('log', logger);
    c.set('loginLimiter', loginLimiter);
    c.set('metrics', metrics);
    await next();
    // Set on the finished response itself, as secureHeaders does: c.header() after the handler copies the whole
    // Response for every header it sets, which took 5% of the server's CPU at saturation (issue 16).
    const headers = c.res.headers;
    headers.set('API-Version', API_VERSION);
    // Answers are per user and change with every delivery: no cache may keep one, errors included.
    if (!headers.get('Cache-Control')?.includes('no-store')) headers.set('Cache-Control', 'no-store');
  });
  app.use('/api/*', requestLog);
  // An unknown path is 404 for everyone, before authentication could make it 401.
  app.use('/api/*', unknownApiPath(app, '/api/'));
  app.use('/api/*', authenticate);
  app.use('/api/*', signInRequired);
  app.use('/api/*', csrfGuard);
  app.use('/api/*', bodyLimits);

  const api = new OpenAPIHono<AppEnv>()
    .route('/sessions', sessions)
    .route('/afnemers', afnemers)
    .route('/prognoses', prognoseUpload)
    .route('/prognoses', prognoseTemplates)
    .route('/prognoses', prognoses)
    .route('/deliveries', deliveries)
    .route('/capacity-profile', capacityProfile)
    .route('/maintenance-windows', maintenanceWindows)
    .route('/levelling', levelling)
    .route('/levelling', levellingAnswers)
    .route('/maintenance-changes', maintenanceChanges)
    .route('/load', load)
    .route('/conflicts', conflicts)
    .route('/conflicts', conflictActions)
    .route('/conflicts', conflictSuggestions)
    .route('/events', events)
    .route('/notifications', notifications)
    .route('/outbox', outbox)
    .route('/incidents', incidents)
    .route('/incidents', incidentActions)
    .route('/incidents', incidentImpacts)
    .route('/incidents', incidentImpactUndo)
    .route('/incident-priorities', incidentPriorities)
    .route('/escalations', escalations)
    .route('/disruption-analyses', disruptionAnalyses)
    .route('/fraud-reports', fraudReports)
    .route('/security-incidents', securityIncidents)
    .route('/contacts', contacts)
    .route('/standard-changes', standardChanges)
    .route('/rfcs', rfcs)
    .route('/rfcs', rfcActions)
    .route('/users', userRfcPermissions)
    .route('/releases', releases)
    .route('/service-request-types', serviceRequestTypes)
    .route('/service-requests', serviceRequests)
    .route('/reports', reports)
    .route('/exports', exportsRouter)
    .route('/calendar-feeds', calendarFeeds)
    .route('/plan-changes', planChanges)
    .route('/tokens', apiTokens)
    .route('/settings', settings)
    .route('/subscriptions', subscriptions)
    .route('/notices', notices)
    .route('/usage-targets', usageTargets)
    .route('/actuals', actuals)
    .route('/accuracy', accuracy);
  for (const [name, scheme] of Object.entries(securitySchemes)) api.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  // Documented on the versioned sub-app, so paths are relative to the server URL that carries /v1.
  api.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Capaciteitsdashboard MijnOverheid Berichtenbox',
      version: API_VERSION,
      description: 'Prognoses van Afnemers, capaciteit en conflicten van de MijnOverheid Berichtenbox.',
      contact: { name: 'Logius Servicecentrum', email: 'servicecentrum@logius.nl', url: 'https://www.logius.nl/contact' },
    },
    servers: [{ url: 'https://capaciteit.mijnoverheid.nl/api/v1', description: 'Productie' }],
    tags: [
      { name: 'Aanmelden' },
      { name: 'Organisaties' },
      { name: 'Prognoses' },
      { name: 'Capaciteit' },
      { name: 'Conflicten' },
      { name: 'Live' },
      { name: 'Meldingen' },
      { name: 'Incidenten' },
      { name: 'Escalaties' },
      { name: 'Fraude' },
      { name: 'Beveiligingsincidenten' },
      { name: 'Contacten' },
      { name: 'Wijzigingen' },
      { name: 'Serviceverzoeken' },
      { name: 'Rapportages' },
      { name: 'Agenda' },
      { name: 'API-tokens' },
      { name: 'Beheer' },
    ],
  });
  app.route('/api/v1', api);
  // Before the web app's fallback (index.ts adds it after this), and outside the API and its OpenAPI document.
  app.get('/metrics', metricsRoute(metrics, deps.metricsToken));

  // Probes for a load balancer or orchestrator, outside the API and before the web app's fallback (server/src/index.ts).
  app.get('/health', healthHandler);
  app.get('/ready', readyHandler(deps.sql, logger, deps.stopping));

  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? problemResponse(c, new ProblemError(404, `Het pad ${c.req.path} bestaat niet.`)) : c.text('Niet gevonden', 404),
  );
  app.onError((err, c) => {
    const res = errorToProblem(err, c);
    res.headers.set('API-Version', API_VERSION);
    return res;
  });
  return app;
}
