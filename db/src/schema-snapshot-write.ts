// Writes db/schema.sql: migrates an empty database (a throwaway embedded PostgreSQL, or a fresh database on
// DATABASE_URL) and formats its catalog (db/src/schema-snapshot.ts). Run with `pnpm db:schema`.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createSql, migrate, schemaSnapshot, schemaSnapshotPath, startEmbeddedPostgres, type EmbeddedServer } from './index.js';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

let server: EmbeddedServer | null = null;
// Beside the tests' servers (under .data), where the embedded server's own user may write.
const dataDir = process.env.DATABASE_URL ? null : join('.data', `schema-${process.pid}`);
const adminUrl = process.env.DATABASE_URL ?? (server = await startEmbeddedPostgres({ dataDir: dataDir!, port: await freePort() })).url;
const name = `cd_schema_${randomBytes(6).toString('hex')}`;
const admin = createSql(adminUrl, { max: 1 });
try {
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = createSql(url.toString(), { max: 1 });
  try {
    await migrate(sql);
    await writeFile(schemaSnapshotPath, await schemaSnapshot(sql));
    console.log(`${schemaSnapshotPath} bijgewerkt.`);
  } finally {
    await sql.end();
  }
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
