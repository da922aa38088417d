import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import type { Sql } from '@cd/db';
import { PROCEDURE_STEPS } from '@cd/shared';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ProblemError, problemResponse } from './problem.js';

/**
 * Process-wide metrics, shared by every app in the process: the recompute runs in services that know no app,
 * and Node's own figures (memory, event loop, GC) belong to the process.
 */
const processRegistry = new Registry();
let processMetricsStarted = false;

/** Seconds per conflict recompute (waiting for its lock, the detection and what it stores), observed by conflictsRecompute. */
export const recomputeDuration = new Histogram({
  name: 'cd_recompute_duration_seconds',
  help: 'Duur van een herberekening van de conflicten (wachten op de vergrendeling, detectie en opslaan), in seconden',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [processRegistry],
});

/** Runs `work` and observes its duration in cd_recompute_duration_seconds, also when it throws. */
export async function recomputeTimed<T>(work: () => Promise<T>): Promise<T> {
  const done = recomputeDuration.startTimer();
  try {
    return await work();
  } finally {
    done();
  }
}

/** Label values of a request's method: anything else is 'OTHER', so a caller cannot grow the label set. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The open procedure steps, each reported (0 when none), in procedure order. */
const OPEN_STEPS = PROCEDURE_STEPS.filter((s) => s !== 'resolved');

/**
 * The route pattern that answered a request, such as '/api/v1/conflicts/:id': the handler that ran, or, when
 * middleware answered first (a 401, a 413), the first route after it that would have; 'unmatched' when no route
 * matched. Never the raw path, so the number of label values is bounded by the routes the app has. The web app's
 * fallback ('/*', registered last) names every page and asset together.
 */
function routeLabel(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = Math.max(0, c.req.routeIndex); i < routes.length; i++) if (routes[i]!.method !== 'ALL') return routes[i]!.path;
  return 'unmatched';
}

