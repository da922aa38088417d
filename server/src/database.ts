import { createSql, migrate, startEmbeddedPostgres, type Sql } from '@cd/db';
import type { Config } from './config.js';
import { databaseApplicationName } from './lib/metrics.js';

export interface Database {
  sql: Sql;
  embedded: boolean;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts (or reuses) the embedded server, and brings the schema up to date. */
export async function databaseOpen(config: Config, log: (m: string) => void): Promise<Database> {
  let url = config.DATABASE_URL;
  let stopServer = async () => {};
  if (!url) {
    const server = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.PG_PORT, log });
    url = server.url;
    stopServer = server.stop;
  }
  // Writers can wait on locks (recompute, a case file); enough connections keep readers from queueing behind them.
  const sql = createSql(url, { max: config.DB_POOL, applicationName: databaseApplicationName() });
  try {
    const applied = await migrate(sql);
    if (applied.length) log(`Migraties toegepast: ${applied.join(', ')}`);
  } catch (err) {
    await sql.end({ timeout: 1 });
    await stopServer();
    const where = config.DATABASE_URL ? 'de database in DATABASE_URL' : 'de ingebedde database';
    throw new Error(`Kon ${where} niet bijwerken: ${(err as Error).message}`);
  }
  return {
    sql,
    embedded: !config.DATABASE_URL,
    close: async () => {
      await sql.end({ timeout: 5 });
      await stopServer();
    },
  };
}
