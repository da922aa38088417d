import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './client.js';

const here = dirname(fileURLToPath(import.meta.url));
/** db/migrations from the sources; in the built server (server/dist/*.js) the build copies them beside the bundle. */
export const migrationsDir = [join(here, 'migrations'), join(here, '..', 'migrations')].find((d) => existsSync(d)) ?? join(here, '..', 'migrations');

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

/** The migration files in `dir`, in the order they apply. */
export async function migrationFiles(dir = migrationsDir): Promise<string[]> {
  return (await readdir(dir)).filter((f) => MIGRATION_FILE.test(f)).sort();
}

/** The migration files not applied to the database yet (all of them on an empty database); throws when it cannot be reached. */
export async function migrationsPending(sql: Sql, dir = migrationsDir): Promise<string[]> {
  const files = await migrationFiles(dir);
  const [table] = await sql<{ exists: boolean }[]>`select to_regclass('schema_migrations') is not null as exists`;
  if (!table?.exists) return files;
  const done = new Set((await sql<{ name: string }[]>`select name from schema_migrations`).map((r) => r.name));
  return files.filter((f) => !done.has(f));
}

/** Applies every numbered .sql file not applied yet, each in its own transaction; returns the names applied. */
export async function migrate(sql: Sql, dir = migrationsDir): Promise<string[]> {
  const files = await migrationFiles(dir);
  // One migrator at a time, also across server instances starting together.
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(7215001)`;
    await tx`create table if not exists schema_migrations (
      name text primary key, applied_at timestamptz not null default now())`;
    const done = new Set((await tx<{ name: string }[]>`select name from schema_migrations`).map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const text = await readFile(join(dir, file), 'utf8');
      await tx.savepoint(async (sp) => {
        await sp.unsafe(text);
        await sp`insert into schema_migrations (name) values (${file})`;
      });
      applied.push(file);
    }
    return applied;
  });
}