/** The metrics of one app (one server process in production) on its database pool. */
export function metricsCreate(sql: Sql) {
  if (!processMetricsStarted) {
    processMetricsStarted = true;
    collectDefaultMetrics({ register: processRegistry, prefix: 'cd_' });
  }
  const registry = new Registry();
  const requestDuration = new Histogram({
    name: 'cd_http_request_duration_seconds',
    help: 'Duur van HTTP-verzoeken per routepatroon, methode en status, in seconden',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const sseClients = new Gauge({ name: 'cd_sse_clients', help: 'Open server-sent-eventsverbindingen (live-updates)', registers: [registry] });
  const poolMax = new Gauge({ name: 'cd_db_pool_max', help: 'Grootte van de databasepool van dit proces (DB_POOL)', registers: [registry] });
  const poolInUse = new Gauge({
    name: 'cd_db_pool_in_use',
    help: 'Verbindingen van de databasepool van dit proces die nu een query of transactie uitvoeren',
    registers: [registry],
  });
  const databaseUp = new Gauge({ name: 'cd_database_up', help: '1 als de database bij de laatste meting antwoordde, anders 0', registers: [registry] });
  const outboxBacklog = new Gauge({ name: 'cd_outbox_backlog', help: 'E-mails in de outbox die nog niet verstuurd zijn', registers: [registry] });
  const openConflicts = new Gauge({
    name: 'cd_conflicts_open',
    help: 'Open conflicten per stap van de conflictprocedure',
    labelNames: ['step'] as const,
    registers: [registry],
  });
  poolMax.set((sql.options as { max?: number }).max ?? 0);

  /** Reads the database figures in one query; leaves the last values and sets cd_database_up to 0 when it fails. */
  async function databaseFiguresRead() {
    try {
      // The pool's connections carry this process's application_name (db/src/client.ts); the scrape's own is left out.
      const [row] = await sql<{ outbox: number; inUse: number; steps: Record<string, number> | null }[]>`
        select
          (select count(*)::int from outbox where sent_at is null) as outbox,
          (select count(*)::int from pg_stat_activity
            where datname = current_database() and application_name = current_setting('application_name') and pid <> pg_backend_pid() and state is distinct from 'idle'
              and backend_type = 'client backend') as in_use,
          (select json_object_agg(step, n) from (
            select cc.step, count(*)::int as n from conflicts c join conflict_cases cc on cc.conflict_id = c.id
            where c.status = 'open' group by cc.step) s) as steps`;
      outboxBacklog.set(row!.outbox);
      poolInUse.set(row!.inUse);
      for (const step of OPEN_STEPS) openConflicts.set({ step }, row!.steps?.[step] ?? 0);
      databaseUp.set(1);
    } catch {
      databaseUp.set(0);
    }
  }

  return {
    /** Times every request by route pattern; register it first, so it sees the final status of every answer. */
    requestObserve: (async (c, next) => {
      const done = requestDuration.startTimer();
      try {
        await next();
      } finally {
        done({ method: METHODS.has(c.req.method) ? c.req.method : 'OTHER', route: routeLabel(c), status: String(c.res.status) });
      }
    }) satisfies MiddlewareHandler,
    /** A live stream opened (+1) or closed (-1). */
    sseClientsAdd(delta: 1 | -1) {
      sseClients.inc(delta);
    },
    /** The whole exposition in the Prometheus text format, with the database figures read now. */
    async scrape(): Promise<{ contentType: string; body: string }> {
      await databaseFiguresRead();
      const merged = Registry.merge([processRegistry, registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
export type AppMetrics = ReturnType<typeof metricsCreate>;

/**
 * True when the Authorization header is "Bearer <token>" with exactly `token`. Both sides are hashed first, so
 * the comparison takes the same time whatever the length or the first differing character.
 */
export function metricsTokenMatches(header: string | undefined, token: string): boolean {
  const given = /^bearer\s+(.+)$/i.exec(header?.trim() ?? '')?.[1] ?? '';
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

/**
 * GET /metrics on the app's own port: 404 without METRICS_TOKEN (then only METRICS_PORT serves it, or nothing),
 * 401 without that exact Bearer token.
 */
export function metricsRoute(metrics: AppMetrics, token: string | undefined): Handler {
  return async (c) => {
    if (!token) return problemResponse(c, new ProblemError(404, `Het pad ${c.req.path} bestaat niet.`));
    if (!metricsTokenMatches(c.req.header('authorization'), token)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return problemResponse(c, new ProblemError(401, 'Stuur het token uit METRICS_TOKEN mee als Authorization: Bearer <token>.'));
    }
    const { contentType, body } = await metrics.scrape();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  };
}

/** Names the process that answered in X-Served-By (INSTANCE_ID), so balancing behind a proxy can be seen. */
export function servedBy(instanceId: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('X-Served-By', instanceId);
  };
}

/** This process's name in pg_stat_activity: host and pid, so replicas on other hosts (each pid 1 in a container) differ. */
export function databaseApplicationName(): string {
  return `capaciteitsdashboard ${hostname()}:${process.pid}`.slice(0, 63);
}

/**
 * Serves GET /metrics alone on its own port (METRICS_PORT), for a scraper on an internal network: the main port
 * then need not expose it. With METRICS_TOKEN set, the token is required here too.
 */
export function metricsServerStart(
  metrics: AppMetrics,
  options: { port: number; host: string; token?: string },
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const problem = (status: number, title: string, detail: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers });
      res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
    };
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      problem(404, 'Niet gevonden', 'Deze poort dient alleen GET /metrics.');
      return;
    }
    if (options.token && !metricsTokenMatches(req.headers.authorization, options.token)) {
      problem(401, 'Niet aangemeld', 'Stuur het token uit METRICS_TOKEN mee als Authorization: Bearer <token>.', {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
      return;
    }
    metrics.scrape().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => problem(500, 'Interne fout', 'De metrieken konden niet worden verzameld.'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as { port: number }).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
