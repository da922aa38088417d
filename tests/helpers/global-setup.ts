import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createSql, migrate, startEmbeddedPostgres, type EmbeddedServer } from '@cd/db';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

// Per run: its own embedded server, data folder and template, so test runs side by side never meet.
const TEMPLATE_DB = `cd_test_template_${process.pid}`;
const DATA_DIR = `${process.env.TEST_DATA_DIR ?? '.data/test'}/run-${process.pid}`;
let server: EmbeddedServer | null = null;
let adminUrl = '';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** One database server for the run (DATABASE_URL, or an embedded one) and one migrated template database. */
export async function setup(project: TestProject) {
  adminUrl = process.env.DATABASE_URL ?? '';
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
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', TEMPLATE_DB);
}

export async function teardown() {
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
