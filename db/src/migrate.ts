import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './client.js';

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/** Applies every numbered .sql file not applied yet, each in its own transaction; returns the names applied. */
export async function migrate(sql: Sql, dir = migrationsDir): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
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
