import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app.js';
import { loggerCreate } from './lib/logger.js';
import { metricsCreate, metricsServerStart } from './lib/metrics.js';
import { configDeadlines, configFromEnv, configHorizon, configWantsDemo } from './config.js';
import { databaseOpen } from './database.js';
import { DEMO_LOGINS, DEMO_PASSWORD, demoSeed } from './demo-seed.js';
import { outboxWorker, smtpTransport } from './services/mailer.js';
import { incidentsCalamityProposalsRecord } from './services/incidents.js';
import { casesBackfill, casesOverdueNotify } from './services/procedure.js';

const log = (m: string) => console.log(m);

async function main() {
  let config;
  try {
    config = configFromEnv(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const db = await databaseOpen(config, log);
  const backfilled = await db.sql.begin((tx) => casesBackfill(tx, new Date(), { deadlines: configDeadlines(config) }));
  if (backfilled) log(`Dossiers aangemaakt voor ${backfilled} open conflict(en) zonder dossier.`);
  let demoUsers: string[] = [];
  if (configWantsDemo(config)) {
    const seeded = await demoSeed(db.sql, new Date());
    if (seeded) log(`Demodata geladen: ${seeded.afnemers} Afnemers, ${seeded.windows} verzendmomenten.`);
    demoUsers = DEMO_LOGINS;
  }

  const metrics = metricsCreate(db.sql);
  const app = createApp({
    sql: db.sql,
    now: () => new Date(),
    sessionHours: config.SESSION_HOURS,
    procedure: { deadlines: configDeadlines(config) },
    horizon: configHorizon(config),
    logger: loggerCreate(config.LOG_LEVEL === 'silent' ? 'silent' : config.LOG_LEVEL),
    trustProxy: config.TRUST_PROXY === '1',
    metrics,
    metricsToken: config.METRICS_TOKEN,
    instanceId: config.INSTANCE_ID,
  });
  const metricsServer = config.METRICS_PORT
    ? await metricsServerStart(metrics, { port: config.METRICS_PORT, host: config.HOST, token: config.METRICS_TOKEN })
    : null;
  if (metricsServer) log(`Metrieken op http://${config.HOST}:${metricsServer.port}/metrics`);
  const webDist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');
  if (existsSync(webDist)) {
    const root = relative(process.cwd(), webDist);
    app.use('/*', serveStatic({ root }));
    app.get('/*', serveStatic({ root, path: 'index.html' }));
  }

  // P1 incidents that used 75% of their resolution time become calamity proposals (checked every minute).
  const calamityCheck = setInterval(() => {
    db.sql
      .begin((tx) => incidentsCalamityProposalsRecord(tx, new Date()))
      .catch((err) => console.error(JSON.stringify({ level: 'error', msg: 'calamity check', err: String((err as Error).message) })));
  }, 60_000);
  // A procedure step past its deadline: whoever must act now hears it once (checked every minute).
  const overdueCheck = setInterval(() => {
    db.sql
      .begin((tx) => casesOverdueNotify(tx, new Date(), { deadlines: configDeadlines(config) }))
      .catch((err) => console.error(JSON.stringify({ level: 'error', msg: 'overdue check', err: String((err as Error).message) })));
  }, 60_000);
  const mail = config.SMTP_URL ? outboxWorker(db.sql, smtpTransport(config.SMTP_URL), config.MAIL_FROM) : null;
  if (!mail) log('Geen SMTP_URL: e-mail blijft in de outbox en is in de app te lezen.');

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    log(`Capaciteitsdashboard draait op http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${info.port}/`);
    if (demoUsers.length) {
      log(`Demo-accounts (wachtwoord "${DEMO_PASSWORD}"):`);
      for (const line of demoUsers) log(`  ${line}`);
    }
  });
  server.on('error', async (err: NodeJS.ErrnoException) => {
    console.error(
      err.code === 'EADDRINUSE' ? `Poort ${config.PORT} is al in gebruik. Kies een andere met PORT=...` : `De webserver kon niet starten: ${err.message}`,
    );
    await db.close();
    process.exit(1);
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('Afsluiten ...');
    server.close();
    mail?.stop();
    await metricsServer?.close();
    clearInterval(calamityCheck);
    clearInterval(overdueCheck);
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`Starten mislukt: ${(err as Error).message}`);
  process.exit(1);
});
