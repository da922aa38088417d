import { rm } from 'node:fs/promises';
import { createSql, migrate, startEmbeddedPostgres, type EmbeddedServer } from '@cd/db';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

// Per run: its own embedded server, data folder and template, so test runs side by side never meet.
const TEMPLATE_DB = `cd_test_template_${process.pid}`;
const DATA_DIR = `${process.env.TEST_DATA_DIR ?? '.data/test'}/run-${process.pid}`;

/**
 * The db and browser projects both list this globalSetup; Vitest calls it once per project, in one process.
 * The first call starts the server and the template, later calls reuse them, and the last teardown stops them.
 * Kept on globalThis because each project may load this module anew.
 */
type Shared = { ready: Promise<{ server: EmbeddedServer | null; adminUrl: string }>; users: number };
const SHARED = Symbol.for('cd.test.database');
const registry = globalThis as typeof globalThis & { [SHARED]?: Shared };

async function start(): Promise<{ server: EmbeddedServer | null; adminUrl: string }> {
  let server: EmbeddedServer | null = null;
  let adminUrl = process.env.DATABASE_URL ?? '';
  if (!adminUrl) {
    server = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: await freePort(), log: (m) => console.log(m) });
    adminUrl = server.url;
  }
  const admin = createSql(adminUrl, { max: 1 });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const template = createSql(withDatabase(adminUrl, TEMPLATE_DB), { max: 1 });
  await migrate(template);
  await template.end();
  return { server, adminUrl };
}

/** One database server for the run (DATABASE_URL, or an embedded one) and one migrated template database. */
export async function setup(project: TestProject) {
  const shared = (registry[SHARED] ??= { ready: start(), users: 0 });
  shared.users++;
  const { adminUrl } = await shared.ready;
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', TEMPLATE_DB);
}

export async function teardown() {
  const shared = registry[SHARED];
  if (!shared || --shared.users > 0) return;
  delete registry[SHARED];
  const { server, adminUrl } = await shared.ready;
  if (server) {
    await server.stop();
    await rm(DATA_DIR, { recursive: true, force: true });
  } else if (adminUrl) {
    const admin = createSql(adminUrl, { max: 1 });
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
