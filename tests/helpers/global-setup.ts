import { createSql, migrate, startEmbeddedPostgres, type EmbeddedServer } from '@cd/db';
import type { TestProject } from 'vitest/node';

export const TEMPLATE_DB = 'cd_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
  }
}

let server: EmbeddedServer | null = null;

/** One database server for the run (DATABASE_URL, or the embedded one) and one migrated template database. */
export async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    server = await startEmbeddedPostgres({
      dataDir: process.env.TEST_DATA_DIR ?? '.data/test',
      port: Number(process.env.TEST_PG_PORT ?? 54339),
      log: (m) => console.log(m),
    });
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
}

export async function teardown() {
  await server?.stop();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
